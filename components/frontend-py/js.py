"""JavaScript's built-ins where Python's differ, so that the Python frontend
answers with the TypeScript frontend's bytes: its JSON is parsed into doubles
and written by JSON.stringify, its text is cut by UTF-16 code units, trimmed
of JavaScript's white space and sent through TextEncoder.
"""

import json
import re
from decimal import Decimal

# What String.prototype.trim and Number() strip: WhiteSpace and LineTerminator (not Python's \x1c-\x1f, \x85).
SPACE = (
    "\t\n\v\f\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
# Surrogates alone: JSON text can carry them ("\ud800"), UTF-8 cannot.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Number(text)'s decimal and prefixed literals, once trimmed; anything else is NaN.
DECIMAL = re.compile(r"[+-]?(?:Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)")
PREFIXED = re.compile("0(?:[xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)")
# How deep the C scanner of json.loads may recurse: past a few thousand levels it overflows the wasm stack, a trap
# that ends the request, where JavaScript's parsers take any depth. Deeper JSON is parsed without recursion.
SHALLOW = 100
JSON_SPACE = re.compile("[ \t\n\r]*")
JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
JSON_LITERALS = {"true": True, "false": False, "null": None}
JSON_STRING_TOKEN = re.compile(r'"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"')
# How deep JSON is, from its brackets and quotes: strings, then empty containers, one level a pass.
NOT_STRUCTURE = bytes(byte for byte in range(256) if byte not in b'[]{}"')
JSON_STRING = re.compile(rb'"[^"]*"')
EMPTY_CONTAINER = re.compile(rb"\[\]|\{\}")


def trim(text: str) -> str:
    """String.prototype.trim."""
    return text.strip(SPACE)


def head(text: str, units: int) -> str:
    """text.slice(0, units): in UTF-16 code units, so that a character past U+FFFF cut in two leaves its first half."""
    if len(text) * 2 <= units:
        return text
    taken = 0
    for index, char in enumerate(text):
        width = 2 if ord(char) > 0xFFFF else 1
        if taken + width > units:
            high = chr(0xD800 + ((ord(char) - 0x10000) >> 10))
            return text[:index] + (high if taken < units else "")
        taken += width
    return text


def well_formed(text: str) -> str:
    """String.prototype.toWellFormed: what TextEncoder makes of a lone surrogate."""
    return LONE_SURROGATE.sub("\ufffd", text)


def encode(text: str) -> bytes:
    """TextEncoder.encode."""
    return well_formed(text).encode()


def decode(data: bytes) -> str:
    """TextDecoder.decode: a leading byte order mark dropped, each ill-formed sequence a U+FFFD, as WHATWG says."""
    return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")


def stringify(value: object) -> str:
    """JSON.stringify of strings, and lists and dicts of them: beyond ASCII as it is, a lone surrogate escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return LONE_SURROGATE.sub(lambda match: f"\\u{ord(match[0]):04x}", text)


def not_json(constant: str) -> object:
    raise ValueError(f"{constant} is not JSON")


def shallow(text: str) -> bool:
    """Whether `text` nests containers at most SHALLOW deep outside its strings. Its brackets and quotes are kept
    (escaped ones dropped), its strings dropped, then its innermost pairs a level at a time; unsure is deep."""
    if text.count("[") + text.count("{") <= SHALLOW:
        return True
    data = text.encode()
    if b"\\" in data:
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    # Quotes alternate, opening and closing strings: a pair of adjacent ones keeps it so, and so does an empty string.
    brackets = JSON_STRING.sub(b"", data.translate(None, NOT_STRUCTURE).replace(b'""', b""))
    for _level in range(SHALLOW):
        if not brackets:
            break
        brackets = EMPTY_CONTAINER.sub(b"", brackets)
    return not brackets


def parse(text: str) -> object:
    """JSON.parse: every number a double (too large an integer is Infinity), NaN and Infinity no JSON, any depth.

    Raises ValueError for text that is not JSON.
    """
    if shallow(text):
        return json.loads(text, parse_int=float, parse_constant=not_json)
    return parse_deep(text)


type Container = list[object] | dict[str, object]


def parse_deep(text: str) -> object:
    """JSON text as `parse` reads it, with a list of the open containers (and keys) in place of recursion."""
    open_: list[tuple[Container, str]] = []
    at = space(text, 0)
    while True:
        value: object
        char = text[at : at + 1]
        if char in ("[", "{"):
            at = space(text, at + 1)
            if text[at : at + 1] != closer(char):
                container: Container = [] if char == "[" else {}
                name, at = ("", at) if char == "[" else key(text, at)
                open_.append((container, name))
                continue
            value, at = ([] if char == "[" else {}), at + 1
        elif char == '"':
            value, at = string(text, at)
        elif number := JSON_NUMBER.match(text, at):
            value, at = float(number[0]), number.end()
        elif literal := next((word for word in JSON_LITERALS if text.startswith(word, at)), None):
            value, at = JSON_LITERALS[literal], at + len(literal)
        else:
            raise ValueError(f"Expecting value at {at}")
        while True:
            at = space(text, at)
            if not open_:
                if at < len(text):
                    raise ValueError(f"Extra data at {at}")
                return value
            container, name = open_[-1]
            if isinstance(container, list):
                container.append(value)
            else:
                container[name] = value
            char = text[at : at + 1]
            if char == ",":
                at = space(text, at + 1)
                if isinstance(container, dict):
                    name, at = key(text, at)
                    open_[-1] = (container, name)
                break
            if char != closer("[" if isinstance(container, list) else "{"):
                raise ValueError(f"Expecting ',' or the container's end at {at}")
            value, at = container, at + 1
            open_.pop()


def closer(opener: str) -> str:
    return "]" if opener == "[" else "}"


def space(text: str, at: int) -> int:
    """Where the JSON white space from `at` ends."""
    match = JSON_SPACE.match(text, at)
    return match.end() if match else at


def string(text: str, at: int) -> tuple[str, int]:
    """The string at `at`, and where it ends; its escapes read by json.loads, which does not recurse for one."""
    token = JSON_STRING_TOKEN.match(text, at)
    if token is None:
        raise ValueError(f"Invalid string at {at}")
    value: str = json.loads(token[0])
    return value, token.end()


def key(text: str, at: int) -> tuple[str, int]:
    """An object's key and its colon, read from `at`: the key, and where its value starts."""
    if text[at : at + 1] != '"':
        raise ValueError(f"Expecting a property name at {at}")
    name, at = string(text, at)
    at = space(text, at)
    if text[at : at + 1] != ":":
        raise ValueError(f"Expecting ':' at {at}")
    return name, space(text, at + 1)


def number(text: str) -> float:
    """Number(text): trimmed; empty is 0; decimal, or 0x, 0o and 0b integers; anything else NaN."""
    trimmed = trim(text)
    if not trimmed:
        return 0.0
    if DECIMAL.fullmatch(trimmed):
        return float(trimmed.replace("Infinity", "inf"))
    if PREFIXED.fullmatch(trimmed):
        try:
            return float(int(trimmed, 0))
        except OverflowError:
            return float("inf")
    return float("nan")


def number_text(value: float) -> str:
    """String(value) for a finite number: the shortest digits that read back, as ECMAScript's Number::toString."""
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    digits_tuple, exponent = Decimal(repr(abs(value))).normalize().as_tuple()[1:]
    digits = "".join(map(str, digits_tuple))
    point = len(digits) + int(exponent)
    if len(digits) <= point <= 21:
        return sign + digits + "0" * (point - len(digits))
    if 0 < point <= 21:
        return f"{sign}{digits[:point]}.{digits[point:]}"
    if -6 < point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    fraction = f".{digits[1:]}" if len(digits) > 1 else ""
    return f"{sign}{digits[0]}{fraction}e{'+' if point > 0 else '-'}{abs(point - 1)}"
