"""frontend-py-wit: the Python frontend for the composed wiring (world frontend-wit)."""

from serve import incoming_handler
from wasi_host import WasiHost
from wit_source import WitSource

IncomingHandler = incoming_handler(WitSource(), WasiHost())
