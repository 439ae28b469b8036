"""HTTP as the handlers see it, as components/shared/http.ts and target.ts
have it: the method, the path as sent, the query's pairs, the headers by
lower-case name (a repeated one joined with ", ", as Fetch joins them, values
latin1 as on the wire), and the body read whole up to MAX_BODY; a status,
headers and text out.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final, Literal

import js

MAX_BODY: Final = 16 * 1024
# A body longer than MAX_BODY, which the face stops reading.
TOO_LARGE: Final = "too-large"
TEXT: Final = "text/plain; charset=utf-8"

type Body = bytes | Literal["too-large"]
type Headers = tuple[tuple[str, str], ...]

ESCAPE = re.compile(rb"%([0-9A-Fa-f]{2})")


@dataclass(frozen=True)
class Target:
    """A request target (`/api?weekday=3`) read as components/shared/target.ts reads it: the path as sent."""

    path: str
    params: list[tuple[str, str]]

    @staticmethod
    def parse(path_with_query: str) -> Target:
        path, _, query = path_with_query.partition("?")
        return Target(path or "/", parse_pairs(query))

    def param(self, name: str) -> str | None:
        """The first `name` parameter, as URLSearchParams.get finds it."""
        return next((value for key, value in self.params if key == name), None)


@dataclass(frozen=True)
class Request:
    """A request as the handlers see it, whichever face read it."""

    method: str
    target: Target
    headers: Mapping[str, str]
    body: Body


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused, as book-api words it: a status, one sentence, the headers the client needs."""

    status: int
    message: str
    headers: Headers = ()


@dataclass(frozen=True)
class Response:
    """A reply; its body is sent as UTF-8."""

    status: int
    body: str
    headers: Headers


def text(status: int, message: str, headers: Headers = ()) -> Response:
    """The frontend's every reply: plain text, content-type first."""
    return Response(status, message, (("content-type", TEXT), *headers))


def header_map(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Header pairs by lower-case name, a repeated one's values joined with ", "."""
    headers: dict[str, str] = {}
    for name, value in pairs:
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return headers


def percent_decode(text: str) -> str:
    """`+` a space, percent-escapes decoded as UTF-8 (ill-formed, a U+FFFD), a `%` that starts none kept."""
    raw = ESCAPE.sub(lambda match: bytes([int(match[1], 16)]), text.replace("+", " ").encode())
    return raw.decode("utf-8", "replace")


def parse_pairs(search: str) -> list[tuple[str, str]]:
    """A query or form's name-value pairs, in order, decoded: split on `&` and the first `=`."""
    pairs = []
    for part in filter(None, search.split("&")):
        name, _, value = part.partition("=")
        pairs.append((percent_decode(name), percent_decode(value)))
    return pairs


def cut(text: str, units: int) -> str:
    """`text`, or its first `units` UTF-16 code units and an ellipsis, as the log lines cut what they quote."""
    first = js.head(text, units)
    return text if first == text else f"{first}…"
