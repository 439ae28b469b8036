"""The books over WIT, as components/frontend/src/wit-source.ts: `npm run
compose` plugs book-api's catalog export into this import, so the calls
below are component-to-component calls with no HTTP anywhere, answered at
once on WASI 0.2 and 0.3 alike (the catalog's functions are not async).
book-api's typed errors, which componentize-py raises as `Err`, become the
refusals its HTTP face sends (components/shared/refusal.ts), in the same words.
"""

from collections.abc import Callable

from componentize_py_types import Err
from wit_world.imports import catalog

import js
from book_source import Book, Caller, Entry, Found, Lookup, Page, Refused
from request import Refusal
from rules import etag, invalid_weekday

# The catalogue's limits, as the contract documents them (components/shared/limits.ts).
MAX_BOOKS = 100_000
MAX_PAGE = 100

Credentials = catalog.CredentialsError
# What a client must send to write, and what it sent wrong (RFC 6750's error codes).
CHALLENGE = {
    Credentials.MISSING: 'Bearer realm="book-api"',
    Credentials.MALFORMED: 'Bearer realm="book-api", error="invalid_request"',
    Credentials.WRONG: 'Bearer realm="book-api", error="invalid_token"',
}
UNAUTHORIZED = {
    Credentials.MISSING: "this write needs an Authorization header: Bearer <token>",
    Credentials.MALFORMED: "Authorization must be Bearer <token>",
    Credentials.WRONG: "the token is not the one this API takes",
}


def refusal_of(error: catalog.CatalogError) -> Refusal:
    """One status and one sentence for each reason, as book-api's HTTP face says it."""
    match error:
        case catalog.CatalogError_InvalidWeekday(day):
            return Refusal(400, invalid_weekday(day))
        case catalog.CatalogError_TooManyBooks(count):
            return Refusal(400, f'query parameter "count" must be at most {MAX_BOOKS}, got "{count}"')
        case catalog.CatalogError_InvalidLimit(limit):
            return Refusal(400, f'query parameter "limit" must be from 1 to {MAX_PAGE}, got "{limit}"')
        case catalog.CatalogError_InvalidBook(field_error):
            return Refusal(400, field_error.reason)
        case catalog.CatalogError_Unauthorized(credentials):
            return Refusal(401, UNAUTHORIZED[credentials], (("www-authenticate", CHALLENGE[credentials]),))
        case catalog.CatalogError_NotFound(book_id):
            return Refusal(404, f"no book {book_id}")
        case catalog.CatalogError_VersionMismatch(version):
            message = f"the book is at version {version}, not the one If-Match names"
            return Refusal(412, message, (("etag", etag(version)),))
        case catalog.CatalogError_Unavailable(reason):
            return Refusal(503, f"the catalogue is unavailable: {reason}", (("retry-after", "1"),))


def lookup[T](call: Callable[[], T]) -> Lookup[T]:
    """A catalog call as a lookup: the `err` case of the WIT result arrives raised as `Err`.

    Nothing else comes back from book-api: anything else it (or a host) throws is a trap, which ends the request.
    """
    try:
        return Found(call())
    except Err as error:
        return Refused(refusal_of(error.value))


def book_from(wit: catalog.Book) -> Book:
    return Book(wit.title, wit.author)


def entry_from(wit: catalog.Entry) -> Entry:
    return Entry(wit.id, wit.version, book_from(wit.book))


def wit_caller(caller: Caller) -> catalog.Caller:
    return catalog.Caller(caller.request_id, caller.authorization)


def to_wit(book: Book) -> catalog.Book:
    """A WIT string is Unicode: a lone surrogate (JSON can escape one) becomes U+FFFD, as TextEncoder makes it."""
    return catalog.Book(js.well_formed(book.title), js.well_formed(book.author))


class WitSource:
    async def book_of_the_day(self, caller: Caller, day: int | None) -> Lookup[Book]:
        return lookup(
            lambda: book_from(catalog.book_of_the_day(wit_caller(caller), catalog.today() if day is None else day)),
        )

    async def books(self, caller: Caller, count: int) -> Lookup[list[Book]]:
        return lookup(lambda: [book_from(each) for each in catalog.books(wit_caller(caller), count)])

    async def list_books(self, caller: Caller, limit: int, after: int | None) -> Lookup[Page]:
        def page() -> Page:
            wit = catalog.list_books(wit_caller(caller), limit, after)
            return Page([entry_from(each) for each in wit.entries], wit.next)

        return lookup(page)

    async def get_book(self, caller: Caller, id: int) -> Lookup[Entry]:
        return lookup(lambda: entry_from(catalog.get_book(wit_caller(caller), id)))

    async def add_book(self, caller: Caller, book: Book) -> Lookup[Entry]:
        return lookup(lambda: entry_from(catalog.add_book(wit_caller(caller), to_wit(book))))

    async def update_book(self, caller: Caller, id: int, book: Book, version: int | None) -> Lookup[Entry]:
        return lookup(lambda: entry_from(catalog.update_book(wit_caller(caller), id, to_wit(book), version)))

    async def remove_book(self, caller: Caller, id: int, version: int | None) -> Lookup[None]:
        return lookup(lambda: catalog.remove_book(wit_caller(caller), id, version))
