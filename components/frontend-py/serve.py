"""wasi:http/incoming-handler for the frontend: the request's method and
target in, the handlers' Response out, as components/shared/serve.ts does
with StarlingMonkey's fetch event.
"""

from collections.abc import Callable

from componentize_py_types import Ok
from wit_world import exports
from wit_world.imports import types

from app import Response, Target, frontend
from book_source import BookSource

# blocking-write-and-flush takes at most 4096 bytes a call.
WRITE_CHUNK = 4096


def method_name(method: types.Method) -> str:
    """The method as sent: StarlingMonkey's `request.method` does not upper-case `other` ones either."""
    if isinstance(method, types.Method_Other):
        return method.value
    return type(method).__name__.removeprefix("Method_").upper()


def respond(response: Response, response_out: types.ResponseOutparam) -> None:
    """Sends `response` with its content-length, as StarlingMonkey does (Spin would chunk it otherwise)."""
    data = response.body.encode("utf-8")
    headers = [*response.headers, ("content-length", str(len(data)))]
    outgoing = types.OutgoingResponse(
        types.Fields.from_list([(name, value.encode("latin-1")) for name, value in headers])
    )
    outgoing.set_status_code(response.status)
    body = outgoing.body()
    types.ResponseOutparam.set(response_out, Ok(outgoing))
    with body.write() as stream:
        for start in range(0, len(data), WRITE_CHUNK):
            stream.blocking_write_and_flush(data[start : start + WRITE_CHUNK])
    types.OutgoingBody.finish(body, None)


def serve(
    handle: Callable[[str, Target], Response], request: types.IncomingRequest, response_out: types.ResponseOutparam
) -> None:
    """Answers one incoming request with `handle`."""
    with request:
        method = method_name(request.method())
        target = Target.parse(request.path_with_query() or "/")
    respond(handle(method, target), response_out)


def incoming_handler(source: BookSource) -> type[exports.IncomingHandler]:
    """The export componentize-py looks for, serving the frontend fed by `source`."""
    handle = frontend(source)

    class IncomingHandler(exports.IncomingHandler):
        def handle(self, request: types.IncomingRequest, response_out: types.ResponseOutparam) -> None:
            serve(handle, request, response_out)

    return IncomingHandler
