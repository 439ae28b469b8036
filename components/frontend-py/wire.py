"""Headers as wasi:http carries them, in WASI 0.2 and 0.3 alike: values as
bytes, which the frontend reads and writes as latin1, as they are on the wire.
"""

from collections.abc import Callable, Iterable, Mapping


def to_wire(headers: Iterable[tuple[str, str]]) -> list[tuple[str, bytes]]:
    return [(name, value.encode("latin-1")) for name, value in headers]


def from_wire(pairs: Iterable[tuple[str, bytes]]) -> list[tuple[str, str]]:
    return [(name, value.decode("latin-1")) for name, value in pairs]


def kept(get: Callable[[str], list[bytes]], names: Iterable[str]) -> Mapping[str, str]:
    """The headers named that are there, each by `get`, repeated ones joined with ", " as Fetch joins them."""
    values = {name: [value.decode("latin-1") for value in get(name)] for name in names}
    return {name: ", ".join(each) for name, each in values.items() if each}
