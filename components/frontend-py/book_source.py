"""Where the frontend gets its books, as components/frontend/src/book-source.ts.

Each wiring provides one source: HTTP for the chain wiring, the WIT import
for the composed one. The handlers in app.py cannot tell them apart.
"""

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Book:
    title: str
    author: str


@dataclass(frozen=True)
class Found[T]:
    value: T


@dataclass(frozen=True)
class Failed:
    """Why nothing usable came back from book-api."""

    reason: str


type Lookup[V] = Found[V] | Failed


class BookSource(Protocol):
    def book_of_the_day(self, day: int | None) -> Lookup[Book]:
        """The book for `day`, or for today (UTC, as book-api sees it) when None."""
        ...

    def books(self, count: int) -> Lookup[list[Book]]:
        """`count` books, cycling through the week."""
        ...
