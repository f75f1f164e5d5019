"""The numbers Avaya offers (seed 004, List Available Numbers), computed rather than stored.

``fixtures/avaya/numbering.json`` names places (a North American rate center or a GB town:
city, region, postal code, LATA, coordinates) with the ranges of national significant
numbers their stock lies in, and the toll-free codes with theirs. Each place's and each
toll-free code's stock is a ``core.numbering.SpreadStock``: numbers ascend, never repeat,
and map to and from their index in constant time, from the app seed alone. The stock is
shared by every tenant; a tenant's available numbers are that stock less the numbers on
its account, which its state already lists (nothing more is recorded).

Nothing is worked out per number per request: a number's national format is found by
phonenumbers once per process (core.phones remembers), a block keeps the resources (and
their JSON) of the numbers it has shown, and ``Contains`` is a search of the stock that is
scanned once per pattern (``SpreadStock.search``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from ...core import phones
from ...core.fixtures import Fixtures
from ...core.numbering import SpreadStock, stable_hash, trunk_prefix
from .wire import Rendered

LOCAL, TOLLFREE = "local", "tollfree"
NUMBER_TYPES = (LOCAL, TOLLFREE)
#: countries whose AreaCode is a NANP area code (seed 004: "Only available for North
#: American numbers")
NORTH_AMERICA = ("US", "CA")
#: a ``Contains`` regex that ``SpreadStock.search`` can serve (digits and ``\d`` only)
_SEARCHABLE = re.compile(r"(?:\d|\\d)+")


def searchable(pattern: re.Pattern) -> bool:
    """True for a ``Contains`` regex that ``SpreadStock.search`` can serve: digits and
    ``\\d`` only, no flags but the default."""
    return pattern.flags == re.UNICODE and bool(_SEARCHABLE.fullmatch(pattern.pattern))


def _postal(text: str) -> str:
    return re.sub(r"\s", "", text).upper()


@dataclass(frozen=True)
class Offer:
    """What a number type costs in a country, and what its numbers can do."""

    setup_cost: str
    monthly_cost: str
    voice: bool
    sms: bool
    mms: bool
    stock: int


@dataclass(frozen=True)
class Country:
    """A country numbers are sold in: its calling code, offers and service types."""

    iso: str
    name: str
    calling_code: str
    service_types: tuple[str, ...]
    offers: dict

    def offer(self, kind: str) -> Offer:
        """The offer of ``local`` or ``tollfree`` numbers."""
        return self.offers[kind]


class Block(SpreadStock):
    """The stock of one place (local) or one toll-free code (positions: core.numbering)."""

    def __init__(self, country: Country, kind: str, npa: str, place: dict,
                 ranges: list[tuple[int, int]], salt: int) -> None:
        super().__init__(ranges, country.offer(kind).stock, salt, width=len(str(ranges[0][0])))
        self.country = country
        self.kind = kind
        self.npa = npa
        self.place = place
        self.offer = country.offer(kind)
        self.trunk = trunk_prefix(country.calling_code, f"{self.ranges[0][0]}")
        self._shown: dict[str, Rendered] = {}
        self._numbers: dict[int, str] = {}
        self._found: dict[re.Pattern, tuple[int, ...]] = {}

    def e164(self, nsn: str) -> str:
        """``+<calling code><nsn>``."""
        return f"+{self.country.calling_code}{nsn}"

    def matches(self, nsn: str, pattern: re.Pattern) -> bool:
        """True when ``pattern`` occurs in the number with its calling code or as dialled
        nationally (trunk prefix and digits)."""
        return bool(pattern.search(f"{self.country.calling_code}{nsn}")
                    or pattern.search(f"{self.trunk}{nsn}"))

    def matching(self, pattern: re.Pattern) -> tuple[int, ...] | None:
        """The stock indexes, ascending, whose numbers ``matches`` ``pattern``, from a
        search of the stock remembered per pattern; None for a pattern it cannot serve
        (anything but digits and ``\\d``, or flags)."""
        found = self._found.get(pattern)
        if found is None:
            if not searchable(pattern):
                return None
            if len(self._found) >= 256:
                self._found.clear()
            found = self._found[pattern] = self.search(
                pattern.pattern, (self.country.calling_code, self.trunk))
        return found

    def number(self, i: int) -> str:
        """``nsn(i)``, kept once worked out (at most the block's stock)."""
        nsn = self._numbers.get(i)
        if nsn is None:
            nsn = self._numbers[i] = self.nsn(i)
        return nsn

    def available(self, nsn: str) -> Rendered:
        """The documented AvailablePhoneNumber resource, in the seed's order; booleans and
        costs as strings, as the Zang SDKs' recorded responses show. Kept once made (at
        most the block's stock): the same dict for every request, never to be changed."""
        item = self._shown.get(nsn)
        if item is None:
            place, offer = self.place, self.offer
            rest = nsn[len(self.npa):]
            item = self._shown[nsn] = Rendered({
                "friendly_name": national(self.e164(nsn)), "phone_number": self.e164(nsn),
                "lata": place.get("lata", ""), "rate_center": place.get("rate_center", ""),
                "latitude": place.get("latitude", ""), "longitude": place.get("longitude", ""),
                "country_code": f"+{self.country.calling_code}", "npa": self.npa,
                "exchange": rest[:3], "city": place.get("city", ""),
                "region": place.get("region", ""), "postal_code": place.get("postal_code", ""),
                "iso_country": self.country.iso, "type": self.kind,
                "setup_cost": offer.setup_cost, "monthly_cost": offer.monthly_cost,
                "voice_enabled": flag(offer.voice), "sms_enabled": flag(offer.sms),
                "supports_forwarded_from": "true",
            })
        return item

    def capabilities(self) -> dict:
        """An IncomingPhoneNumber's ``capabilities``: ``voice``, ``sms``, ``mms``."""
        return {"voice": flag(self.offer.voice), "sms": flag(self.offer.sms),
                "mms": flag(self.offer.mms)}


def flag(value: bool) -> str:
    """``"true"`` or ``"false"``: how the API writes a boolean."""
    return "true" if value else "false"


def national(e164: str) -> str:
    """A number in its country's national format (``(212) 333-0123``, ``020 3123 4567``);
    the E.164 string itself when phonenumbers cannot parse it or finds it invalid. Read
    through core.phones, so each number is parsed once per process."""
    return phones.formatted(e164, phones.NATIONAL) if phones.is_valid(e164) else e164


@dataclass(frozen=True)
class Located:
    """A number of the stock: its block, stock index and national significant number."""

    block: Block
    index: int
    nsn: str


class Inventory:
    """Every block, built once from the fixtures and the app seed; shared by all tenants."""

    def __init__(self, fixtures: Fixtures, seed: int) -> None:
        raw = fixtures.load("numbering.json")
        self.countries: dict[str, Country] = {}
        for iso, entry in raw["countries"].items():
            offers = {kind: Offer(**entry[kind]) for kind in NUMBER_TYPES}
            self.countries[iso] = Country(iso, entry["name"], entry["calling_code"],
                                          tuple(entry["service_types"]), offers)
        self.blocks: list[Block] = []
        for place in raw["places"]:
            self._add(place["country"], LOCAL, place["npa"], place, place["ranges"], seed)
        for code in raw["tollfree"]:
            self._add(code["country"], TOLLFREE, code["npa"], {}, code["ranges"], seed)
        self._by_kind: dict[tuple[str, str], list[Block]] = {}
        for block in self.blocks:
            self._by_kind.setdefault((block.country.iso, block.kind), []).append(block)
        self._by_head: dict[tuple[str, str], list[Block]] = {}
        for block in self.blocks:
            heads = {f"{lo:0{block.width}d}"[:2] for lo, _ in block.ranges} | \
                    {f"{hi:0{block.width}d}"[:2] for _, hi in block.ranges}
            for head in heads:
                self._by_head.setdefault((block.country.calling_code, head), []).append(block)

    def _add(self, iso: str, kind: str, npa: str, place: dict, ranges: list, seed: int) -> None:
        country = self.countries[iso]
        salt = stable_hash(f"{seed}:avaya:{iso}:{kind}:{npa}:{place.get('city', '')}")
        self.blocks.append(Block(country, kind, npa, place,
                                 [(int(lo), int(hi)) for lo, hi in ranges], salt))

    def blocks_of(self, iso: str, kind: str) -> list[Block]:
        """The blocks of a country's local or toll-free numbers, in fixture order."""
        return list(self._by_kind.get((iso, kind), ()))

    def locate(self, e164: str) -> Located | None:
        """Where a number (``+`` and digits) lies in the stock; None if it is not stock."""
        digits = e164.lstrip("+")
        for length in (1, 2, 3):
            code, nsn = digits[:length], digits[length:]
            for block in self._by_head.get((code, nsn[:2]), ()):
                index = block.index_of(nsn)
                if index is not None:
                    return Located(block, index, nsn)
        return None

    def held_indexes(self, numbers: Iterable[str]) -> dict[int, list[int]]:
        """The stock indexes of ``numbers`` (a tenant's), by ``id`` of their block, sorted."""
        held: dict[int, list[int]] = {}
        for e164 in numbers:
            found = self.locate(e164)
            if found is not None:
                held.setdefault(id(found.block), []).append(found.index)
        for indexes in held.values():
            indexes.sort()
        return held

    @staticmethod
    def free(block: Block, held: list[int], start: int = 0) -> Iterator[int]:
        """The block's stock indexes from the ``start``-th free one on, skipping ``held``."""
        index = start
        for taken in held:          # the start-th free index: shift past held ones
            if taken <= index:
                index += 1
            else:
                break
        taken = set(held)
        for i in range(index, block.size):
            if i not in taken:
                yield i

    def select(self, blocks: Iterable[Block], held: dict[int, list[int]],
               pattern: re.Pattern | None, offset: int, limit: int) -> tuple[list[Located], int]:
        """Free numbers of ``blocks`` in order, matching ``pattern``: the ``limit`` from
        ``offset`` on, and how many there are in all."""
        out: list[Located] = []
        total = 0
        for block in blocks:
            taken = held.get(id(block), [])
            if pattern is None:
                count = block.size - len(taken)
                if total + count > offset and len(out) < limit:
                    start = max(0, offset - total)
                    for i in self.free(block, taken, start):
                        out.append(Located(block, i, block.number(i)))
                        if len(out) >= limit:
                            break
                total += count
                continue
            found = block.matching(pattern)
            if found is None:               # a pattern the stock's search cannot serve
                for i in self.free(block, taken):
                    nsn = block.nsn(i)
                    if block.matches(nsn, pattern):
                        if offset <= total and len(out) < limit:
                            out.append(Located(block, i, nsn))
                        total += 1
                continue
            if taken:
                held_here = set(taken)
                found = [i for i in found if i not in held_here]
            if total + len(found) > offset and len(out) < limit:
                start = max(0, offset - total)
                out.extend(Located(block, i, block.number(i))
                           for i in found[start:start + limit - len(out)])
            total += len(found)
        return out, total

    @staticmethod
    def in_region(blocks: Iterable[Block], region: str) -> list[Block]:
        """The blocks of a region (``NY``, ``ON``, ``SCT``: any case)."""
        wanted = region.strip().casefold()
        return [b for b in blocks if b.place.get("region", "").casefold() == wanted]

    @staticmethod
    def in_postal_code(blocks: Iterable[Block], postal_code: str) -> list[Block]:
        """The blocks whose postal code is, or starts with, ``postal_code`` (case and
        spaces ignored: ``M5H`` finds ``M5H 2N2``)."""
        wanted = _postal(postal_code)
        return [b for b in blocks
                if wanted and _postal(b.place.get("postal_code", "")).startswith(wanted)]
