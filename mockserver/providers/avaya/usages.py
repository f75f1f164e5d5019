"""Usages (seed 004, View Usage, List Usages), computed from the usage ``Ledger.charge``
records. Part of the Avaya backend (a mixin); no Flask here.

One Usage is one product on one day (UTC, the mock clock's): ``quantity`` is the units
used (minutes, SMS segments, numbers held) and ``total`` the number of uses (calls,
messages, purchases), "two separate measurements" as the seed says; ``total_cost`` their
cost and ``average_cost`` the cost per unit of quantity, both strings of six decimals, as
zang-python's recorded ``usage.json`` shows them (``0.100000`` for 120 units costs
``0.000833`` each); ``day``, ``month`` and ``year`` are zero-padded strings (``"03"``).
Its SID (``AU``) is a digest of the account, the product and the day, so it is the same
on every request and View Usage finds what List Usages showed.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Mapping

from .accounts import account_path
from .errors import AvayaError, NotFound
from .ledger import PRODUCTS
from .paging import Listing, Window

#: product names as the Zang SDKs' Product enums know them where they differ from the
#: seed's list (zang-python raises on a product name its enum does not know)
WIRE_NAMES = {14: "Transcription (Hybrid)"}
SIX = Decimal("0.000001")


@dataclass(frozen=True)
class UsageFilter:
    """What List Usages keeps: a year, a month, a day and a product (None: any)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    product: int | None = None

    @classmethod
    def of(cls, args: Mapping[str, str], today: date) -> "UsageFilter":
        """``Day``, ``Month``, ``Year`` and ``Product`` of a query. A Day without a Month
        is a day of the current month ("If no month is specified then defaults to current
        month", the seed) and a Day or Month without a Year one of the current year. 32005
        for a day, month or year that is not one (Day 30 in February included); 10022 for
        a Product that is not one of the seed's product codes."""
        year = _integer(args, "Year", 1, 9999)
        month = _integer(args, "Month", 1, 12)
        day = _integer(args, "Day", 1, 31)
        if day is not None and month is None:
            month = today.month
        if (day is not None or month is not None) and year is None:
            year = today.year
        if day is not None and day > calendar.monthrange(year, month)[1]:
            raise AvayaError(32005, details=f"{year:04d}-{month:02d} has no day {day}")
        product = None
        raw = (args.get("Product") or "").strip()
        if raw:
            try:
                product = int(raw)
            except ValueError:
                product = None
            if product not in PRODUCTS:
                raise AvayaError(10022, details="Product must be one of the product codes "
                                                f"{sorted(PRODUCTS)}, got {raw!r}")
        return cls(year, month, day, product)

    def keeps(self, product_id: int, day: date) -> bool:
        """True when a usage of ``product_id`` on ``day`` passes the filter."""
        return ((self.product is None or product_id == self.product)
                and (self.year is None or day.year == self.year)
                and (self.month is None or day.month == self.month)
                and (self.day is None or day.day == self.day))


def _integer(args: Mapping[str, str], name: str, low: int, high: int) -> int | None:
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = int(raw)                # leading zeros are ignored, as the seed says
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise AvayaError(32005, details=f"{name} must be an integer from {low} to {high}, "
                                        f"got {raw!r}")
    return value


class Usages:
    """Usages of the Avaya backend."""

    def list_usages(self, sid: str, args: Mapping[str, str], window: Window) -> Listing:
        """List Usages: newest day first, and by product code within a day."""
        wanted = UsageFilter.of(args, self.clock.now().date())
        with self.locked(sid) as state:
            usages = self._usages(sid, state.usage)
        return window.slice([usage for (product_id, day), usage in usages.items()
                             if wanted.keeps(product_id, day)])

    def view_usage(self, sid: str, usage_sid: str) -> dict:
        """View Usage: a SID from List Usages; 21227 (404) for any other."""
        with self.locked(sid) as state:
            usages = self._usages(sid, state.usage)
        for usage in usages.values():
            if usage["sid"] == usage_sid:
                return usage
        raise NotFound("Usage", usage_sid)

    def _usages(self, sid: str, records: list[dict]) -> dict[tuple[int, date], dict]:
        """Every Usage of the account, keyed by (product, day), in list order."""
        sums: dict[tuple[int, date], list] = {}
        for record in records:
            key = (record["product_id"], date.fromisoformat(record["date"]))
            total = sums.setdefault(key, [0, 0, Decimal(0)])
            total[0] += record["quantity"]
            total[1] += record["count"]
            total[2] += Decimal(record["cost"])
        ordered = sorted(sums, key=lambda key: (-key[1].toordinal(), key[0]))
        return {key: self._usage(sid, *key, *sums[key]) for key in ordered}

    def _usage(self, sid: str, product_id: int, day: date, quantity: int, count: int,
               cost: Decimal) -> dict:
        usage_sid = "AU" + self.services.digest(sid, "usage", product_id,
                                                day.isoformat()).hex()
        average = (cost / quantity).quantize(SIX) if quantity else Decimal(0)
        return {
            "sid": usage_sid,
            "product": WIRE_NAMES.get(product_id, PRODUCTS[product_id]),
            "product_id": product_id,
            "day": f"{day.day:02d}", "month": f"{day.month:02d}", "year": f"{day.year:04d}",
            "quantity": quantity, "total": count,
            "average_cost": f"{average:.6f}", "total_cost": f"{cost.quantize(SIX):.6f}",
            "uri": f"{account_path(sid)}/Usages/{usage_sid}",
        }
