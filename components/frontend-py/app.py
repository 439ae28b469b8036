"""The frontend's handlers and its one renderer, whichever source feeds them.

The Python twin of components/frontend/src/app.ts and render.ts, with the
parts of components/shared/query.ts and router.ts they use, answering with
the same bytes:

  GET /        "Today's book is _<title>_ by <author>" (text/plain), ?weekday=0..6
  GET /bench   ?calls=1..100 lookups of ?count=1..10000 books each

A bad parameter is the client's fault (400); anything wrong on book-api's
side is a bad gateway (502) with the reason, never an empty 200.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from book_source import Book, BookSource, Failed

TEXT = "text/plain; charset=utf-8"
MAX_CALLS = 100
MAX_BENCH_BOOKS = 10_000


def render_book(book: Book) -> str:
    """The page, as the article renders it."""
    return f"Today's book is _{book.title}_ by {book.author}"


@dataclass(frozen=True)
class Response:
    status: int
    body: str
    headers: tuple[tuple[str, str], ...]


def text(status: int, message: str, extra: Mapping[str, str] | None = None) -> Response:
    return Response(status, message, (("content-type", TEXT), *(extra or {}).items()))


def upstream_failed(reason: str) -> Response:
    return text(502, f"book-api failed: {reason}")


@dataclass(frozen=True)
class Target:
    """The path and query parameters of a request, as `new URL(request.url)` gives them."""

    path: str
    params: list[tuple[str, str]]

    @staticmethod
    def parse(path_with_query: str) -> Target:
        parts = urlsplit(path_with_query)
        return Target(parts.path or "/", parse_qsl(parts.query, keep_blank_values=True, errors="replace"))

    def param(self, name: str) -> str | None:
        """The first `name` parameter, as URLSearchParams.get finds it."""
        return next((value for key, value in self.params if key == name), None)


@dataclass(frozen=True)
class Param:
    value: int | None


@dataclass(frozen=True)
class BadParam:
    message: str


# ASCII digits only, to the end: what JavaScript's /^\d{1,9}$/ accepts.
UINT = re.compile("[0-9]{1,9}")


def uint_param(target: Target, name: str) -> Param | BadParam:
    """The first `name` parameter as a non-negative integer; None when absent."""
    raw = target.param(name)
    if raw is None:
        return Param(None)
    if not UINT.fullmatch(raw):
        return BadParam(f'query parameter "{name}" must be a non-negative integer, got "{raw}"')
    return Param(int(raw))


def bounded_param(target: Target, name: str, low: int, high: int, fallback: int) -> Param | BadParam:
    """`name` as an integer from `low` to `high`, or `fallback` when absent."""
    param = uint_param(target, name)
    if isinstance(param, BadParam):
        return param
    value = fallback if param.value is None else param.value
    if not low <= value <= high:
        return BadParam(f'query parameter "{name}" must be from {low} to {high}, got "{value}"')
    return Param(value)


def weekday_param(target: Target) -> Param | BadParam:
    """`?weekday=N` as a weekday; None when the request names none."""
    param = uint_param(target, "weekday")
    if isinstance(param, Param) and param.value is not None and not 0 <= param.value <= 6:
        return BadParam(f'query parameter "weekday" must be from 0 (Sunday) to 6 (Saturday), got "{param.value}"')
    return param


Handler = Callable[[Target], Response]


def route(routes: Mapping[str, Mapping[str, Handler]], method: str, target: Target) -> Response:
    """404 for an unknown path, 405 with `allow` for another method, 500 for a handler that raised."""
    methods = routes.get(target.path)
    if methods is None:
        return text(404, f"no route for {target.path}")
    handler = methods.get(method)
    if handler is None:
        allowed = ", ".join(methods)
        return text(405, f"{method} is not allowed on {target.path}; use {allowed}", {"allow": allowed})
    try:
        return handler(target)
    except Exception as cause:  # the router's last resort, as in router.ts
        return text(500, f"internal error: {type(cause).__name__}: {cause}")


def frontend(source: BookSource) -> Callable[[str, Target], Response]:
    def home(target: Target) -> Response:
        day = weekday_param(target)
        if isinstance(day, BadParam):
            return text(400, day.message)
        lookup = source.book_of_the_day(day.value)
        return upstream_failed(lookup.reason) if isinstance(lookup, Failed) else text(200, render_book(lookup.value))

    def bench(target: Target) -> Response:
        calls = bounded_param(target, "calls", 1, MAX_CALLS, 1)
        if isinstance(calls, BadParam):
            return text(400, calls.message)
        count = bounded_param(target, "count", 1, MAX_BENCH_BOOKS, 1)
        if isinstance(count, BadParam):
            return text(400, count.message)
        times, size = calls.value or 1, count.value or 1
        received = 0
        for _ in range(times):
            lookup = source.books(size)
            if isinstance(lookup, Failed):
                return upstream_failed(lookup.reason)
            received += len(lookup.value)
        return text(200, f"{times} calls of {size} books: {received} books received")

    routes: dict[str, dict[str, Handler]] = {"/": {"GET": home}, "/bench": {"GET": bench}}
    return lambda method, target: route(routes, method, target)
