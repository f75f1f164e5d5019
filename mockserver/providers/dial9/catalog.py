"""Dial 9's reference data and stock: the prefixes it provides numbers in
(``fixtures/dial9/prefixes.json``), the access numbers (``access_numbers.json``), and the
numbers in stock in each prefix, generated from the app seed and checked with phonenumbers.
"""
from __future__ import annotations

import re
import threading
from functools import cached_property

from ...core import phones
from ...core.fixtures import Fixtures
from ...core.provider import Services

#: numbers in stock per prefix (the same for every unit; a unit never sees its own)
STOCK_SIZE = 100
_ATTEMPTS = 50 * STOCK_SIZE
_UK_NATIONAL = re.compile(r"0\d{9,10}")
#: the numbers the seed shows in a prefix: the ten of "List available numbers within a
#: prefix", then the one its "Purchase a new number" example buys. They lead that prefix's
#: stock, so a fresh unit is offered the seed's list and can buy the seed's number.
SEED_STOCK = {"01234": ("01234069352", "01234901381", "01234901364", "01234069371",
                        "01234901431", "01234069448", "01234375392", "01234069303",
                        "01234375079", "01234069473", "01234901769")}


def uk_national(value: str) -> str | None:
    """A UK number as Dial 9 writes it (national digits, ``03301222970``) from that form,
    with spaces, or as ``+44...``/``44...``; None unless phonenumbers calls it valid."""
    text = value.replace(" ", "")
    if text.startswith("+44"):
        text = "0" + text[3:]
    elif text.startswith("44") and len(text) in (11, 12):
        text = "0" + text[2:]
    if not _UK_NATIONAL.fullmatch(text):
        return None
    parsed = phones.parse(text, "GB")
    return text if parsed is not None and parsed.country_code == 44 \
        and phones.is_valid(text, "GB") else None


class Catalog:
    """Prefixes, access numbers and the stock of each prefix."""

    def __init__(self, services: Services, fixtures: Fixtures) -> None:
        self.services = services
        self.fixtures = fixtures
        self._stock: dict[str, tuple[str, ...]] = {}
        self._lock = threading.Lock()

    @cached_property
    def prefixes(self) -> list[dict]:
        """``available_prefixes``: ``{"description", "prefix"}`` in fixture order."""
        return [{"description": p["description"], "prefix": p["prefix"]}
                for p in self.fixtures.load("prefixes.json")]

    @cached_property
    def prefix_set(self) -> frozenset[str]:
        """Every prefix, for lookups."""
        return frozenset(p["prefix"] for p in self.prefixes)

    @cached_property
    def access_numbers(self) -> list[dict]:
        """``available_access_numbers``: the seed's list."""
        return [{"number": a["number"], "description": a["description"]}
                for a in self.fixtures.load("access_numbers.json")]

    def prefix_of(self, number: str) -> str | None:
        """The available prefix a national number lies in, None if none."""
        for length in range(len(number), 1, -1):
            if number[:length] in self.prefix_set:
                return number[:length]
        return None

    def stock(self, prefix: str) -> tuple[str, ...]:
        """The prefix's numbers in stock: the seed's own (``SEED_STOCK``) first, then
        numbers in a fixed order drawn from the app seed; valid UK numbers (phonenumbers),
        11 digits, distinct."""
        found = self._stock.get(prefix)
        if found is None:
            found = self._generate(prefix)
            with self._lock:
                found = self._stock.setdefault(prefix, found)
        return found

    def _generate(self, prefix: str) -> tuple[str, ...]:
        rng = self.services.rng("dial9-stock", prefix)
        digits = 11 - len(prefix)
        out: dict[str, None] = dict.fromkeys(SEED_STOCK.get(prefix, ()))
        for _ in range(_ATTEMPTS):
            candidate = prefix + "".join(str(rng.randrange(10)) for _ in range(digits))
            if candidate not in out and uk_national(candidate) == candidate:
                out[candidate] = None
                if len(out) == STOCK_SIZE:
                    break
        return tuple(out)

    def in_stock(self, number: str) -> bool:
        """True when the number is one of its prefix's stock."""
        prefix = self.prefix_of(number)
        return prefix is not None and number in self.stock(prefix)
