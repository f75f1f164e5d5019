"""AVANSER's number inventory, computed rather than stored.

A block is a set of ranges of Australian national significant numbers of one type: a
geographic block per SZU (``szus.json``), and the non-geographic blocks of
``number_blocks.json`` (13 and 1300 TOLLFREE, 1800 FREECALL, 04 MOBILE). Stock number ``i``
of a block lies at position ``i * stride + jitter(i)`` of its ranges (the jitter a seeded
hash below the stride), so numbers ascend, never repeat, and map to and from their index in
constant time. A geographic number ``i`` lies at locality ``i mod n`` of the ``n``
localities of its SZU. A tenant records only the indexes it holds (reserved by requests).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterator, Sequence

import phonenumbers

from ...core.fixtures import Fixtures
from .gazetteer import Gazetteer, Locality, Szu

COUNTRY = "AU"
CALLING_CODE = "61"
TYPES = ("GEO", "TOLLFREE", "FREECALL", "MOBILE")
_GOLDEN = 2654435761


@dataclass(frozen=True)
class Available:
    """One available number: its block, stock index and national significant number."""

    block: "Block"
    index: int
    nsn: str

    @property
    def e164(self) -> str:
        """Digits with the calling code and no ``+`` (how the seed writes numbers)."""
        return f"{CALLING_CODE}{self.nsn}"

    def element(self) -> dict:
        """The documented Search Element value."""
        return {"country": COUNTRY, "region": self.block.region, "type": self.block.type,
                "national": f"{self.block.trunk}{self.nsn}", "calling_code": f"+{CALLING_CODE}"}

    @property
    def locality(self) -> Locality | None:
        """Where a geographic number is, None for the others."""
        places = self.block.localities
        return places[self.index % len(places)] if places else None


class Block:
    """The stock of one numbering block."""

    def __init__(self, block_id: str, number_type: str, region: str,
                 ranges: Sequence[tuple[int, int]], size: int, salt: int,
                 szu: Szu | None = None, localities: Sequence[Locality] = ()) -> None:
        self.id = block_id
        self.type = number_type
        self.region = region
        self.ranges = tuple(ranges)
        self.szu = szu
        self.localities = tuple(localities)
        self.width = len(str(self.ranges[0][1]))
        self.starts: list[int] = []
        space = 0
        for lo, hi in self.ranges:
            self.starts.append(space)
            space += hi - lo + 1
        self.size = max(0, min(size, space))
        self.stride = space // self.size if self.size else 1
        self.salt = salt
        self.trunk = self._trunk()

    def _trunk(self) -> str:
        sample = f"{self.ranges[0][0]:0{self.width}d}"
        parsed = phonenumbers.parse(f"+{CALLING_CODE}{sample}")
        national = "".join(ch for ch in phonenumbers.format_number(
            parsed, phonenumbers.PhoneNumberFormat.NATIONAL) if ch.isdigit())
        return national[:-len(sample)] if national.endswith(sample) else ""

    def _position(self, i: int) -> int:
        return i * self.stride + ((i * _GOLDEN + self.salt) & 0xFFFFFFFF) % self.stride

    def _nsn_at(self, pos: int) -> int:
        k = bisect_right(self.starts, pos) - 1
        return self.ranges[k][0] + pos - self.starts[k]

    def nsn(self, i: int) -> str:
        """The national significant number of stock number ``i``."""
        return f"{self._nsn_at(self._position(i)):0{self.width}d}"

    def index_of(self, nsn: str) -> int | None:
        """The stock index of a national significant number, None when not in stock."""
        if len(nsn) != self.width or not nsn.isdigit():
            return None
        value = int(nsn)
        for (lo, hi), start in zip(self.ranges, self.starts):
            if lo <= value <= hi:
                pos = start + value - lo
                i = pos // self.stride
                return i if i < self.size and self._position(i) == pos else None
        return None

    def with_prefix(self, prefix: str) -> Iterator[int]:
        """Stock indexes, ascending, whose national significant number starts with
        ``prefix``."""
        if len(prefix) > self.width:
            return
        lo_value = int(prefix.ljust(self.width, "0")) if prefix else 0
        hi_value = int(prefix.ljust(self.width, "9")) if prefix else 10 ** self.width - 1
        for (lo, hi), start in zip(self.ranges, self.starts):
            a, b = max(lo, lo_value), min(hi, hi_value)
            if a > b:
                continue
            first, last = start + a - lo, start + b - lo
            for i in range(max(0, first // self.stride - 1),
                           min(self.size, last // self.stride + 2)):
                if first <= self._position(i) <= last:
                    yield i


class Inventory:
    """Every block, built once and shared by all tenants."""

    def __init__(self, fixtures: Fixtures, gazetteer: Gazetteer, seed: int,
                 per_szu: int) -> None:
        self.gazetteer = gazetteer
        self.blocks: dict[str, Block] = {}
        for szu in gazetteer.szus.values():
            block_id = f"GEO-{szu.id}"
            self.blocks[block_id] = Block(block_id, "GEO", szu.region, szu.ranges, per_szu,
                                          _salt(seed, block_id), szu, gazetteer.by_szu[szu.id])
        for raw in fixtures.load("number_blocks.json"):
            if raw["type"] not in TYPES[1:]:
                raise ValueError(f"avanser number_blocks.json: unknown type {raw['type']!r}")
            self.blocks[raw["id"]] = Block(raw["id"], raw["type"], raw["region"],
                                           [(int(lo), int(hi)) for lo, hi in raw["ranges"]],
                                           int(raw["size"]), _salt(seed, raw["id"]))
        self.by_type = {kind: [b for b in self.blocks.values() if b.type == kind]
                        for kind in TYPES}

    def geo(self, szu: Szu) -> Block:
        """The geographic block of an SZU."""
        return self.blocks[f"GEO-{szu.id}"]

    def locate(self, e164: str) -> Available | None:
        """A number (digits, calling code first) in stock, whether held or not."""
        digits = e164.lstrip("+")
        if not digits.startswith(CALLING_CODE):
            return None
        nsn = digits[len(CALLING_CODE):]
        for block in self.blocks.values():
            index = block.index_of(nsn)
            if index is not None:
                return Available(block, index, nsn)
        return None


def _salt(seed: int, block_id: str) -> int:
    value = 2166136261
    for byte in f"{seed}:{block_id}".encode():
        value = ((value ^ byte) * 16777619) & 0xFFFFFFFF
    return value
