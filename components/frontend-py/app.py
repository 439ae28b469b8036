"""The frontend's handlers and its renderer, whichever source feeds them: the
Python twin of components/frontend/src/app.ts and render.ts, with the router
and the request id of components/shared/ (router.ts, request-id.ts),
answering with the same bytes (text/plain):

  GET    /            "Today's book is _<title>_ by <author>", ?weekday=0..6
  GET    /bench       ?calls=1..100 lookups of ?count=1..10000 books each
  GET    /books       a page of the catalogue, a line a book: ?limit=1..100, ?cursor
  POST   /books       a book, as JSON or a form (title, author): 201
  GET    /books/:id   the book, with its ETag
  PUT    /books/:id   a book, with If-Match (required)
  DELETE /books/:id   If-Match optional

The client's Authorization goes to book-api, which decides. A badly shaped
request is refused here in book-api's words (rules.py), the rest by book-api,
whose refusal is passed on; anything wrong on book-api's side is a bad gateway
(502) with the reason, never an empty 200.

The handlers are coroutines, one module for both WASI versions: they await
their source, whose calls suspend on WASI 0.3 (serve_p3.py awaits them) and
finish at once on WASI 0.2 (serve.py runs them to the end in one step).
"""

from collections.abc import Awaitable, Callable, Coroutine, Mapping
from dataclasses import replace
from typing import Any, Protocol

from book_source import Book, BookSource, Caller, Entry, Failed, Found, Lookup, Page, Refused
from js import number_text
from request import Refusal, Request, Response, Target, cut, text
from rules import (
    REQUEST_ID,
    BadParam,
    bounded_param,
    etag,
    read_book,
    read_id,
    read_precondition,
    request_id_of,
    uint_param,
    weekday_param,
)

# What other guests take from here too: the crossings' Python caller (bench/crossings/caller-py) answers with them.
__all__ = ["BadParam", "Response", "Target", "bounded_param", "frontend", "text"]

MAX_CALLS = 100
MAX_BENCH_BOOKS = 10_000
DEFAULT_PAGE = 20
# How much of a request's method and path its log line quotes, in UTF-16 code units.
LOGGED = 200

type Params = Mapping[str, str]
type Handler = Callable[[Request, Params], Awaitable[Response]]
type Routes = Mapping[str, Mapping[str, Handler]]
# The frontend: a request in, its answer out, once the face runs it.
type Handle = Callable[[Request], Coroutine[Any, Any, Response]]


class Host(Protocol):
    """What the frontend takes from the host: randomness for request ids, and stdout for its log."""

    def new_request_id(self) -> str: ...

    def log(self, line: str) -> None: ...


def render_book(book: Book) -> str:
    """The page, as the article renders it."""
    return f"Today's book is _{book.title}_ by {book.author}"


def render_entry(entry: Entry) -> str:
    """A book of the catalogue, in a line."""
    book = entry.book
    return f"{number_text(entry.id)}. _{book.title}_ by {book.author} (version {number_text(entry.version)})"


def refuse(refusal: Refusal) -> Response:
    return text(refusal.status, refusal.message, refusal.headers)


def failure(lookup: Refused | Failed) -> Response:
    """book-api's refusal passed on, or a bad gateway."""
    return refuse(lookup.refusal) if isinstance(lookup, Refused) else text(502, f"book-api failed: {lookup.reason}")


def answer[T](lookup: Lookup[T], reply: Callable[[T], Response]) -> Response:
    """A lookup's value made into a reply, or its failure."""
    return reply(lookup.value) if isinstance(lookup, Found) else failure(lookup)


