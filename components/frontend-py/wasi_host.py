"""What the frontend takes from its host besides requests, as
components/shared/wasi-host.ts: randomness for the request ids it makes, and
stdout for its log, through wasi:random/random and wasi:cli/stdout themselves
(WASI 0.2's, which the WASI 0.3 worlds import too).
"""

from wit_world.imports import random, stdout

import js
from wasi_io import write


class WasiHost:
    """The host's randomness and stdout, as the handlers take them."""

    def new_request_id(self) -> str:
        # Not Python's `random`: componentize-py snapshots the interpreter at build time, seed and all.
        return random.get_random_bytes(8).hex()

    def log(self, line: str) -> None:
        write(stdout.get_stdout(), js.encode(f"{line}\n"))
