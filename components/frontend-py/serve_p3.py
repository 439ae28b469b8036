"""wasi:http/handler@0.3.0 for the frontend on WASI 0.3, as
components/shared/wasi-http-p3.ts does it on QuickJS: the request read as
serve.py reads it on WASI 0.2 (its body whole up to MAX_BODY, from its
stream), the same handler awaited, and its reply out with a content-length,
the body written as the host reads it.
"""

from wit_world import exports
from wit_world.imports import wasi_http_types as types

import js
from app import Host, frontend
from body_p3 import body_of, drop, read, reading
from book_source import BookSource
from request import MAX_BODY, TOO_LARGE, Body, Request, Response, Target, header_map
from wire import from_wire, to_wire
from wit_names import method_name


async def read_body(request: types.Request, declared: str | None) -> Body:
    """The body, or TOO_LARGE as soon as it is known to be longer than MAX_BODY: from its content-length (as
    Number() reads it), or once that much has come; the rest is left unread."""
    done, receipt = reading()
    stream, trailers = types.Request.consume_body(request, receipt)
    with done, trailers, stream:
        if js.number(declared or "0") > MAX_BODY:
            return TOO_LARGE
        data = await read(stream, MAX_BODY + 1)
    return TOO_LARGE if len(data) > MAX_BODY else data


def response_of(reply: Response) -> types.Response:
    """`reply` with its content-length, as serve.py sends it on WASI 0.2."""
    data = js.encode(reply.body)
    fields = types.Fields.from_list(to_wire([*reply.headers, ("content-length", str(len(data)))]))
    response, sent = types.Response.new(fields, *body_of(data))
    # Whether the host sent it all: the frontend has nothing left to do about it.
    drop(sent)
    response.set_status_code(reply.status)
    return response


def http_handler(source: BookSource, host: Host) -> type[exports.Handler]:
    """The export componentize-py looks for, serving the frontend fed by `source`."""
    handle = frontend(source, host)

    class Handler(exports.Handler):
        async def handle(self, request: types.Request) -> types.Response:
            with request.get_headers() as fields:
                headers = header_map(from_wire(fields.copy_all()))
            target = Target.parse(request.get_path_with_query() or "/")
            method = method_name(request.get_method())
            body = await read_body(request, headers.get("content-length"))
            return response_of(await handle(Request(method, target, headers, body)))

    return Handler
