"""frontend-py-wit-p3: the Python frontend for the composed wiring on WASI 0.3 (world frontend-wit-p3)."""

from serve_p3 import http_handler
from wasi_host import WasiHost
from wit_source import WitSource

Handler = http_handler(WitSource(), WasiHost())
