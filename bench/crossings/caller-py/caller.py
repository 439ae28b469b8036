"""The crossings' caller in Python, as bench/crossings/caller.ts:

  GET ?shape=books&n=100&calls=10&via=direct

times `calls` calls of one shape with the monotonic clock, made here (direct:
CPython lifts every answer and makes books of it: JSON parsed, columns and
strings paired) or through the relay, and answers with the time and a digest
of the last answer. The request and response glue is the Python frontend's
(components/frontend-py).
"""

import json
from collections.abc import Callable

from wit_world import exports
from wit_world.imports import monotonic_clock, relay, shapes, types

from app import BadParam, Response, Target, bounded_param, text
from serve import respond

MAX_N = 100_000
MAX_CALLS = 10_000

type Answer = list[shapes.Book] | list[dict[str, str]] | None

SHAPES = {shape.name.lower().replace("_", "-"): shape for shape in relay.Shape}


def zip_books(columns: shapes.BookColumns) -> list[shapes.Book]:
    return [shapes.Book(title, author) for title, author in zip(columns.titles, columns.authors, strict=True)]


def pair_books(strings: list[str]) -> list[shapes.Book]:
    return [shapes.Book(title, author) for title, author in zip(strings[::2], strings[1::2], strict=True)]


# One call of each shape, its answer as the books it carries.
CALL: dict[str, Callable[[int], Answer]] = {
    "nothing": lambda n: shapes.nothing(),
    "books": shapes.books,
    "columns": lambda n: zip_books(shapes.columns(n)),
    "strings": lambda n: pair_books(shapes.strings(n)),
    "json": lambda n: json.loads(shapes.json(n)),
    "json-bytes": lambda n: json.loads(shapes.json_bytes(n)),
}


def utf16_length(text: str) -> int:
    """Code points beyond the BMP take two UTF-16 code units."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def digest(answer: Answer) -> int:
    """What the answer holds, in UTF-16 code units of its titles and authors, as the TypeScript caller counts them."""
    strings: list[str] = []
    for each in answer or []:
        strings += [each.title, each.author] if isinstance(each, shapes.Book) else [each["title"], each["author"]]
    return sum(utf16_length(each) for each in strings)


def measure(target: Target) -> Response:
    shape = target.param("shape") or ""
    if shape not in SHAPES:
        return text(400, f'query parameter "shape" must be one of {", ".join(SHAPES)}, got "{shape}"')
    via = target.param("via") or "direct"
    if via not in ("direct", "relay"):
        return text(400, f'query parameter "via" must be direct or relay, got "{via}"')
    n = bounded_param(target, "n", 1, MAX_N, 1)
    if isinstance(n, BadParam):
        return text(400, n.message)
    calls = bounded_param(target, "calls", 1, MAX_CALLS, 1)
    if isinstance(calls, BadParam):
        return text(400, calls.message)
    size, times = n.value or 1, calls.value or 1

    answer: Answer = None
    elements = 0
    started = monotonic_clock.now()
    if via == "relay":
        elements = relay.relay(SHAPES[shape], size, times)
    else:
        call = CALL[shape]
        for _ in range(times):
            answer = call(size)
    ns = monotonic_clock.now() - started
    body = {
        "shape": shape,
        "n": size,
        "calls": times,
        "via": via,
        "ns": ns,
        "elements": elements,
        "digest": digest(answer),
    }
    return Response(200, json.dumps(body, separators=(",", ":")), (("content-type", "application/json"),))


class IncomingHandler(exports.IncomingHandler):
    def handle(self, request: types.IncomingRequest, response_out: types.ResponseOutparam) -> None:
        with request:
            target = Target.parse(request.path_with_query() or "/")
        respond(measure(target), response_out)
