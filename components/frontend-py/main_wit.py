"""frontend-py-wit: the Python frontend for the composed wiring on WASI 0.2 (world frontend-wit)."""

from serve import incoming_handler
from wasi_host import WasiHost
from wit_source import WitSource

IncomingHandler = incoming_handler(WitSource(), WasiHost())
