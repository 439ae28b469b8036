"""The books over HTTP, as components/frontend/src/http-source.ts: book-api's
JSON routes under the URL in the Spin variable `book_api_url` (loopback for
`network`, book-api.spin.internal for `chain`), each call made by the `send`
its build gives it (sending.py: wasi:http 0.2 or 0.3), with the caller's
request id and credentials as headers. book-api's JSON refusals are passed
on with its words; anything else that is not what was asked for is a
failure, in the TypeScript frontend's words but one: where its fetch can
only say NetworkError, this names wasi:http's error code.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from wit_world.imports import store

import js
from book_source import Book, Caller, Entry, Failed, Found, Lookup, Page, Refused
from request import Refusal
from rules import REQUEST_ID, etag
from sending import NoAnswer, Send
from url import url_of

# How much of a bad answer a 502 quotes, in UTF-16 code units.
QUOTED = 200
# Headers of a refusal that the client needs: how to authenticate, and which version is current.
PASSED_ON = ("www-authenticate", "etag", "retry-after")

type Read[T] = Callable[[object], T | None]


@dataclass(frozen=True)
class Answer:
    """An answer of the expected status: its body as JSON (None when empty), and as text."""

    parsed: object
    text: str
    what: str


def refusal_from(status: int, headers: Mapping[str, str], parsed: object) -> Refusal | None:
    """book-api's refusal: a status the client caused, or 503, with book-api's JSON words."""
    if not (400 <= status <= 499 or status == 503) or not isinstance(parsed, dict):
        return None
    message = parsed.get("error")
    return Refusal(status, message, tuple(headers.items())) if isinstance(message, str) else None


async def exchange(
    send: Send,
    method: str,
    path: str,
    caller: Caller,
    expect: int,
    query: Mapping[str, str] | None = None,
    headers: Mapping[str, str | None] | None = None,
    book: Book | None = None,
) -> Answer | Refused | Failed:
    """One call of book-api, with the caller's request id and `headers` (those not None), `book` as JSON."""
    base = store.get("book_api_url")
    if not base:
        return Failed("the Spin variable book_api_url is not set")
    url = url_of(base + path, query or {})
    sent = [(REQUEST_ID, caller.request_id)]
    sent += [(name, value) for name, value in (headers or {}).items() if value is not None]
    if book is not None:
        sent.append(("content-type", "application/json"))
    body = None if book is None else js.encode(js.stringify({"title": book.title, "author": book.author}))
    what = f"{method} {url}"
    try:
        response = await send(method, url, sent, body, PASSED_ON)
    except NoAnswer as cause:
        return Failed(f"{what} failed: {cause}")
    text = js.decode(response.body)
    try:
        parsed, is_json = (None if text == "" else js.parse(text)), True
    except ValueError:
        parsed, is_json = None, False
    if response.status == expect:
        return (
            Answer(parsed, text, what) if is_json else Failed(f"{what} answered invalid JSON: {js.head(text, QUOTED)}")
        )
    refusal = refusal_from(response.status, response.headers, parsed) if is_json else None
    if refusal is not None:
        return Refused(refusal)
    return Failed(f"{what} answered {response.status}: {js.head(text, QUOTED)}")


def read[T](answer: Answer | Refused | Failed, value: Read[T], shape: str) -> Lookup[T]:
    """An answer's JSON as a value of the shape `value` knows."""
    if not isinstance(answer, Answer):
        return answer
    found = value(answer.parsed)
    if found is None:
        return Failed(f"{answer.what} answered JSON that is not {shape}: {js.head(answer.text, QUOTED)}")
    return Found(found)


def is_count(value: object) -> bool:
    """A whole number from 0, as JSON gives it: a double."""
    return isinstance(value, float) and value.is_integer() and value >= 0


def as_book(value: object) -> Book | None:
    if isinstance(value, dict) and isinstance(value.get("title"), str) and isinstance(value.get("author"), str):
        return Book(value["title"], value["author"])
    return None


def as_books(value: object) -> list[Book] | None:
    books = [as_book(item) for item in value] if isinstance(value, list) else [None]
    return None if None in books else [book for book in books if book is not None]


def as_entry(value: object) -> Entry | None:
    book = as_book(value)
    if (
        book is None
        or not isinstance(value, dict)
        or not is_count(value.get("id"))
        or not is_count(value.get("version"))
    ):
        return None
    return Entry(value["id"], value["version"], book)


def as_page(value: object) -> Page | None:
    if not isinstance(value, dict) or not isinstance(value.get("books"), list):
        return None
    after = value.get("next")
    if not ((after is None and "next" in value) or is_count(after)):
        return None
    entries = [as_entry(item) for item in value["books"]]
    return None if None in entries else Page([entry for entry in entries if entry is not None], after)


class HttpSource:
    """The books over HTTP, each call made by `send`."""

    def __init__(self, send: Send) -> None:
        self.send = send

    async def book_of_the_day(self, caller: Caller, day: int | None) -> Lookup[Book]:
        query = {} if day is None else {"weekday": str(day)}
        return read(await exchange(self.send, "GET", "", caller, 200, query), as_book, "a book")

    async def books(self, caller: Caller, count: int) -> Lookup[list[Book]]:
        answer = await exchange(self.send, "GET", "/week", caller, 200, {"count": str(count)})
        return read(answer, as_books, "a list of books")

    async def list_books(self, caller: Caller, limit: int, after: int | None) -> Lookup[Page]:
        query = {"limit": str(limit)} | ({} if after is None else {"cursor": str(after)})
        return read(await exchange(self.send, "GET", "/books", caller, 200, query), as_page, "a page of books")

    async def get_book(self, caller: Caller, id: int) -> Lookup[Entry]:
        return read(await exchange(self.send, "GET", f"/books/{id}", caller, 200), as_entry, "a book")

    async def add_book(self, caller: Caller, book: Book) -> Lookup[Entry]:
        headers = {"authorization": caller.authorization}
        answer = await exchange(self.send, "POST", "/books", caller, 201, headers=headers, book=book)
        return read(answer, as_entry, "a book")

    async def update_book(self, caller: Caller, id: int, book: Book, version: int | None) -> Lookup[Entry]:
        headers = {"authorization": caller.authorization, "if-match": "*" if version is None else etag(version)}
        answer = await exchange(self.send, "PUT", f"/books/{id}", caller, 200, headers=headers, book=book)
        return read(answer, as_entry, "a book")

    async def remove_book(self, caller: Caller, id: int, version: int | None) -> Lookup[None]:
        headers = {"authorization": caller.authorization, "if-match": None if version is None else etag(version)}
        answer = await exchange(self.send, "DELETE", f"/books/{id}", caller, 204, headers=headers)
        return Found(None) if isinstance(answer, Answer) else answer
