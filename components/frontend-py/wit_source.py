"""The books over WIT, as components/frontend/src/wit-source.ts: `npm run
compose` plugs book-api's catalog export into this import, so the calls
below are component-to-component calls with no HTTP anywhere.
"""

import json
from collections.abc import Callable

from componentize_py_types import Err
from wit_world.imports import catalog

from book_source import Book, Failed, Found, Lookup


def error_json(error: catalog.CatalogError) -> str:
    """The error as the TypeScript frontend words it: JSON of componentize-js's thrown `{ payload }`."""
    tag = "invalid-weekday" if isinstance(error, catalog.CatalogError_InvalidWeekday) else "too-many-books"
    return json.dumps({"payload": {"tag": tag, "val": error.value}}, separators=(",", ":"))


def lookup[T](name: str, call: Callable[[], T]) -> Lookup[T]:
    """A catalog call as a lookup: the `err` case of the WIT result arrives raised as `Err`."""
    try:
        return Found(call())
    except Err as cause:
        return Failed(f"catalog.{name} failed: {error_json(cause.value)}")


def book(wit: catalog.Book) -> Book:
    return Book(wit.title, wit.author)


class WitSource:
    def book_of_the_day(self, day: int | None) -> Lookup[Book]:
        return lookup("book-of-the-day", lambda: book(catalog.book_of_the_day(catalog.today() if day is None else day)))

    def books(self, count: int) -> Lookup[list[Book]]:
        return lookup("books", lambda: [book(each) for each in catalog.books(count)])
