"""Bodies as wasi:http@0.3.0 carries them, a stream<u8> with a future of
trailers beside it, for the WASI 0.3 face and calls (serve_p3.py,
outgoing_p3.py): read from a stream, and handed out as one.
"""

import componentize_py_async_support
import wit_world
from componentize_py_async_support.futures import FutureReader, FutureWriter
from componentize_py_async_support.streams import ByteStreamReader, ByteStreamWriter
from componentize_py_types import Ok, Result
from wit_world.imports import wasi_http_types as types

type Trailers = Result[types.Fields | None, types.ErrorCode]
type Done = Result[None, types.ErrorCode]

READ_CHUNK = 65536


async def read(stream: ByteStreamReader, most: int | None = None) -> bytes:
    """What `stream` carries, or its first `most` bytes: the rest is left unread."""
    chunks: list[bytes] = []
    length = 0
    while (most is None or length < most) and not stream.writer_dropped:
        chunk = await stream.read(READ_CHUNK if most is None else min(READ_CHUNK, most - length))
        chunks.append(chunk)
        length += len(chunk)
    return b"".join(chunks)


def drop(future: FutureReader[Done]) -> None:
    """Releases a future the guest is handed and has no use for."""
    with future:
        pass


def reading() -> tuple[FutureWriter[Done], FutureReader[Done]]:
    """What a reader of a body tells the host once done with it: leaving the writer sends Ok, read whole or not."""
    return wit_world.result_unit_wasi_http_types_error_code_future(lambda: Ok(None))


async def write(stream: ByteStreamWriter, data: bytes, trailers: FutureWriter[Trailers]) -> None:
    with stream:
        await stream.write_all(data)
    # No trailers, once the body is written.
    await trailers.write(Ok(None))


def body_of(data: bytes | None) -> tuple[ByteStreamReader | None, FutureReader[Trailers]]:
    """A body of `data` (none for None) and no trailers, written by a task of its own as the host reads it: it goes
    on once the handler returns its response."""
    trailers_sender, trailers = wit_world.result_option_wasi_http_types_fields_wasi_http_types_error_code_future(
        lambda: Ok(None)
    )
    if data is None:
        # Leaving the sender sends its default at once.
        with trailers_sender:
            return None, trailers
    sender, stream = wit_world.byte_stream()
    componentize_py_async_support.spawn(write(sender, data, trailers_sender))
    return stream, trailers
