"""One call of book-api on WASI 0.2: through wasi:http/outgoing-handler,
blocking on its answer, so that it never suspends the handler awaiting it.
"""

from collections.abc import Mapping

from componentize_py_types import Err
from wit_world.imports import outgoing_handler, streams, types

from sending import NULL_BODY, READ_CHUNK, Answered, NoAnswer, with_length
from url import Url
from wasi_io import write
from wire import kept, to_wire
from wit_names import error_code_name

METHODS: Mapping[str, types.Method] = {
    "GET": types.Method_Get(),
    "POST": types.Method_Post(),
    "PUT": types.Method_Put(),
    "DELETE": types.Method_Delete(),
}


def read_all(body: types.IncomingBody) -> bytes:
    chunks: list[bytes] = []
    with body.stream() as stream:
        while True:
            try:
                chunks.append(stream.blocking_read(READ_CHUNK))
            except Err as failure:
                if isinstance(failure.value, streams.StreamError_Closed):
                    return b"".join(chunks)
                raise


async def send(
    method: str, url: Url, headers: list[tuple[str, str]], content: bytes | None, keep: tuple[str, ...]
) -> Answered:
    """sending.Send over wasi:http/outgoing-handler."""
    request = types.OutgoingRequest(types.Fields.from_list(to_wire(with_length(headers, content))))
    request.set_method(METHODS[method])
    request.set_scheme(types.Scheme_Https() if url.scheme == "https" else types.Scheme_Http())
    request.set_authority(url.authority)
    request.set_path_with_query(url.path_with_query)
    # The body is the request's to hand out, so it is taken before the request goes.
    upload = None if content is None else (request.body(), content)
    try:
        future = outgoing_handler.handle(request, None)
    except Err as failure:
        raise NoAnswer(error_code_name(failure.value)) from None
    if upload is not None:
        body, data = upload
        write(body.write(), data)
        types.OutgoingBody.finish(body, None)
    with future:
        outcome = future.get()
        while outcome is None:
            with future.subscribe() as ready:
                ready.block()
            outcome = future.get()
    if isinstance(outcome, Err):
        raise NoAnswer("its response was taken already")
    if isinstance(outcome.value, Err):
        raise NoAnswer(error_code_name(outcome.value.value))
    with outcome.value.value as response:
        status = response.status()
        with response.headers() as fields:
            answered = kept(fields.get, keep)
        with response.consume() as answer:
            data = b"" if status in NULL_BODY else read_all(answer)
        return Answered(status, answered, data)
