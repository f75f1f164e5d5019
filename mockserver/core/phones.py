"""Phone numbers read by phonenumbers once, for any provider.

phonenumbers' ``parse``, ``is_valid_number`` and ``number_type`` cost 20 to 60 us a number,
and a client sends the same few numbers over and over (its own number on every SMS, the
same test recipients). Every function here is a pure function of the text it is given, so
its answer is remembered (an LRU of ``CACHED`` entries each): a number is parsed and
validated once per process, however many requests carry it.

``parse`` hands out one shared ``PhoneNumber`` per text: read it, never change it.
"""
from __future__ import annotations

from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneNumber, PhoneNumberFormat

#: entries each cache keeps (a few MB at most)
CACHED = 1 << 14

E164 = PhoneNumberFormat.E164
NATIONAL = PhoneNumberFormat.NATIONAL
INTERNATIONAL = PhoneNumberFormat.INTERNATIONAL


@lru_cache(maxsize=CACHED)
def parse(text: str, region: str | None = None) -> PhoneNumber | None:
    """``text`` parsed (national numbers read in ``region``), or None when phonenumbers
    cannot read it. The object is shared: do not change it."""
    try:
        return phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None


@lru_cache(maxsize=CACHED)
def is_valid(text: str, region: str | None = None) -> bool:
    """True when ``text`` parses and phonenumbers finds it a valid number."""
    parsed = parse(text, region)
    return parsed is not None and phonenumbers.is_valid_number(parsed)


@lru_cache(maxsize=CACHED)
def region_of(text: str, region: str | None = None) -> str | None:
    """The ISO country of a number (``+14165550123`` -> ``CA``), or None when phonenumbers
    cannot place it."""
    parsed = parse(text, region)
    return phonenumbers.region_code_for_number(parsed) if parsed is not None else None


@lru_cache(maxsize=CACHED)
def number_type(text: str, region: str | None = None) -> int | None:
    """phonenumbers' ``PhoneNumberType`` of a number, or None when it does not parse."""
    parsed = parse(text, region)
    return phonenumbers.number_type(parsed) if parsed is not None else None


@lru_cache(maxsize=CACHED)
def formatted(text: str, style: int, region: str | None = None) -> str | None:
    """A number in ``style`` (``E164``, ``NATIONAL``, ``INTERNATIONAL``), valid or not, or
    None when it does not parse."""
    parsed = parse(text, region)
    return phonenumbers.format_number(parsed, style) if parsed is not None else None


def geocoder():
    """phonenumbers' geocoder module, imported on first use: its data take about 0.4 s and
    100 MB, which a process that never describes a place should not pay."""
    from phonenumbers import geocoder as module
    return module


@lru_cache(maxsize=CACHED)
def described(text: str, language: str = "en", region: str | None = None) -> str:
    """Where a number is, in ``language`` (phonenumbers' geocoder: ``Sydney``, ``New York,
    NY``, a country's name, or "" when it knows nothing); "" when it does not parse."""
    parsed = parse(text, region)
    return geocoder().description_for_number(parsed, language) if parsed is not None else ""
