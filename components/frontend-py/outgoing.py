"""One HTTP request through wasi:http/outgoing-handler, blocking on its
answer, and the URL it goes to as JavaScript's `new URL` and URLSearchParams
would write it: what the TypeScript frontend's fetch does for http_source.py.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from componentize_py_types import Err
from wit_world.imports import outgoing_handler, streams, types

import js
from request import parse_pairs
from serve import write

READ_CHUNK = 65536
# The bytes URLSearchParams writes as they are; a space is `+`, any other byte percent-encoded.
FORM_SAFE = frozenset(b"*-._0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
DEFAULT_PORTS = {"http": 80, "https": 443}
# Statuses whose response has no body, whatever follows them (Fetch's null body statuses).
NULL_BODY = (204, 205, 304)
METHODS: Mapping[str, types.Method] = {
    "GET": types.Method_Get(),
    "POST": types.Method_Post(),
    "PUT": types.Method_Put(),
    "DELETE": types.Method_Delete(),
}
# Words that wasi:http's error-code cases spell in capitals: HTTP-request-denied, DNS-timeout.
ACRONYMS = {"Dns": "DNS", "Tls": "TLS", "Http": "HTTP", "Ip": "IP", "Uri": "URI"}


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


class NoAnswer(Exception):
    """The request got no answer at all: where the TypeScript frontend's fetch rejects."""


@dataclass(frozen=True)
class Answered:
    """An answer: its status, the headers asked for (repeated ones joined with ", ", as Fetch joins them), its body."""

    status: int
    headers: Mapping[str, str]
    body: bytes


def error_code_name(code: types.ErrorCode) -> str:
    """The error-code case as WIT names it (`connection-refused`), with an internal error's message."""
    case = type(code).__name__.removeprefix("ErrorCode_")
    name = "-".join(ACRONYMS.get(word, word.lower()) for word in re.findall("[A-Z][a-z0-9]*", case))
    if isinstance(code, types.ErrorCode_InternalError) and code.value:
        return f"{name} ({code.value})"
    return name


def read_all(body: types.IncomingBody) -> bytes:
    chunks: list[bytes] = []
    with body.stream() as stream:
        while True:
            try:
                chunks.append(stream.blocking_read(READ_CHUNK))
            except Err as failure:
                if isinstance(failure.value, streams.StreamError_Closed):
                    return b"".join(chunks)
                raise


def send(
    method: str, url: Url, headers: list[tuple[str, str]], content: bytes | None, keep: tuple[str, ...]
) -> Answered:
    """Sends the request, `content` with its content-length, and reads the whole answer with the `keep` headers.

    Raises NoAnswer with wasi:http's error code when nothing comes back.
    """
    if content is not None:
        headers = [*headers, ("content-length", str(len(content)))]
    request = types.OutgoingRequest(
        types.Fields.from_list([(name, value.encode("latin-1")) for name, value in headers])
    )
    request.set_method(METHODS[method])
    request.set_scheme(types.Scheme_Https() if url.scheme == "https" else types.Scheme_Http())
    request.set_authority(url.authority)
    request.set_path_with_query(url.path_with_query)
    # The body is the request's to hand out, so it is taken before the request goes.
    upload = None if content is None else (request.body(), content)
    try:
        future = outgoing_handler.handle(request, None)
    except Err as failure:
        raise NoAnswer(error_code_name(failure.value)) from None
    if upload is not None:
        body, data = upload
        write(body.write(), data)
        types.OutgoingBody.finish(body, None)
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
    with outcome.value.value as response:
        status = response.status()
        with response.headers() as fields:
            kept = {name: [value.decode("latin-1") for value in fields.get(name)] for name in keep}
        with response.consume() as answer:
            data = b"" if status in NULL_BODY else read_all(answer)
        return Answered(status, {name: ", ".join(values) for name, values in kept.items() if values}, data)
