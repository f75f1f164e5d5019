"""The rules an SMS or MMS is held to, as pure functions (seed 004, Send SMS, Supported
opt-in and opt-out keywords, Send MMS). No state and no Flask here.

- A body is GSM-7 when every character is in the GSM 03.38 default alphabet or its
  extension table (whose characters take two septets); anything else makes it Unicode
  (UCS-2, counted in UTF-16 code units).
- "The size of a single plain text SMS is 160 characters. If unicode characters are used,
  the size of a single SMS is 70 characters ... the maximum number of allowed characters is
  765 for a plain text SMS. For a unicode SMS it is 335 characters. For large SMS, 1 SMS
  unit is of 153 (67 for unicode) characters."
- Opt-out and opt-in keywords are whole bodies, any case.
- MMS media types are judged by the URL's extension: amr, mp3, wav, jpg (and jpeg), gif,
  png, mp4.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

from .errors import AvayaError
from .params import region_of

_BASIC = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
          "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
_EXTENSION = "\f^{}\\[~]|€"
GSM7 = frozenset(_BASIC)
GSM7_EXTENSION = frozenset(_EXTENSION)

#: (single-unit size, size of each unit of a long message, the most a message may hold)
LIMITS = {"GSM-7": (160, 153, 765), "UCS-2": (70, 67, 335)}
#: the seed's words when a body is over the most a message may hold
SIZE_EXCEEDED = "Message size is exceeded"
#: the code answering a body too long, per encoding (the seed's 21605 and 21610)
LENGTH_CODES = {"GSM-7": 21605, "UCS-2": 21610}

OPT_OUT = frozenset({"UNSUBSCRIBE", "CANCEL", "STOP", "QUIT"})
OPT_IN = frozenset({"SUBSCRIBE", "RESUME", "UNSTOP", "START", "YES"})

#: the seed's Supported Content Media Types, by extension
MEDIA_TYPES = {"amr": "audio/amr", "mp3": "audio/mpeg", "wav": "audio/wav",
               "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
               "png": "image/png", "mp4": "video/mp4"}
#: "MMS is currently only supported in the US and Canada"
MMS_COUNTRIES = frozenset({"US", "CA"})

#: control characters no message body may carry (tab, line feed, form feed and carriage
#: return excepted)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Segments:
    """How a body travels: its encoding, its length in that encoding, and its units."""

    encoding: str
    length: int
    units: int


def encoding_of(body: str) -> str:
    """``GSM-7`` when every character is in the GSM default alphabet or its extension,
    otherwise ``UCS-2``."""
    for char in body:
        if char not in GSM7 and char not in GSM7_EXTENSION:
            return "UCS-2"
    return "GSM-7"


def segments(body: str) -> Segments:
    """The encoding, length (septets or UTF-16 code units) and SMS units of a body."""
    encoding = encoding_of(body)
    if encoding == "GSM-7":
        length = sum(2 if char in GSM7_EXTENSION else 1 for char in body)
    else:
        length = len(body.encode("utf-16-le")) // 2
    single, part, _ = LIMITS[encoding]
    units = 1 if length <= single else math.ceil(length / part)
    return Segments(encoding, length, units)


def checked_body(body: str, *, single_unit: bool, why: str = "") -> Segments:
    """The segments of an SMS body that fits: at most one unit when ``single_unit`` (an
    international destination, or ``AllowMultiple`` false), else at most 765 GSM-7 or 335
    Unicode characters. 21605 (GSM-7) or 21610 (Unicode) when it does not fit; 14103 for a
    body carrying control characters."""
    if _CONTROL.search(body):
        raise AvayaError(14103, details="the body carries control characters")
    found = segments(body)
    single, _, most = LIMITS[found.encoding]
    code = LENGTH_CODES[found.encoding]
    if found.length > most:
        raise AvayaError(code, SIZE_EXCEEDED,
                         details=f"{found.length} {found.encoding} characters; at most {most}")
    if single_unit and found.units > 1:
        raise AvayaError(code, details=f"{found.length} {found.encoding} characters need "
                                       f"{found.units} units; {why} allows one ({single})")
    return found


def checked_text(body: str) -> str:
    """An MMS body: any length, no control characters (14103)."""
    if _CONTROL.search(body):
        raise AvayaError(14103, details="the body carries control characters")
    return body


def keyword(body: str) -> str | None:
    """``opt-out`` or ``opt-in`` when the whole body (trimmed, any case) is one of the
    seed's keywords, else None."""
    word = body.strip().upper()
    if word in OPT_OUT:
        return "opt-out"
    if word in OPT_IN:
        return "opt-in"
    return None


def media_type(url: str) -> str | None:
    """The seed's media type of a MediaUrl, judged by the extension of its path (of its
    host when the path is empty, as in zang-go's ``http://full-url-to-media.jpeg``); None
    when the extension is missing or unsupported."""
    parts = urlsplit(url)
    name = (parts.path.rstrip("/") or parts.netloc).rsplit("/", 1)[-1]
    if "." not in name:
        return None
    return MEDIA_TYPES.get(name.rsplit(".", 1)[-1].lower())


def capable(number: dict, feature: str) -> bool:
    """Whether an account number's ``capabilities`` allow ``feature`` (``sms``, ``mms``);
    values may be booleans or "true"/"false". A number whose capabilities do not mention
    ``mms`` can send MMS when it can send SMS and is a US or Canadian number ("MMS will
    come automatically enabled when a phone number is purchased")."""
    capabilities = number.get("capabilities") or {}
    value = capabilities.get(feature)
    if value is None and feature == "mms":
        return capable(number, "sms") and region_of(number.get("phone_number", "")) \
            in MMS_COUNTRIES
    return value is True or str(value).strip().lower() == "true"


def price(per_unit: Decimal, units: int) -> str:
    """A message's price as the resources show it: four decimals, a string."""
    return f"{per_unit * units:.4f}"
