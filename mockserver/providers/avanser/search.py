"""``GET /numbers``: searching the inventory (seed 002, Search Numbers) by location,
coordinates, matching prefix, number type or SZU. Part of the AVANSER backend (a mixin);
no Flask here.

Exactly one search type per request. Results are the tenant's available numbers (not held),
at most ``limit`` of them, as the documented Search Element: an object keyed by number.
"""
from __future__ import annotations

from typing import Iterable, Iterator, Mapping

import phonenumbers

from ...core.numbering import HeldIndexes
from ...core.state import Tenant
from ...core.validation import load
from .errors import InvalidParameters, MultipleAddresses
from .gazetteer import AmbiguousAddress, Gazetteer, Locality, distance_km
from .inventory import CALLING_CODE, COUNTRY, TYPES, Available, Block, Inventory
from .schemas import SEARCH_QUERY, e164_country_code
from .state import AvanserState

DEFAULT_RADIUS_KM = 20.0
#: the seed's example masks up to six digits (61290081596 ... 61290XXXXXX)
MAX_MASKED = 6
#: and so matches as few as five: never fewer
MIN_MATCHED = 5
_SEARCH_KEYS = ("location", "coordinates", "number", "number_type", "szu")

#: what a tenant holds in a block it holds nothing in
NONE_HELD = HeldIndexes(())


