"""An AVOXI tenant's state, and the small helpers every AVOXI module shares."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...core import phones
from ...core.state import JsonDataclass
from .errors import InvalidParameter

_E164 = re.compile(r"\+?[1-9]\d{5,14}")
#: a user extension as the seed writes one ("user extension example: 4242"), 2 to 10 digits
EXTENSION = re.compile(r"\d{2,10}")


@dataclass
class AvoxiState(JsonDataclass):
    """One organisation's numbers, extensions and orders, and the stock it has taken."""

    organization_id: str = ""
    organization_name: str = ""
    user_id: str = ""
    user_email: str = ""
    issued_at: float = 0.0
    counter: int = 0
    numbers: dict[str, dict] = field(default_factory=dict)
    extensions: dict[str, dict] = field(default_factory=dict)
    orders: dict[str, dict] = field(default_factory=dict)
    held: dict[str, list[int]] = field(default_factory=dict)
    procured: dict[str, int] = field(default_factory=dict)



def normalise_e164(value: str, field_name: str) -> str:
    """``+<digits>`` from a number given with or without ``+`` (a ``+`` that a query string
    decoded to a space included); BadRequest naming the field if it is not a number."""
    text = value.strip().replace(" ", "")
    if not _E164.fullmatch(text):
        raise InvalidParameter("Invalid number", f"{field_name} {value!r} is not an E.164 number",
                               fields={field_name: f"{value!r} is not an E.164 number"})
    return text if text.startswith("+") else f"+{text}"


def search_number(value: str, field_name: str) -> str:
    """A ``number`` or ``numbers`` filter of ``GET /numbers``: an E.164 number (as
    ``normalise_e164`` reads it), or a user extension, which the seed's ``number`` field
    also holds ("e164 example: +17709379735 or user extension example: 4242") and which
    is kept as written."""
    text = value.strip()
    if EXTENSION.fullmatch(text) and not _E164.fullmatch(text):
        return text
    return normalise_e164(value, field_name)


def describe_number(e164: str) -> tuple[str, str]:
    """``(country_code, local_format)`` of any valid number, via phonenumbers."""
    country = phones.region_of(e164) or ""
    national = phones.formatted(e164, phones.NATIONAL) or ""
    return country, "".join(ch for ch in national if ch.isdigit())
