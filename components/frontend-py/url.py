"""The URL a call of book-api goes to, as JavaScript's `new URL` and
URLSearchParams would write it: what the TypeScript frontend's fetch does
for http_source.py.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import js
from request import parse_pairs

# The bytes URLSearchParams writes as they are; a space is `+`, any other byte percent-encoded.
FORM_SAFE = frozenset(b"*-._0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Url:
    """A URL as `new URL` writes a plain http(s) one: scheme and host lower-case, no default port, a path."""

    scheme: str
    authority: str
    path_with_query: str

    def __str__(self) -> str:
        return f"{self.scheme}://{self.authority}{self.path_with_query}"


def form_encoded(text: str) -> str:
    return "".join(chr(b) if b in FORM_SAFE else "+" if b == 0x20 else f"%{b:02X}" for b in js.encode(text))


def url_of(base: str, query: Mapping[str, str]) -> Url:
    """`base` with each of `query` set as `url.searchParams.set` sets it, which rewrites the whole query."""
    parts = urlsplit(base)
    if parts.scheme.lower() not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"Invalid URL: {base}")
    scheme = parts.scheme.lower()
    host = parts.netloc.rpartition("@")[2].lower()
    port = parts.port
    if port is not None or host.endswith(":"):
        host = host[: host.rindex(":")]
    authority = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    search = parts.query
    if query:
        pairs = parse_pairs(parts.query)
        for name, value in query.items():
            at = next((index for index, (key, _) in enumerate(pairs) if key == name), len(pairs))
            pairs[at:] = [(name, value), *((key, kept) for key, kept in pairs[at + 1 :] if key != name)]
        search = "&".join(f"{form_encoded(name)}={form_encoded(value)}" for name, value in pairs)
    return Url(scheme, authority, (parts.path or "/") + (f"?{search}" if search else ""))
