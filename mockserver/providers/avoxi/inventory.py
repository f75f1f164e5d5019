"""AVOXI's number inventory, computed rather than stored.

Each region's stock is a fixed number of numbers spread evenly, in ascending order, over the
region's ranges of national significant numbers: number ``i`` sits at ``i * stride +
jitter(i)``, where the jitter is a seeded hash smaller than the stride. So any number is
found from its index, and any index from its number, in constant time; a page costs the
same with three hundred numbers a region or a million, and the stock is shared by every
tenant. A tenant only records which indexes it holds (has ordered), so seeding and
resetting a tenant copies nothing of the inventory.

Back-ordered numbers are delivered from the same ranges but outside the stock: the
``k``-th procured number takes another position in the slot of a stock number.
"""
from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from functools import cached_property
from typing import Iterable, Sequence

import phonenumbers

from .catalog import Catalog, Region

_GOLDEN = 2654435761
#: stock numbers rendered together and kept, and how many such chunks a region keeps
CHUNK = 256
MAX_CHUNKS = 64


class RegionStock:
    """The numbers of one region that AVOXI has in stock."""

    def __init__(self, region: Region, size: int, salt: int, document_objects: list[dict]):
        self.region = region
        self.ranges = region.ranges
        self.starts: list[int] = []
        space = 0
        for lo, hi in self.ranges:
            self.starts.append(space)
            space += hi - lo + 1
        self.space = space
        self.size = max(0, min(size, space))
        self.stride = space // self.size if self.size else 1
        self.salt = salt
        self.width = region.nsn_width
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

    # -- positions -------------------------------------------------------------------------

    def _jitter(self, i: int) -> int:
        return ((i * _GOLDEN + self.salt) & 0xFFFFFFFF) % self.stride

    def _nsn_at_position(self, pos: int) -> int:
        if len(self.ranges) == 1:
            return self.ranges[0][0] + pos
        k = bisect_right(self.starts, pos) - 1
        return self.ranges[k][0] + pos - self.starts[k]

    def _position_of(self, nsn: int) -> int | None:
        for (lo, hi), start in zip(self.ranges, self.starts):
            if lo <= nsn <= hi:
                return start + nsn - lo
        return None

    def in_ranges(self, nsn: str) -> bool:
        """True when a national significant number lies in this region's ranges."""
        return (len(nsn) == self.width and nsn.isdigit()
                and self._position_of(int(nsn)) is not None)

    def nsn(self, i: int) -> str:
        """The national significant number of stock number ``i``, as digits."""
        return f"{self._nsn_at_position(i * self.stride + self._jitter(i)):0{self.width}d}"

    def index_of(self, nsn: str) -> int | None:
        """The stock index of a national significant number, or None if not in stock."""
        if len(nsn) != self.width or not nsn.isdigit():
            return None
        pos = self._position_of(int(nsn))
        if pos is None:
            return None
        i = pos // self.stride
        if i < self.size and i * self.stride + self._jitter(i) == pos:
            return i
        return None

    def procured_nsn(self, k: int) -> str | None:
        """The ``k``-th number procured for back-orders, or None when the ranges are full."""
        if not self.size:
            return None
        slot, round_ = k % self.size, k // self.size + 1
        if round_ >= self.stride:
            return None
        pos = slot * self.stride + (self._jitter(slot) + round_) % self.stride
        return f"{self._nsn_at_position(pos):0{self.width}d}"

    # -- presentation ----------------------------------------------------------------------

    def _local_prefix(self) -> str:
        if not self.size:
            return ""
        sample = f"{self.ranges[0][0]:0{self.width}d}"
        parsed = phonenumbers.parse(f"+{self.calling_code}{sample}")
        national = "".join(ch for ch in phonenumbers.format_number(
            parsed, phonenumbers.PhoneNumberFormat.NATIONAL) if ch.isdigit())
        return national[:-len(sample)] if national.endswith(sample) else ""

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
            salt = hash_text(f"{self.seed}:{region.id}")
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


def hash_text(text: str) -> int:
    """A stable 32-bit hash of text (Python's own ``hash`` changes between runs)."""
    value = 2166136261
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 16777619) & 0xFFFFFFFF
    return value
