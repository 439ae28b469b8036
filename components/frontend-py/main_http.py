"""frontend-py-http: the Python frontend for the chain wiring (world frontend-http)."""

from http_source import HttpSource
from serve import incoming_handler
from wasi_host import WasiHost

IncomingHandler = incoming_handler(HttpSource(), WasiHost())
