"""Writes to a wasi:io@0.2 output stream, which every world of the frontend
imports through wasi:cli/stdout, and WASI 0.2's http through its bodies.
"""

from wit_world.imports import streams

# blocking-write-and-flush takes at most 4096 bytes a call.
WRITE_CHUNK = 4096


def write(stream: streams.OutputStream, data: bytes) -> None:
    with stream:
        for start in range(0, len(data), WRITE_CHUNK):
            stream.blocking_write_and_flush(data[start : start + WRITE_CHUNK])
