"""A call of book-api as http_source.py makes it, whichever WASI carries it:
the call (Send, which each build provides: outgoing.py on WASI 0.2,
outgoing_p3.py on WASI 0.3), its answer (Answered), and NoAnswer when
nothing comes back.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from url import Url

READ_CHUNK = 65536
# Statuses whose response has no body, whatever follows them (Fetch's null body statuses).
NULL_BODY = (204, 205, 304)


class NoAnswer(Exception):
    """The request got no answer at all: where the TypeScript frontend's fetch rejects."""


@dataclass(frozen=True)
class Answered:
    """An answer: its status, the headers asked for (repeated ones joined with ", ", as Fetch joins them), its body."""

    status: int
    headers: Mapping[str, str]
    body: bytes


class Send(Protocol):
    async def __call__(
        self, method: str, url: Url, headers: list[tuple[str, str]], content: bytes | None, keep: tuple[str, ...]
    ) -> Answered:
        """Sends the request, `content` with its content-length, and reads the whole answer with the `keep` headers.

        Raises NoAnswer with wasi:http's error code when nothing comes back.
        """
        ...


def with_length(headers: list[tuple[str, str]], content: bytes | None) -> list[tuple[str, str]]:
    """The headers of a request with `content`, which goes with its content-length, as fetch sends it."""
    return headers if content is None else [*headers, ("content-length", str(len(content)))]
