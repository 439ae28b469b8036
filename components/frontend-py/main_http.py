"""frontend-py-http: the Python frontend for the chain wiring on WASI 0.2 (world frontend-http)."""

from http_source import HttpSource
from outgoing import send
from serve import incoming_handler
from wasi_host import WasiHost

IncomingHandler = incoming_handler(HttpSource(send), WasiHost())
