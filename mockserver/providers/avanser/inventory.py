"""AVANSER's number inventory, computed rather than stored.

A block is a set of ranges of Australian national significant numbers of one type: a
geographic block per SZU (``szus.json``), and the non-geographic blocks of
``number_blocks.json`` (13 and 1300 TOLLFREE, 1800 FREECALL, 04 MOBILE). A block's stock is
a ``core.numbering.SpreadStock`` over its ranges: numbers ascend, never repeat, and map to
and from their index in constant time. A geographic number ``i`` lies at locality ``i mod n`` of the ``n``
localities of its SZU. A tenant records only the indexes it holds (reserved by requests).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ...core.fixtures import Fixtures
from ...core.numbering import SpreadStock, stable_hash, trunk_prefix
from .gazetteer import Gazetteer, Locality, Szu

COUNTRY = "AU"
CALLING_CODE = "61"
TYPES = ("GEO", "TOLLFREE", "FREECALL", "MOBILE")


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


class Block(SpreadStock):
    """The stock of one numbering block (positions: core.numbering)."""

    def __init__(self, block_id: str, number_type: str, region: str,
                 ranges: Sequence[tuple[int, int]], size: int, salt: int,
                 szu: Szu | None = None, localities: Sequence[Locality] = ()) -> None:
        super().__init__(ranges, size, salt)
        self.id = block_id
        self.type = number_type
        self.region = region
        self.szu = szu
        self.localities = tuple(localities)
        self.trunk = trunk_prefix(CALLING_CODE, f"{self.ranges[0][0]:0{self.width}d}")


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
    return stable_hash(f"{seed}:{block_id}")
