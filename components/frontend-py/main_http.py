"""frontend-py-http: the Python frontend for the chain wiring (world frontend-http)."""

from http_source import HttpSource
from serve import incoming_handler

IncomingHandler = incoming_handler(HttpSource())
