"""The books over HTTP, as components/frontend/src/http-source.ts: GET the URL
in the Spin variable `book_api_url` (book-api.spin.internal in the chain
wiring), and its `/books` for lists, through wasi:http/outgoing-handler,
blocking on the answer.
"""

import json
import re
from collections.abc import Callable, Mapping
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit

from componentize_py_types import Err
from wit_world.imports import outgoing_handler, store, streams, types

from book_source import Book, Failed, Found, Lookup

READ_CHUNK = 65536
# How much of a bad answer a 502 quotes, as the TypeScript frontend does.
QUOTED = 200
# Words that wasi:http's error-code cases spell in capitals: HTTP-request-denied, DNS-timeout.
ACRONYMS = {"Dns": "DNS", "Tls": "TLS", "Http": "HTTP", "Ip": "IP", "Uri": "URI"}


def error_code_name(code: types.ErrorCode) -> str:
    """The error-code case as WIT names it (`connection-refused`), with an internal error's message."""
    case = type(code).__name__.removeprefix("ErrorCode_")
    name = "-".join(ACRONYMS.get(word, word.lower()) for word in re.findall("[A-Z][a-z0-9]*", case))
    if isinstance(code, types.ErrorCode_InternalError) and code.value:
        return f"{name} ({code.value})"
    return name


class NoAnswer(Exception):
    """The request got no answer at all: where the TypeScript frontend's fetch rejects."""


def get(url: SplitResult) -> tuple[int, bytes]:
    """GETs `url` and reads its whole body; raises NoAnswer with the error code when nothing comes back."""
    request = types.OutgoingRequest(types.Fields())
    request.set_scheme(types.Scheme_Https() if url.scheme == "https" else types.Scheme_Http())
    request.set_authority(url.netloc)
    request.set_path_with_query(f"{url.path or '/'}?{url.query}" if url.query else url.path or "/")
    try:
        future = outgoing_handler.handle(request, None)
    except Err as failure:
        raise NoAnswer(error_code_name(failure.value)) from None
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
    chunks: list[bytes] = []
    with outcome.value.value as response:
        status = response.status()
        body = response.consume()
        with body.stream() as stream:
            while True:
                try:
                    chunks.append(stream.blocking_read(READ_CHUNK))
                except Err as failure:
                    if isinstance(failure.value, streams.StreamError_Closed):
                        break
                    raise
        types.IncomingBody.finish(body)
    return status, b"".join(chunks)


def as_book(value: object) -> Book | None:
    if isinstance(value, dict):
        title, author = value.get("title"), value.get("author")
        if isinstance(title, str) and isinstance(author, str):
            return Book(title, author)
    return None


def as_books(value: object) -> list[Book] | None:
    books = [as_book(item) for item in value] if isinstance(value, list) else None
    return None if books is None or None in books else [book for book in books if book is not None]


def with_params(url: str, params: Mapping[str, str]) -> SplitResult:
    """`url` with each of `params` set, as `url.searchParams.set` sets them."""
    parts = urlsplit(url)
    kept = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True) if name not in params]
    return parts._replace(query=urlencode([*kept, *params.items()]))


def get_json[T](path: str, query: Mapping[str, str], read: Callable[[object], T | None], shape: str) -> Lookup[T]:
    """GETs `path` under book_api_url and reads the JSON answer with `read`, which says None for the wrong shape."""
    base = store.get("book_api_url")
    if not base:
        return Failed("the Spin variable book_api_url is not set")
    url = with_params(base + path, query)
    try:
        status, raw = get(url)
    except NoAnswer as cause:
        return Failed(f"GET {url.geturl()} failed: {cause}")
    body = raw.decode("utf-8", "replace")
    if status != 200:
        return Failed(f"GET {url.geturl()} answered {status}: {body[:QUOTED]}")
    try:
        parsed: object = json.loads(body)
    except ValueError:
        return Failed(f"GET {url.geturl()} answered invalid JSON: {body[:QUOTED]}")
    value = read(parsed)
    if value is None:
        return Failed(f"GET {url.geturl()} answered JSON that is not {shape}: {body[:QUOTED]}")
    return Found(value)


class HttpSource:
    def book_of_the_day(self, day: int | None) -> Lookup[Book]:
        return get_json("", {} if day is None else {"weekday": str(day)}, as_book, "a book")

    def books(self, count: int) -> Lookup[list[Book]]:
        return get_json("/books", {"count": str(count)}, as_books, "a list of books")
