"""An InboundXML element's attributes, read and checked: each bad value is an AvayaError
with the code the seed's table gives for that verb and attribute (``13313 Gather: Invalid
timeout value``). Values are compared without regard to case, since the SDKs write
Python's ``True``/``False`` and enums in either case."""
from __future__ import annotations

from urllib.parse import urljoin

from ..errors import AvayaError
from ..params import valid_url

TRUE, FALSE = ("true", "1", "yes"), ("false", "0", "no")


def integer(element: dict, name: str, code: int, default: int | None, *,
            minimum: int = 0, maximum: int | None = None) -> int | None:
    """An integer attribute from ``minimum`` to ``maximum``; ``default`` when absent."""
    raw = element["attrs"].get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise AvayaError(code, details=f"{element['tag']} {name}={raw!r}") from None
    if value < minimum or (maximum is not None and value > maximum):
        raise AvayaError(code, details=f"{element['tag']} {name}={raw!r} is out of range")
    return value


def boolean(element: dict, name: str, code: int, default: bool) -> bool:
    """A true/false attribute; ``default`` when absent."""
    raw = element["attrs"].get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise AvayaError(code, details=f"{element['tag']} {name}={raw!r}: true or false")


def choice(element: dict, name: str, code: int, allowed: tuple[str, ...],
           default: str | None) -> str | None:
    """One of ``allowed`` (compared in lower case); ``default`` when absent."""
    raw = element["attrs"].get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in allowed:
        raise AvayaError(code, details=f"{element['tag']} {name}={raw!r}: one of "
                                       f"{', '.join(allowed)}")
    return value


def method(element: dict, code: int, name: str = "method") -> str:
    """GET or POST (POST when absent)."""
    return choice(element, name, code, ("get", "post"), "post").upper()


def url(element: dict, raw: str | None, base: str, code: int) -> str | None:
    """A URL attribute or text, resolved against the document's own URL (relative URLs
    are allowed, as in every TwiML-family language); None when absent."""
    if raw is None or raw.strip() == "":
        return None
    resolved = urljoin(base, raw.strip())
    if not valid_url(resolved):
        raise AvayaError(code, details=f"{element['tag']}: {raw!r} is not a URL")
    return resolved
