"""Number stock computed rather than stored, for any provider that sells numbers.

A stock is ``size`` numbers spread evenly, in ascending order, over ranges of national
significant numbers: stock number ``i`` sits at position ``i * stride + jitter(i)`` of the
ranges, where the jitter is a seeded hash smaller than the stride. Any number is found from
its index, and any index from its number, in constant time; a page of stock costs the same
with three hundred numbers or a million; and the stock is shared by every tenant, who only
record which indexes they hold. Other positions of the same slots give numbers outside the
stock (``procured_nsn``), for numbers a provider obtains later. A digit search over a stock
(``search``) scans its numbers once per pattern, in C, and is remembered.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Iterator, Sequence

import phonenumbers

_GOLDEN = 2654435761
#: what ``SpreadStock.search`` takes: digits and ``\\d`` only (a match never leaves a number)
_DIGITS_ONLY = re.compile(r"(?:\d|\\d)+")


def stable_hash(text: str) -> int:
    """A 32-bit FNV-1a hash of text: stable across runs (Python's ``hash`` is not)."""
    value = 2166136261
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 16777619) & 0xFFFFFFFF
    return value


@lru_cache(maxsize=4096)
def trunk_prefix(calling_code: str, sample_nsn: str) -> str:
    """The digits a country's national format puts before a national significant number
    (``0`` in the UK and Australia, nothing in North America), from phonenumbers (a pure
    function, remembered: apps are built per test and ask for the same ones)."""
    parsed = phonenumbers.parse(f"+{calling_code}{sample_nsn}")
    national = "".join(ch for ch in phonenumbers.format_number(
        parsed, phonenumbers.PhoneNumberFormat.NATIONAL) if ch.isdigit())
    return national[:-len(sample_nsn)] if national.endswith(sample_nsn) else ""


class HeldIndexes:
    """The stock indexes a tenant holds, as the ascending list its state keeps, read in
    place (never copied into a set per request): membership by bisection, and the free
    indexes in order, each found in O(log n) however many are held before it (a tenant
    holding the first 10,000 numbers finds the 10,001st in about 14 steps)."""

    __slots__ = ("items",)

    def __init__(self, items: Sequence[int] = ()) -> None:
        self.items = items

    def __contains__(self, index: int) -> bool:
        items = self.items
        at = bisect_left(items, index)
        return at < len(items) and items[at] == index

    def free(self, size: int, start: int = 0) -> Iterator[int]:
        """The indexes from ``start`` below ``size`` that are not held, ascending."""
        items, index = self.items, start
        while index < size:
            at = bisect_left(items, index)
            # held indexes are distinct and ascending, so items[at + k] - (index + k) never
            # falls: the run of held index, index + 1, ... ends where it first turns positive
            lo, hi = 0, len(items) - at
            while lo < hi:
                mid = (lo + hi) // 2
                if items[at + mid] == index + mid:
                    lo = mid + 1
                else:
                    hi = mid
            index += lo
            if index >= size:
                return
            yield index
            index += 1


class SpreadStock:
    """``size`` numbers spread over ``ranges`` (inclusive, of national significant numbers
    ``width`` digits long), placed by ``salt``."""

    def __init__(self, ranges: Sequence[tuple[int, int]], size: int, salt: int,
                 width: int | None = None) -> None:
        self.ranges = tuple((int(lo), int(hi)) for lo, hi in ranges)
        self.width = width or len(str(self.ranges[0][1]))
        self.starts: list[int] = []
        space = 0
        for lo, hi in self.ranges:
            self.starts.append(space)
            space += hi - lo + 1
        self.space = space
        self.size = max(0, min(size, space))
        self.stride = space // self.size if self.size else 1
        self.salt = salt

    def _jitter(self, i: int) -> int:
        return ((i * _GOLDEN + self.salt) & 0xFFFFFFFF) % self.stride

    def position(self, i: int) -> int:
        """Where stock number ``i`` lies in the ranges, counted from their start."""
        return i * self.stride + self._jitter(i)

    def _nsn_at(self, pos: int) -> int:
        if len(self.ranges) == 1:
            return self.ranges[0][0] + pos
        k = bisect_right(self.starts, pos) - 1
        return self.ranges[k][0] + pos - self.starts[k]

    def _position_of(self, value: int) -> int | None:
        for (lo, hi), start in zip(self.ranges, self.starts):
            if lo <= value <= hi:
                return start + value - lo
        return None

    def nsn(self, i: int) -> str:
        """The national significant number of stock number ``i``, as digits."""
        return f"{self._nsn_at(self.position(i)):0{self.width}d}"

    def in_ranges(self, nsn: str) -> bool:
        """True when a national significant number lies in the ranges (in stock or not)."""
        return (len(nsn) == self.width and nsn.isdigit()
                and self._position_of(int(nsn)) is not None)

    def index_of(self, nsn: str) -> int | None:
        """The stock index of a national significant number, or None if not in stock."""
        if len(nsn) != self.width or not nsn.isdigit():
            return None
        pos = self._position_of(int(nsn))
        if pos is None:
            return None
        i = pos // self.stride
        return i if i < self.size and self.position(i) == pos else None

    def procured_nsn(self, k: int) -> str | None:
        """The ``k``-th number outside the stock (another position of a stock number's
        slot), or None when the ranges hold no more."""
        if not self.size:
            return None
        slot, round_ = k % self.size, k // self.size + 1
        if round_ >= self.stride:
            return None
        pos = slot * self.stride + (self._jitter(slot) + round_) % self.stride
        return f"{self._nsn_at(pos):0{self.width}d}"

    def with_prefix(self, prefix: str) -> Iterator[int]:
        """Stock indexes, ascending, whose national significant number starts with
        ``prefix`` (only the slots that can hold one are looked at)."""
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
                if first <= self.position(i) <= last:
                    yield i

    def search(self, pattern: str, prefixes: tuple[str, ...] = ("",)) -> tuple[int, ...]:
        """Stock indexes, ascending, of the numbers in which the regular expression
        ``pattern`` occurs, written after any one of ``prefixes`` (``("1", "")``: with a
        calling code, or as is); ``pattern`` holds only digits and ``\\d`` (ValueError
        otherwise). Remembered per stock and pattern, for every stock with the same ranges,
        size, salt and width, so paging through the same search scans once."""
        if not _DIGITS_ONLY.fullmatch(pattern):
            raise ValueError(f"not a digits-only pattern: {pattern!r}")
        return _search(self.ranges, self.size, self.salt, self.width, tuple(prefixes), pattern)


@lru_cache(maxsize=256)
def _lines(ranges: tuple, size: int, salt: int, width: int, prefixes: tuple[str, ...]
           ) -> tuple[str, list[int]]:
    """Every stock number, one line each (its forms after ``prefixes``, comma-separated),
    and where each line starts."""
    stock = SpreadStock(ranges, size, salt, width)
    lines = [",".join(f"{prefix}{nsn}" for prefix in prefixes) + "\n"
             for nsn in map(stock.nsn, range(stock.size))]
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line)
    return "".join(lines), starts


@lru_cache(maxsize=4096)
def _search(ranges: tuple, size: int, salt: int, width: int, prefixes: tuple[str, ...],
            pattern: str) -> tuple[int, ...]:
    text, starts = _lines(ranges, size, salt, width, prefixes)
    first = re.compile(rf"(?m)^[^\n]*?(?:{pattern})")   # the line's first match only
    return tuple(bisect_right(starts, match.start()) - 1 for match in first.finditer(text))