def routes(source: BookSource, request_id: str) -> Routes:
    """The routes for one request, whose id goes to book-api with the client's Authorization."""

    def caller(request: Request) -> Caller:
        return Caller(request_id, request.headers.get("authorization"))

    async def home(request: Request, _: Params) -> Response:
        day = weekday_param(request.target)
        if isinstance(day, BadParam):
            return text(400, day.message)
        return answer(
            await source.book_of_the_day(caller(request), day.value), lambda book: text(200, render_book(book))
        )

    async def bench(request: Request, _: Params) -> Response:
        calls = bounded_param(request.target, "calls", 1, MAX_CALLS, 1)
        if isinstance(calls, BadParam):
            return text(400, calls.message)
        count = bounded_param(request.target, "count", 1, MAX_BENCH_BOOKS, 1)
        if isinstance(count, BadParam):
            return text(400, count.message)
        times, size = calls.value or 1, count.value or 1
        received = 0
        for _call in range(times):
            lookup = await source.books(caller(request), size)
            if not isinstance(lookup, Found):
                return failure(lookup)
            received += len(lookup.value)
        return text(200, f"{times} calls of {size} books: {received} books received")

    async def list_books(request: Request, _: Params) -> Response:
        limit = uint_param(request.target, "limit")
        if isinstance(limit, BadParam):
            return text(400, limit.message)
        cursor = uint_param(request.target, "cursor")
        if isinstance(cursor, BadParam):
            return text(400, cursor.message)
        size = DEFAULT_PAGE if limit.value is None else limit.value

        def page_text(page: Page) -> Response:
            more = [] if page.next is None else [f"next page: /books?limit={size}&cursor={number_text(page.next)}"]
            return text(200, "\n".join([*map(render_entry, page.entries), *more]))

        return answer(await source.list_books(caller(request), size, cursor.value), page_text)

    async def add_book(request: Request, _: Params) -> Response:
        book = read_book(request)
        if isinstance(book, Refusal):
            return refuse(book)
        return answer(
            await source.add_book(caller(request), book),
            lambda entry: text(
                201,
                f"Added {render_entry(entry)}",
                (("location", f"/books/{number_text(entry.id)}"), ("etag", etag(entry.version))),
            ),
        )

    async def get_book(request: Request, params: Params) -> Response:
        book_id = read_id(params["id"])
        if isinstance(book_id, Refusal):
            return refuse(book_id)
        return answer(
            await source.get_book(caller(request), book_id),
            lambda entry: text(200, render_entry(entry), (("etag", etag(entry.version)),)),
        )

    async def update_book(request: Request, params: Params) -> Response:
        book_id = read_id(params["id"])
        if isinstance(book_id, Refusal):
            return refuse(book_id)
        version = read_precondition(request, required=True)
        if isinstance(version, Refusal):
            return refuse(version)
        book = read_book(request)
        if isinstance(book, Refusal):
            return refuse(book)
        return answer(
            await source.update_book(caller(request), book_id, book, version),
            lambda entry: text(200, f"Updated {render_entry(entry)}", (("etag", etag(entry.version)),)),
        )

    async def remove_book(request: Request, params: Params) -> Response:
        book_id = read_id(params["id"])
        if isinstance(book_id, Refusal):
            return refuse(book_id)
        version = read_precondition(request, required=False)
        if isinstance(version, Refusal):
            return refuse(version)
        return answer(
            await source.remove_book(caller(request), book_id, version), lambda _: text(200, f"Removed book {book_id}")
        )

    return {
        "/": {"GET": home},
        "/bench": {"GET": bench},
        "/books": {"GET": list_books, "POST": add_book},
        "/books/:id": {"GET": get_book, "PUT": update_book, "DELETE": remove_book},
    }


def match(pattern: str, path: str) -> Params | None:
    """The `:name` segments of `path` by name, if `pattern` matches it; a `:name` matches no empty segment."""
    want, got = pattern.split("/"), path.split("/")
    if len(want) != len(got):
        return None
    params = {}
    for segment, given in zip(want, got, strict=True):
        if segment.startswith(":") and given:
            params[segment[1:]] = given
        elif segment != given:
            return None
    return params


async def route(routes: Routes, request: Request) -> Response:
    """Exact paths before patterns; 404 for no path, 405 with `allow` for another method, 500 if a handler raises."""
    for pattern in sorted(routes, key=lambda pattern: ":" in pattern):
        params = match(pattern, request.target.path)
        if params is not None:
            methods = routes[pattern]
            break
    else:
        return text(404, f"no route for {request.target.path}")
    handler = methods.get(request.method)
    if handler is None:
        allowed = ", ".join(methods)
        return text(
            405, f"{request.method} is not allowed on {request.target.path}; use {allowed}", (("allow", allowed),)
        )
    try:
        return await handler(request, params)
    except Exception as cause:  # the router's last resort, as in router.ts
        return text(500, f"internal error: {type(cause).__name__}: {cause}")


def frontend(source: BookSource, host: Host) -> Handle:
    """The frontend over `source`: each request with its id (the client's, or one made), logged as `frontend`."""

    async def handle(request: Request) -> Response:
        given = request_id_of(request)
        if isinstance(given, Refusal):
            request_id, reply = "-", refuse(given)
        else:
            request_id = host.new_request_id() if given is None else given
            routed = await route(routes(source, request_id), request)
            reply = replace(routed, headers=(*routed.headers, (REQUEST_ID, request_id)))
        host.log(f"frontend {request_id} {cut(f'{request.method} {request.target.path}', LOGGED)} {reply.status}")
        return reply

    return handle
