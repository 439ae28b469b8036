"""What a request must be, in book-api's words, as components/shared/ words
it (query.ts, versions.ts, book-body.ts, request-id.ts): the frontend refuses
a badly shaped request itself, and with the same status and sentence as
book-api would, whichever wiring carries it.
"""

import re
from dataclasses import dataclass

import js
from book_source import Book
from request import MAX_BODY, TOO_LARGE, Refusal, Request, Target, parse_pairs

REQUEST_ID = "x-request-id"
# A request id fit to log and pass on: 1 to 128 visible ASCII characters.
FIT_ID = re.compile("[\x21-\x7e]{1,128}")
# ASCII digits only, as JavaScript's \d: Python's would take any script's.
UINT = re.compile("[0-9]{1,9}")
ID = re.compile("[1-9][0-9]{0,8}")
ETAG = re.compile('"([1-9][0-9]{0,8})"')
# A key JavaScript orders as an array index, if under 2**32 - 1.
INDEX = re.compile("0|[1-9][0-9]{0,9}")
FIELDS = ("title", "author")
BODY_TYPES = ("application/json", "application/x-www-form-urlencoded")


def etag(version: float) -> str:
    return f'"{js.number_text(version)}"'


def invalid_weekday(day: int) -> str:
    return f'query parameter "weekday" must be from 0 (Sunday) to 6 (Saturday), got "{day}"'


@dataclass(frozen=True)
class Param:
    """A query parameter read; None when the request leaves it out."""

    value: int | None


@dataclass(frozen=True)
class BadParam:
    message: str


def uint_param(target: Target, name: str) -> Param | BadParam:
    """The first `name` parameter as a non-negative integer."""
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
    """`?weekday=N` as a weekday."""
    param = uint_param(target, "weekday")
    if isinstance(param, Param) and param.value is not None and param.value > 6:
        return BadParam(invalid_weekday(param.value))
    return param


def read_id(segment: str) -> int | Refusal:
    """A path segment as a book's id."""
    if ID.fullmatch(segment):
        return int(segment)
    return Refusal(400, f"a book's id is a whole number from 1, not {js.stringify(segment)}")


def read_precondition(request: Request, required: bool) -> int | Refusal | None:
    """The version a write names in If-Match: one ETag (`"3"`), or None for `*` or, where allowed, no If-Match."""
    value = request.headers.get("if-match")
    if value is None:
        return Refusal(428, "a write to a book needs If-Match with the ETag it replaces, or *") if required else None
    trimmed = js.trim(value)
    if trimmed == "*":
        return None
    version = ETAG.fullmatch(trimmed)
    if version is None:
        return Refusal(400, f'If-Match must be one ETag this API gave, such as "1", or *; got {js.stringify(value)}')
    return int(version[1])


def request_id_of(request: Request) -> str | Refusal | None:
    """The client's x-request-id, a refusal when it is unfit, or None when the client sent none."""
    given = request.headers.get(REQUEST_ID)
    if given is None or FIT_ID.fullmatch(given):
        return given
    return Refusal(400, f"{REQUEST_ID} must be 1 to 128 visible ASCII characters, got {js.stringify(given[:140])}")


def not_a_field(name: str) -> Refusal:
    return Refusal(400, f"{js.stringify(name)} is not a field of a book, which has a title and an author")


def media_type(header: str | None) -> str | None:
    """The body's type if it is one of BODY_TYPES, with no charset but UTF-8."""
    kind, *parameters = (js.trim(part).lower() for part in (header or "").split(";"))
    charset = next((p.removeprefix("charset=") for p in parameters if p.startswith("charset=")), None)
    if charset not in (None, "utf-8", '"utf-8"'):
        return None
    return kind if kind in BODY_TYPES else None


def first_key(names: list[str]) -> str:
    """The first of `names` in Object.keys order: array indices first, in numeric order, then as inserted."""
    indices = [int(name) for name in names if INDEX.fullmatch(name) and int(name) < 2**32 - 1]
    return str(min(indices)) if indices else names[0]


def from_json(value: object) -> Book | Refusal:
    """A JSON object with a string title and author, and nothing else."""
    if not isinstance(value, dict):
        return Refusal(400, "the body must be a JSON object with a title and an author")
    for field in FIELDS:
        if field not in value:
            return Refusal(400, f"{field} is missing")
        if not isinstance(value[field], str):
            return Refusal(400, f"{field} must be a string")
    extra = [name for name in value if name not in FIELDS]
    # A lone surrogate (JSON's "\ud800") is no Unicode text a WIT string can carry: U+FFFD, as book-body.ts makes it.
    return (
        not_a_field(first_key(extra))
        if extra
        else Book(js.well_formed(value["title"]), js.well_formed(value["author"]))
    )


def from_form(text: str) -> Book | Refusal:
    """A form's title and author, each once, and nothing else."""
    pairs = parse_pairs(text)
    for field in FIELDS:
        count = sum(name == field for name, _ in pairs)
        if count != 1:
            return Refusal(400, f"{field} is missing" if count == 0 else f"{field} is given {count} times")
    extra = next((name for name, _ in pairs if name not in FIELDS), None)
    if extra is not None:
        return not_a_field(extra)
    values = dict(pairs)
    return Book(values["title"], values["author"])


def read_book(request: Request) -> Book | Refusal:
    """The book in the body: its type (415), then its size (413), then its shape (400)."""
    kind = media_type(request.headers.get("content-type"))
    if kind is None:
        given = request.headers.get("content-type")
        untyped = "untyped" if given is None else js.stringify(given)
        return Refusal(415, f"the body must be {' or '.join(BODY_TYPES)} (UTF-8), not {untyped}")
    if request.body == TOO_LARGE:
        return Refusal(413, f"the body must be at most {MAX_BODY} bytes")
    text = js.decode(request.body)
    if kind == "application/x-www-form-urlencoded":
        return from_form(text)
    try:
        value = js.parse(text)
    except ValueError:
        return Refusal(400, "the body is not valid JSON")
    return from_json(value)
