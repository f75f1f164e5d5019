"""AVOXI's number inventory, computed rather than stored.

Each region's stock is a ``core.numbering.SpreadStock`` over the region's ranges: any
number is found from its index, and any index from its number, in constant time; a page
costs the same with three hundred numbers a region or a million, and the stock is shared
by every tenant. A tenant only records which indexes it holds (has ordered), so seeding
and resetting a tenant copies nothing of the inventory. Back-ordered numbers are the
stock's ``procured_nsn`` numbers: the same ranges, outside the stock.
"""
from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from functools import cached_property
from typing import Iterable, Sequence

import phonenumbers

from ...core.numbering import SpreadStock, stable_hash, trunk_prefix
from .catalog import Catalog, Region

#: stock numbers rendered together and kept, and how many such chunks a region keeps
CHUNK = 256
MAX_CHUNKS = 64


class RegionStock(SpreadStock):
    """The numbers of one region that AVOXI has in stock (positions: core.numbering)."""

    def __init__(self, region: Region, size: int, salt: int, document_objects: list[dict]):
        super().__init__(region.ranges, size, salt, width=region.nsn_width)
        self.region = region
        self.calling_code = str(phonenumbers.country_code_for_region(region.country))
        self.local_prefix = self._local_prefix()
        tail = json.dumps({
            "country": region.country, "number_type": region.number_type, "region": region.id,
            "required_documents": document_objects,
            "standard_capacity": region.standard_capacity,
            "geographic_restrictions": region.geographic_restrictions,
            "mobile_accessible": region.mobile_accessible,
            "outside_country_display": region.outside_country_display,
            "portable": region.portable,
            "capabilities": {"sms": region.sms, "voice": True}}, separators=(",", ":"),
            ensure_ascii=False)
        self._tail = tail[1:]
        self._chunks: dict[int, list[bytes]] = {}

    # -- presentation ----------------------------------------------------------------------

    def _local_prefix(self) -> str:
        if not self.size:
            return ""
        return trunk_prefix(self.calling_code, f"{self.ranges[0][0]:0{self.width}d}")

    def e164(self, nsn: str) -> str:
        """``+<calling code><nsn>``."""
        return f"+{self.calling_code}{nsn}"

    def local_format(self, nsn: str) -> str:
        """The number as dialled within the country: trunk prefix and digits, no spacing."""
        return f"{self.local_prefix}{nsn}"

    def item_json(self, nsn: str) -> bytes:
        """The documented inventory object of one number, as UTF-8 JSON."""
        return (f'{{"number_e164":"+{self.calling_code}{nsn}",'
                f'"number_local_format":"{self.local_prefix}{nsn}",{self._tail}').encode()

    def items_json(self, start: int, stop: int) -> list[bytes]:
        """The JSON objects of stock numbers ``start`` to ``stop - 1``, rendered a chunk at a
        time and kept, so paging the same numbers again costs a list slice."""
        out: list[bytes] = []
        stop = min(stop, self.size)
        while start < stop:
            number = start // CHUNK
            chunk = self._chunks.get(number)
            base = number * CHUNK
            if chunk is None:
                if len(self._chunks) >= MAX_CHUNKS:
                    self._chunks = {}
                chunk = [self.item_json(self.nsn(i))
                         for i in range(base, min(base + CHUNK, self.size))]
                self._chunks[number] = chunk
            end = min(stop, base + len(chunk))
            out.extend(chunk[start - base:end - base])
            start = end
        return out


def kth_free(k: int, held: Sequence[int]) -> int:
    """The ``k``-th (zero-based) index not in the sorted list ``held``."""
    lo, hi = k, k + len(held)
    while lo < hi:
        mid = (lo + hi) // 2
        if mid + 1 - bisect_right(held, mid) >= k + 1:
            hi = mid
        else:
            lo = mid + 1
    return lo


class Inventory:
    """Every region's stock, built on first use and shared by all tenants."""

    def __init__(self, catalog: Catalog, size_per_region: int, seed: int) -> None:
        self.catalog = catalog
        self.size_per_region = size_per_region
        self.seed = seed
        self._stocks: dict[str, RegionStock] = {}

    def stock(self, region: Region) -> RegionStock:
        """The stock of a region."""
        found = self._stocks.get(region.id)
        if found is None:
            salt = stable_hash(f"{self.seed}:{region.id}")
            found = RegionStock(region, self.size_per_region, salt,
                                self.catalog.required_documents(region.required_documents))
            self._stocks[region.id] = found
        return found

    @cached_property
    def _regions_by_code(self) -> dict[str, list[Region]]:
        out: dict[str, list[Region]] = {}
        for region in self.catalog.regions.values():
            code = str(phonenumbers.country_code_for_region(region.country))
            out.setdefault(code, []).append(region)
        return out

    def locate(self, e164: str) -> tuple[RegionStock, str, int | None] | None:
        """Where a number lies in the ranges AVOXI sells: its stock, its national
        significant number, and its stock index (None if in range but not in stock).
        Where ranges overlap (US and Canadian toll free), the region stocking it wins."""
        digits = e164[1:] if e164.startswith("+") else e164
        found = None
        for length in (1, 2, 3):
            nsn = digits[length:]
            for region in self._regions_by_code.get(digits[:length], ()):
                stock = self.stock(region)
                if not stock.in_ranges(nsn):
                    continue
                index = stock.index_of(nsn)
                if index is not None:
                    return stock, nsn, index
                found = found or (stock, nsn, None)
        return found

    def page(self, regions: Iterable[Region], held: dict[str, list[int]], *, limit: int,
             offset: int, contains: str | None = None) -> list[bytes]:
        """One page of available numbers over ``regions`` in order, as JSON objects."""
        out: list[bytes] = []
        skip = offset
        for region in regions:
            stock = self.stock(region)
            taken = held.get(region.id, ())
            if contains:
                skip = self._scan(stock, taken, contains, skip, limit, out)
            else:
                free = stock.size - len(taken)
                if skip >= free:
                    skip -= free
                    continue
                self._walk(stock, taken, kth_free(skip, taken), limit, out)
                skip = 0
            if len(out) >= limit:
                break
        return out

    @staticmethod
    def _walk(stock: RegionStock, taken: Sequence[int], start: int, limit: int,
              out: list[bytes]) -> None:
        """Append up to ``limit - len(out)`` free stock numbers from index ``start`` on."""
        want = limit - len(out)
        stop = start + want
        while True:       # widen the window until it holds enough free indexes
            held = bisect_left(taken, stop) - bisect_left(taken, start)
            if stop - start - held >= want or stop >= stock.size:
                break
            stop = start + want + held
        lines = stock.items_json(start, stop)
        if held:
            skip = set(taken[bisect_left(taken, start):bisect_left(taken, stop)])
            lines = [line for i, line in enumerate(lines, start) if i not in skip]
        out.extend(lines[:want])

    @staticmethod
    def _scan(stock: RegionStock, taken: Sequence[int], contains: str, skip: int, limit: int,
              out: list[bytes]) -> int:
        held = set(taken)
        code, prefix = stock.calling_code, stock.local_prefix
        for i in range(stock.size):
            if i in held:
                continue
            nsn = stock.nsn(i)
            if contains in f"{code}{nsn}" or contains in f"{prefix}{nsn}":
                if skip:
                    skip -= 1
                    continue
                out.append(stock.item_json(nsn))
                if len(out) >= limit:
                    break
        return skip


