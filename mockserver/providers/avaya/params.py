"""Request parameters as the Avaya Communications APIs take them (seed 004): form-encoded
bodies (and the query string, which the seed's own BYOC example uses on a POST), CamelCase
names as documented, phone numbers "automatically formatted on our end" (white space
trimmed, letters and symbols parsed out), URLs of at most 200 characters, methods that
default to POST, and date filters with inequalities (``DateSent>=2020-01-01``, which a
query string carries as the key ``DateSent>``).
"""
from __future__ import annotations

import re
from datetime import date
from typing import Iterable, Mapping
from urllib.parse import urlsplit

from ...core import phones
from .errors import AvayaError
from .wire import parse_rfc2822

MAX_URL = 200
#: the country a national number is read in when nothing names one (docs/providers/avaya.md)
DEFAULT_REGION = "US"
_NOT_DIGIT = re.compile(r"\D")
#: the spellings of "true" the seed accepts ("true", "True" and "1")
TRUE = frozenset({"true", "1"})


def phone(raw: str | None) -> str | None:
    """A number as the platform formats it: digits only, with a leading ``+`` (``+1 (555)
    010-0000`` -> ``+15550100000``); None when nothing is left."""
    if raw is None:
        return None
    digits = _NOT_DIGIT.sub("", raw)
    return "+" + digits if digits else None


def any_format(raw: str | None, region: str | None = None) -> str | None:
    """A number the seed lets a client give "in any format" (Send MMS ``To`` and ``From``,
    Make Call ``To`` and ``ForwardedFrom``: "XXX-XXX-XXXX", "X (XXX) XXX-XXXX", "XX X X
    XXXX X XX"), as E.164 where it can be read: given with a ``+``, its digits are
    international (as ``phone``); otherwise a number valid as a national number of
    ``region`` (US when None) is read so (``(415) 555-2671`` -> ``+14155552671``, as is
    the US international prefix ``011 44 ...``), and any other as international digits
    (``44 7911 123456`` -> ``+447911123456``). None when it has no digits."""
    formatted = phone(raw)
    if formatted is None or raw.strip().startswith("+"):
        return formatted
    national, region = formatted[1:], region or DEFAULT_REGION
    if not phones.is_valid(national, region):
        return formatted
    return phones.formatted(national, phones.E164, region)


def region_of(number: str) -> str | None:
    """The ISO country of an E.164 number (``+14165550123`` -> ``CA``), or None when
    phonenumbers cannot place it."""
    return phones.region_of(number)


def valid_e164(number: str | None) -> bool:
    """True for a number phonenumbers finds valid (``+`` and the country code first)."""
    return bool(number) and phones.is_valid(number)


class Params:
    """The parameters of one request, looked up by their documented names.

    ``allowed`` (for POSTs) names every parameter the endpoint documents; another name is
    refused with 20001 ``Unknown parameters``. Names match without regard to case, so
    ``friendlyname`` reaches ``FriendlyName``."""

    def __init__(self, values: Mapping[str, str], allowed: Iterable[str] | None = None) -> None:
        canonical = {name.lower(): name for name in (allowed or ())}
        self.values: dict[str, str] = {}
        unknown = []
        for key, value in values.items():
            name = canonical.get(key.lower(), key) if allowed is not None else key
            if allowed is not None and name not in canonical.values():
                unknown.append(key)
                continue
            self.values[name] = value
        if unknown:
            raise AvayaError(20001, details="unknown parameter(s): " + ", ".join(sorted(unknown)))

    def __contains__(self, name: str) -> bool:
        return name in self.values

    def get(self, name: str, default: str | None = None) -> str | None:
        """The raw value, or ``default``."""
        return self.values.get(name, default)

    def text(self, name: str) -> str | None:
        """The value with surrounding white space trimmed; None when absent."""
        value = self.values.get(name)
        return value.strip() if value is not None else None

    def phone(self, name: str) -> str | None:
        """The value as a formatted number (see ``phone``)."""
        return phone(self.values.get(name))

    def boolean(self, name: str) -> bool | None:
        """True for "true", "True" or "1", False for anything else, None when absent."""
        value = self.values.get(name)
        return None if value is None else value.strip().lower() in TRUE

    def method(self, name: str, default: str = "POST") -> str:
        """GET or POST: "any other value will default to POST" (the seed)."""
        value = (self.values.get(name) or "").strip().upper()
        return value if value in ("GET", "POST") else default

    def url(self, name: str, invalid: int = 21402) -> str | None:
        """An http(s) URL of at most 200 characters (12301 when longer, ``invalid`` when
        malformed); "" clears it; None when absent."""
        value = self.values.get(name)
        if value is None:
            return None
        value = value.strip()
        if value == "":
            return ""
        if len(value) > MAX_URL:
            raise AvayaError(12301, details=f"{name} is {len(value)} characters; at most "
                                            f"{MAX_URL} are allowed")
        if not valid_url(value):
            raise AvayaError(invalid, details=f"{name} is not a valid URL: {value!r}")
        return value


def valid_url(value: str) -> bool:
    """True for an absolute http or https URL with a host."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in value


def date_filter(args: Mapping[str, str], name: str) -> tuple[date | None, date | None]:
    """The inclusive ``(from, to)`` dates a list filter asks for: ``Name=YYYY-MM-DD`` (that
    day), ``Name>=`` / ``Name<=`` (sent literally or, as on the wire and from the Zang SDKs,
    as the keys ``Name>`` and ``Name<``), and zang-node's ``NameGte`` / ``NameLt``. 32005
    for a date that is not YYYY-MM-DD."""
    low = high = None
    for key, value in args.items():
        if key == name:
            low = high = _day(name, value)
        elif key in (f"{name}>", f"{name}>=", f"{name}Gte"):
            low = _day(key, value.lstrip("="))
        elif key in (f"{name}<", f"{name}<=", f"{name}Lt"):
            high = _day(key, value.lstrip("="))
    return low, high


def within(date_text: str | None, bounds: tuple[date | None, date | None]) -> bool:
    """True when an RFC 2822 date falls on the days a ``date_filter`` asked for: always
    when it asked for none, never for a missing date when it did."""
    low, high = bounds
    if not low and not high:
        return True
    if not date_text:
        return False
    day = parse_rfc2822(date_text).date()
    return not ((low and day < low) or (high and day > high))


def _day(key: str, value: str) -> date:
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise AvayaError(32005, details=f"{key} must be a date as YYYY-MM-DD, got {value!r}") \
            from None
