"""AVOXI reference data: countries, number types, document types, regions, products and
forwarding destinations, loaded once from the fixtures and shared by every tenant."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import phonenumbers

from ...core.fixtures import Fixtures
from .errors import InvalidParameter

_LEAD_TIME = re.compile(r"\s*(\d+)\s*(hour|day|week)s?\s*", re.IGNORECASE)
_UNIT_SECONDS = {"hour": 3600, "day": 86400, "week": 7 * 86400}


@dataclass(frozen=True)
class Region:
    """A geography AVOXI sells numbers in, with the attributes its numbers share."""

    id: str
    name: str
    country: str
    number_type: str
    ranges: tuple[tuple[int, int], ...]
    nsn_width: int
    sms: bool
    required_documents: tuple[str, ...]
    standard_capacity: str
    geographic_restrictions: str
    mobile_accessible: str
    outside_country_display: str
    portable: str


@dataclass(frozen=True)
class Product:
    """A priced product of one region; ``data`` is the documented JSON object."""

    id: int
    region: Region
    data: dict = field(hash=False, compare=False)

    @property
    def monthly_fee(self) -> float:
        """The monthly fee, for choosing the cheapest product."""
        return float(self.data["monthly_fee"])

    @property
    def lead_time_seconds(self) -> int:
        """``estimated_lead_time`` ("1 Days", "2 Weeks") in seconds; one day if unreadable."""
        match = _LEAD_TIME.fullmatch(str(self.data.get("estimated_lead_time", "")))
        if not match:
            return 86400
        return int(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]


class Catalog:
    """Lookups over the reference data, each raising the documented 400 when unknown."""

    def __init__(self, fixtures: Fixtures) -> None:
        self.fixtures = fixtures

    @cached_property
    def countries(self) -> list[dict]:
        """``GET /countries``: id and English name."""
        return self.fixtures.load("countries.json")

    @cached_property
    def number_types(self) -> list[dict]:
        """``GET /number_types``: name and description."""
        return self.fixtures.load("number_types.json")

    @cached_property
    def document_types(self) -> list[dict]:
        """``GET /document_types``: id and name."""
        return self.fixtures.load("document_types.json")

    @cached_property
    def _country_ids(self) -> dict[str, str]:
        return {c["id"].upper(): c["id"] for c in self.countries}

    @cached_property
    def _type_names(self) -> dict[str, str]:
        return {t["name"].lower(): t["name"] for t in self.number_types}

    @cached_property
    def document_names(self) -> dict[str, str]:
        """Document type id to name."""
        return {d["id"]: d["name"] for d in self.document_types}

    @cached_property
    def regions(self) -> dict[str, Region]:
        """Every region by id, in fixture order."""
        out = {}
        for raw in self.fixtures.load("regions.json"):
            out[raw["id"]] = Region(
                id=raw["id"], name=raw["name"], country=raw["country"],
                number_type=raw["number_type"],
                ranges=tuple((int(lo), int(hi)) for lo, hi in raw["ranges"]),
                nsn_width=len(str(raw["ranges"][0][1])),
                sms=bool(raw.get("sms")),
                required_documents=tuple(raw.get("required_documents", ())),
                standard_capacity=raw.get("standard_capacity", "Unlimited"),
                geographic_restrictions=raw.get("geographic_restrictions", ""),
                mobile_accessible=raw.get("mobile_accessible", "Yes"),
                outside_country_display=raw.get("outside_country_display", ""),
                portable=raw.get("portable", ""))
        return out

    @cached_property
    def products_by_region(self) -> dict[str, list[Product]]:
        """Each region's products, cheapest first."""
        out: dict[str, list[Product]] = {}
        for group in self.fixtures.load("products.json"):
            region = self.regions[group["region"]]
            products = [Product(int(p["id"]), region, p) for p in group["products"]]
            out[region.id] = sorted(products, key=lambda p: (p.monthly_fee, p.id))
        return out

    @cached_property
    def products(self) -> dict[int, Product]:
        """Every product by id."""
        return {p.id: p for group in self.products_by_region.values() for p in group}

    @cached_property
    def _destinations(self) -> dict:
        return self.fixtures.load("destinations.json")

    # -- lookups ---------------------------------------------------------------------------

    def country(self, value: str) -> str:
        """The canonical country id for ``value`` (any case); 400 if AVOXI does not know it."""
        found = self._country_ids.get(str(value).upper())
        if found is None:
            raise InvalidParameter("Invalid country", f"country {value!r} is not recognized")
        return found

    def number_type(self, value: str) -> str:
        """The canonical number type name for ``value`` (any case); 400 if unknown."""
        found = self._type_names.get(str(value).lower())
        if found is None:
            raise InvalidParameter("Invalid number type",
                                   f"number_type {value!r} is not recognized")
        return found

    @cached_property
    def _regions_by_place(self) -> dict[tuple[str, str | None], list[Region]]:
        out: dict[tuple[str, str | None], list[Region]] = {}
        for region in self.regions.values():
            out.setdefault((region.country, None), []).append(region)
            out.setdefault((region.country, region.number_type), []).append(region)
        return out

    def regions_of(self, country: str, number_type: str | None = None) -> list[Region]:
        """Regions of a country (and type), in fixture order."""
        return list(self._regions_by_place.get((country, number_type), ()))

    def types_of(self, country: str) -> list[str]:
        """Number types sold in a country, in the order of ``GET /number_types``."""
        return [t["name"] for t in self.number_types
                if (country, t["name"]) in self._regions_by_place]

    def sold_type(self, country: str, number_type: str) -> str:
        """A number type known and sold in the country, canonical; 400 otherwise."""
        canonical = self.number_type(number_type)
        if canonical not in self.types_of(country):
            raise InvalidParameter("Invalid number type",
                                   f"number_type {canonical!r} is not offered in {country}")
        return canonical

    def region(self, country: str, number_type: str | None, value: str) -> Region:
        """The region ``value`` of that country (and type); 400 if there is none."""
        found = self.regions.get(value)
        if found is None:
            lowered = str(value).lower()
            found = next((r for r in self.regions.values() if r.id.lower() == lowered), None)
        if found is None or found.country != country or (
                number_type is not None and found.number_type != number_type):
            where = f"{country}/{number_type}" if number_type else country
            raise InvalidParameter("Invalid region", f"region {value!r} is not in {where}")
        return found

    def product(self, value: object) -> Product:
        """The product with id ``value`` (integer or digit string); 400 if unknown."""
        try:
            found = self.products.get(int(str(value).strip()))
        except ValueError:
            found = None
        if found is None:
            raise InvalidParameter("Invalid product", f"product_id {value!r} does not exist",
                                   fields={"product_id": f"product {value!r} does not exist"})
        return found

    def cheapest(self, region: Region) -> Product:
        """The product with the lowest monthly fee in a region."""
        return self.products_by_region[region.id][0]

    def required_documents(self, ids: tuple[str, ...]) -> list[dict]:
        """Document requirement objects as inventory and products show them."""
        return [{"document_type_id": d, "name": self.document_names.get(d, d),
                 "more_information": f"A {self.document_names.get(d, d).lower()} is required "
                                     "before the number can be activated."} for d in ids]

    def destinations(self, country: str, number_type: str) -> list[dict]:
        """Where a number of that country and type may forward to."""
        config = self._destinations
        prefixes = config.get("best_rate_dial_prefix", {})
        domestic_only = number_type in config.get("domestic_only_number_types", ())
        out = []
        for entry in self.countries:
            if domestic_only and entry["id"] != country:
                continue
            code = phonenumbers.country_code_for_region(entry["id"])
            out.append({"id": entry["id"], "name": entry["english_name"],
                        "default_destination": f"+{code}",
                        "best_rate_dial_prefix": prefixes.get(entry["id"], f"+{code}"),
                        "requires_user_input": True})
        return out + [dict(service) for service in config.get("services", ())]