class NumberSearch:
    """The search operations of the AVANSER backend."""

    limit: int
    gazetteer: Gazetteer
    inventory: Inventory

    def search_numbers(self, tenant: Tenant[AvanserState],
                       query: Mapping[str, str]) -> tuple[int | None, dict]:
        """Parse and run one search; ``(selected account, Search Element)``."""
        params = load(SEARCH_QUERY, {k: query[k] for k in query}, "Bad Request")
        kind = self._search_kind(params)
        with tenant.lock:
            state = tenant.state
            held = held_of(state)
            if kind == "szu":
                found = self._by_szu(params["szu"], held)
            elif kind == "number_type":
                found = self._by_type(params["number_type"], held)
            elif kind == "number":
                found = self._by_prefix(params["number"], held)
            else:
                radius = params.get("radius", DEFAULT_RADIUS_KM)
                lat, lng = ((params["lat"], params["lng"]) if kind == "coordinates"
                            else self._geocode(params["location"]))
                found = self._by_distance(lat, lng, radius, held)
            return state.selected, {a.e164: a.element() for a in found}

    # -- parameters --------------------------------------------------------------------------

    def _search_kind(self, params: dict) -> str:
        """Which search the parameters ask for; 400 naming what is missing or conflicting."""
        given = [key for key in _SEARCH_KEYS
                 if (key != "coordinates" and params.get(key, "").strip() != "")
                 or (key == "coordinates" and ("lat" in params or "lng" in params))]
        errors: dict[str, str] = {}
        if not given:
            errors["search"] = ("one of location, lat and lng, number, number_type or szu "
                                "is required")
        elif len(given) > 1:
            for key in given:
                errors[key if key != "coordinates" else "lat"] = \
                    "only one search type per request"
        elif given == ["coordinates"]:
            errors.update({key: "required" for key in ("lat", "lng") if key not in params})
        country = params.get("country", "").strip().upper()
        if not country:
            if given != ["szu"]:
                errors["country"] = "required"
        elif country not in phonenumbers.SUPPORTED_REGIONS:
            errors["country"] = "invalid country"
        elif country != COUNTRY:
            errors["country"] = "no inventory in this country"
        if errors:
            raise InvalidParameters(errors)
        return given[0]

    # -- searches ----------------------------------------------------------------------------

    def _by_szu(self, name: str, held: dict[str, HeldIndexes]) -> list[Available]:
        szu = self.gazetteer.szu(name)
        if szu is None:
            raise InvalidParameters({"szu": "invalid szu"})
        return list(_take(_free(self.inventory.geo(szu), held), self.limit))

    def _by_type(self, name: str, held: dict[str, HeldIndexes]) -> list[Available]:
        streams = [_free(block, held) for block in self._blocks_of_type(name)]
        return sorted(_take(_round_robin(streams), self.limit), key=lambda a: a.e164)

    def _first_by_type(self, name: str, held: dict[str, HeldIndexes]) -> list[Available]:
        """``_by_type(...)[:1]`` without the rest of the page: each block's numbers come
        in ascending order, so the smallest number of the page is the smallest of the
        first round of the round robin (the first free number of each of the first
        ``limit`` blocks that have one)."""
        firsts: list[Available] = []
        for block in self._blocks_of_type(name):
            first = next(_free(block, held), None)
            if first is not None:
                firsts.append(first)
                if len(firsts) == self.limit:
                    break
        return [min(firsts, key=lambda a: a.e164)] if firsts else []

    def _blocks_of_type(self, name: str) -> list[Block]:
        kind = name.strip().upper()
        if kind not in TYPES:
            raise InvalidParameters({"number_type": "invalid number type"})
        return self.inventory.by_type[kind]

    def _by_prefix(self, number: str, held: dict[str, HeldIndexes]) -> list[Available]:
        digits = number.strip().replace(" ", "").lstrip("+")
        if not (digits.isdigit() and 6 <= len(digits) <= 15 and _valid_in_country(digits)):
            raise InvalidParameters({"number": "invalid number"})
        for masked in range(MAX_MASKED + 1):
            matched = len(digits) - masked
            if matched < MIN_MATCHED:
                break
            prefix = digits[:matched]
            if not prefix.startswith(CALLING_CODE):
                break
            found: list[Available] = []
            for block in self.inventory.blocks.values():
                nsn_prefix = prefix[len(CALLING_CODE):]
                taken = held.get(block.id, NONE_HELD)
                found.extend(Available(block, i, block.nsn(i))
                             for i in block.with_prefix(nsn_prefix) if i not in taken)
            if found:
                return sorted(found, key=lambda a: a.e164)[:self.limit]
        return []

    def _geocode(self, address: str) -> tuple[float, float]:
        try:
            place = self.gazetteer.locate(address)
        except AmbiguousAddress as exc:
            raise MultipleAddresses([p.described() for p in exc.places]) from None
        if place is None:
            raise InvalidParameters({"location": "address not found"})
        return place.lat, place.lng

    def _by_distance(self, lat: float, lng: float, radius: float,
                     held: dict[str, HeldIndexes]) -> list[Available]:
        near = sorted((distance_km(lat, lng, p.lat, p.lng), p.name, p)
                      for p in self.gazetteer.localities)
        found: list[tuple[float, str, Available]] = []
        for distance, _, place in near:
            if distance > radius:
                break
            for available in _take(self._at_locality(place, held), self.limit):
                found.append((distance, available.e164, available))
        found.sort(key=lambda item: (item[0], item[1]))
        return [item[2] for item in found[:self.limit]]

    def _at_locality(self, place: Locality,
                     held: dict[str, HeldIndexes]) -> Iterator[Available]:
        """Free numbers of the locality's SZU that lie at that locality, ascending."""
        block = self.inventory.geo(self.gazetteer.szus[place.szu])
        step = len(block.localities)
        taken = held.get(block.id, NONE_HELD)
        for i in range(block.localities.index(place), block.size, step):
            if i not in taken:
                yield Available(block, i, block.nsn(i))


def held_of(state: AvanserState) -> dict[str, HeldIndexes]:
    """The indexes a tenant holds in each block, read in place (``state.held`` keeps each
    block's ascending list)."""
    return {block: HeldIndexes(indexes) for block, indexes in state.held.items()}


def _free(block: Block, held: dict[str, HeldIndexes]) -> Iterator[Available]:
    taken = held.get(block.id, NONE_HELD)
    for i in taken.free(block.size):
        yield Available(block, i, block.nsn(i))


def _round_robin(streams: list[Iterator[Available]]) -> Iterator[Available]:
    while streams:
        for stream in list(streams):
            item = next(stream, None)
            if item is None:
                streams.remove(stream)
            else:
                yield item


def _take(items: Iterable[Available], limit: int) -> Iterator[Available]:
    for count, item in enumerate(items):
        if count >= limit:
            return
        yield item


def _valid_in_country(digits: str) -> bool:
    """``digits`` are a number in E.164 format (the seed: "Valid phone number (E164
    format)") of the searched country: its calling code, not ``phonenumbers``' idea of an
    assigned number (the seed's own example numbers include unassigned ones)."""
    return e164_country_code(digits) == int(CALLING_CODE)
