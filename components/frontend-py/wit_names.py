"""WIT's names for the variant cases componentize-py makes classes of, the
same in WASI 0.2's bindings and WASI 0.3's: a method as HTTP spells it, and
an error code as wasi:http names it.
"""

import re

# Words that wasi:http's error-code cases spell in capitals: HTTP-request-denied, DNS-timeout.
ACRONYMS = {"Dns": "DNS", "Tls": "TLS", "Http": "HTTP", "Ip": "IP", "Uri": "URI"}


def case_name(case: object, variant: str) -> str:
    """The case's name in WIT: `ErrorCode_HttpRequestDenied` of variant `ErrorCode` is `HTTP-request-denied`."""
    words = re.findall("[A-Z][a-z0-9]*", type(case).__name__.removeprefix(f"{variant}_"))
    return "-".join(ACRONYMS.get(word, word.lower()) for word in words)


def payload(case: object) -> object:
    """What a case carries (componentize-py's `value`), None for a case that carries nothing."""
    return getattr(case, "value", None)


def method_name(method: object) -> str:
    """The method as sent: StarlingMonkey's `request.method` does not upper-case `other` ones either."""
    name = case_name(method, "Method")
    given = payload(method)
    return given if name == "other" and isinstance(given, str) else name.upper()


def error_code_name(code: object) -> str:
    """The error-code case as WIT names it (`connection-refused`), with an internal error's message."""
    name = case_name(code, "ErrorCode")
    message = payload(code)
    return f"{name} ({message})" if name == "internal-error" and isinstance(message, str) and message else name
