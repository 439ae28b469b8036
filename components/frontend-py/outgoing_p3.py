"""One call of book-api on WASI 0.3: through wasi:http/client@0.3.0's async
`send`, which suspends the handler until the answer comes; the request's
body written as the host reads it.
"""

from collections.abc import Mapping

from componentize_py_types import Err
from wit_world.imports import client
from wit_world.imports import wasi_http_types as types

from body_p3 import body_of, drop, read, reading
from sending import NULL_BODY, Answered, NoAnswer, with_length
from url import Url
from wire import kept, to_wire
from wit_names import error_code_name

METHODS: Mapping[str, types.Method] = {
    "GET": types.Method_Get(),
    "POST": types.Method_Post(),
    "PUT": types.Method_Put(),
    "DELETE": types.Method_Delete(),
}


async def body(response: types.Response) -> bytes:
    """The answer's body, read whole; NoAnswer if it breaks off."""
    done, receipt = reading()
    stream, trailers = types.Response.consume_body(response, receipt)
    with done, trailers, stream:
        data = await read(stream)
        # A body that fails ends its stream as well: its trailers say which it was.
        outcome = await trailers.read()
    if isinstance(outcome, Err):
        raise NoAnswer(f"its body broke off: {error_code_name(outcome.value)}")
    return data


async def send(
    method: str, url: Url, headers: list[tuple[str, str]], content: bytes | None, keep: tuple[str, ...]
) -> Answered:
    """sending.Send over wasi:http/client@0.3.0."""
    fields = types.Fields.from_list(to_wire(with_length(headers, content)))
    request, sent = types.Request.new(fields, *body_of(content), None)
    # Whether the host sent the body: the answer, or its error code, says more.
    drop(sent)
    request.set_method(METHODS[method])
    request.set_scheme(types.Scheme_Https() if url.scheme == "https" else types.Scheme_Http())
    request.set_authority(url.authority)
    request.set_path_with_query(url.path_with_query)
    try:
        response = await client.send(request)
    except Err as failure:
        raise NoAnswer(error_code_name(failure.value)) from None
    status = response.get_status_code()
    with response.get_headers() as fields:
        answered = kept(fields.get, keep)
    if status in NULL_BODY:
        with response:
            return Answered(status, answered, b"")
    return Answered(status, answered, await body(response))
