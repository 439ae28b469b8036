"""frontend-py-http-p3: the Python frontend for the chain wiring on WASI 0.3 (world frontend-http-p3)."""

from http_source import HttpSource
from outgoing_p3 import send
from serve_p3 import http_handler
from wasi_host import WasiHost

Handler = http_handler(HttpSource(send), WasiHost())
