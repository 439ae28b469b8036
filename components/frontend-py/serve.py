"""wasi:http/incoming-handler for the frontend on WASI 0.2, as
components/shared/serve.ts does it with StarlingMonkey's fetch event: the
request's method, target and headers, and its body read whole up to
MAX_BODY, into the handler; its reply out with a content-length. It imports
wasi:http and wasi:io alone: the crossings' Python caller
(bench/crossings/caller-py), whose world has no more, answers through
`respond` too.
"""

from collections.abc import Coroutine
from typing import Any, cast

from componentize_py_types import Err, Ok
from wit_world import exports
from wit_world.imports import streams, types

import js
from app import Handle, Host, frontend
from book_source import BookSource
from request import MAX_BODY, TOO_LARGE, Body, Request, Response, Target, header_map
from wasi_io import WRITE_CHUNK
from wire import from_wire, to_wire
from wit_names import method_name


def at_once[T](work: Coroutine[Any, Any, T]) -> T:
    """What `work` returns: on WASI 0.2 a source blocks on its I/O, so a handler finishes without suspending."""
    try:
        work.send(None)
    except StopIteration as finished:
        return cast(T, finished.value)
    work.close()
    raise RuntimeError("the handler suspended, which nothing on WASI 0.2 resumes")


def read_body(request: types.IncomingRequest, declared: str | None) -> Body:
    """The body, or TOO_LARGE as soon as it is known to be longer than MAX_BODY: from its content-length (as
    Number() reads it), or once that much has come; the rest is left unread."""
    if js.number(declared or "0") > MAX_BODY:
        return TOO_LARGE
    chunks: list[bytes] = []
    length = 0
    with request.consume() as body, body.stream() as stream:
        while length <= MAX_BODY:
            try:
                chunk = stream.blocking_read(MAX_BODY + 1 - length)
            except Err as failure:
                if isinstance(failure.value, streams.StreamError_Closed):
                    break
                raise
            chunks.append(chunk)
            length += len(chunk)
    return TOO_LARGE if length > MAX_BODY else b"".join(chunks)


def respond(response: Response, response_out: types.ResponseOutparam) -> None:
    """Sends `response` with its content-length, as StarlingMonkey does (Spin would chunk it otherwise).

    The first chunk of the body is written before the response is set, so that Spin has the head and the start of
    the body at once: Spin 4.1 leaves Nagle's algorithm on, and a body that follows its head waits, now and then, for
    the client's delayed ACK (40 ms), as the http-face adapter says too.
    """
    data = js.encode(response.body)
    headers = [*response.headers, ("content-length", str(len(data)))]
    outgoing = types.OutgoingResponse(types.Fields.from_list(to_wire(headers)))
    outgoing.set_status_code(response.status)
    body = outgoing.body()
    with body.write() as stream:
        chunks = [data[start : start + WRITE_CHUNK] for start in range(0, len(data), WRITE_CHUNK)] or [b""]
        stream.blocking_write_and_flush(chunks[0])
        types.ResponseOutparam.set(response_out, Ok(outgoing))
        for chunk in chunks[1:]:
            stream.blocking_write_and_flush(chunk)
    types.OutgoingBody.finish(body, None)


def serve(handle: Handle, incoming: types.IncomingRequest) -> Response:
    """The request read whole, as the handler takes it, and its answer."""
    with incoming:
        with incoming.headers() as fields:
            headers = header_map(from_wire(fields.entries()))
        target = Target.parse(incoming.path_with_query() or "/")
        method = method_name(incoming.method())
        body = read_body(incoming, headers.get("content-length"))
    return at_once(handle(Request(method, target, headers, body)))


def incoming_handler(source: BookSource, host: Host) -> type[exports.IncomingHandler]:
    """The export componentize-py looks for, serving the frontend fed by `source`."""
    handle = frontend(source, host)

    class IncomingHandler(exports.IncomingHandler):
        def handle(self, request: types.IncomingRequest, response_out: types.ResponseOutparam) -> None:
            respond(serve(handle, request), response_out)

    return IncomingHandler
