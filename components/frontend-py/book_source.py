"""Where the frontend gets its books, as components/frontend/src/book-source.ts.

Each wiring provides one source: HTTP for the chain wiring, the WIT import
for the composed one. The handlers in app.py cannot tell them apart, and
neither can a client. A version of None means whatever version the book is at.

Every call is awaited, as on WASI 0.3, where a call of book-api over HTTP
suspends the handler until the answer comes. On WASI 0.2 a source blocks
instead, and its calls finish without suspending (serve.py counts on it).
"""

from dataclasses import dataclass
from typing import Protocol

from request import Refusal


@dataclass(frozen=True)
class Book:
    title: str
    author: str


@dataclass(frozen=True)
class Entry:
    """A book of the catalogue. Over HTTP its numbers are JSON's, so they may be any whole double."""

    id: float
    version: float
    book: Book


@dataclass(frozen=True)
class Page:
    entries: list[Entry]
    next: float | None


@dataclass(frozen=True)
class Caller:
    """Who asks: the request's id and the client's Authorization, passed on to book-api, which decides."""

    request_id: str
    authorization: str | None


@dataclass(frozen=True)
class Found[T]:
    value: T


@dataclass(frozen=True)
class Refused:
    """book-api's refusal, which the frontend passes on to its client with book-api's words."""

    refusal: Refusal


@dataclass(frozen=True)
class Failed:
    """Why nothing usable came back from book-api: a bad gateway."""

    reason: str


type Lookup[V] = Found[V] | Refused | Failed


class BookSource(Protocol):
    async def book_of_the_day(self, caller: Caller, day: int | None) -> Lookup[Book]:
        """The book for `day`, or for today (UTC, as book-api sees it) when None."""
        ...

    async def books(self, caller: Caller, count: int) -> Lookup[list[Book]]:
        """`count` books, cycling through the week."""
        ...

    async def list_books(self, caller: Caller, limit: int, after: int | None) -> Lookup[Page]: ...

    async def get_book(self, caller: Caller, id: int) -> Lookup[Entry]: ...

    async def add_book(self, caller: Caller, book: Book) -> Lookup[Entry]: ...

    async def update_book(self, caller: Caller, id: int, book: Book, version: int | None) -> Lookup[Entry]: ...

    async def remove_book(self, caller: Caller, id: int, version: int | None) -> Lookup[None]: ...
