"""Australian places (``fixtures/avanser/localities.json`` and ``szus.json``): localities
with postcode, state, coordinates and the Standard Zone Unit (numbering area) they belong
to, and the address matching that ``GET /numbers?location=`` does with them.

An address is matched, case-insensitively, on whole words: locality names (longest first,
ignoring a name followed by a street type, so "Elizabeth St" is not the suburb Elizabeth),
a 4-digit postcode and a state (``NSW`` or ``New South Wales``). A postcode or state
(not followed by a street type either: "Victoria St") narrows the names found; with no
name left, the postcode alone decides. Several names: the one written first wins (the
most specific part of an address comes first). One name in several places: ambiguous
(300 Multiple Addresses).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ...core.fixtures import Fixtures

EARTH_RADIUS_KM = 6371.0088
STATES = {"NSW": "new south wales", "VIC": "victoria", "QLD": "queensland",
          "SA": "south australia", "WA": "western australia", "TAS": "tasmania",
          "NT": "northern territory", "ACT": "australian capital territory"}
STREET_TYPES = {"st", "street", "rd", "road", "ave", "avenue", "av", "hwy", "highway", "pde",
                "parade", "dr", "drive", "ln", "lane", "pl", "place", "cres", "crescent",
                "tce", "terrace", "blvd", "boulevard", "way", "ct", "court", "cct",
                "circuit", "esp", "esplanade", "pkwy", "parkway", "sq", "square"}
_WORD = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True)
class Locality:
    """A place an address can name."""

    name: str
    state: str
    postcode: str
    lat: float
    lng: float
    szu: str

    def described(self) -> dict:
        """The documented Multiple Addresses element."""
        return {"name": f"{self.name}, {self.state}, AU", "state": self.state, "country": "AU",
                "lat_lng": [self.lat, self.lng]}


@dataclass(frozen=True)
class Szu:
    """A Standard Zone Unit: a geographic numbering area with its number ranges."""

    id: str
    name: str
    state: str
    lat: float
    lng: float
    ranges: tuple[tuple[int, int], ...]

    @property
    def region(self) -> str:
        """The Search Element ``region``: ``NSW: Sydney``."""
        return f"{self.state}: {self.name}"


def distance_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in km (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


class AmbiguousAddress(Exception):
    """An address that names several places (``places``)."""

    def __init__(self, places: list[Locality]) -> None:
        super().__init__(f"{len(places)} places")
        self.places = places


class Gazetteer:
    """Every locality and SZU, with the address matcher."""

    def __init__(self, fixtures: Fixtures) -> None:
        self.szus = {raw["szu"]: Szu(raw["szu"], raw["name"], raw["state"], float(raw["lat"]),
                                     float(raw["lng"]),
                                     tuple((int(lo), int(hi)) for lo, hi in raw["ranges"]))
                     for raw in fixtures.load("szus.json")}
        self.localities = [Locality(raw["name"], raw["state"], str(raw["postcode"]),
                                    float(raw["lat"]), float(raw["lng"]), raw["szu"])
                           for raw in fixtures.load("localities.json")]
        missing = {loc.szu for loc in self.localities} - set(self.szus)
        if missing:
            raise ValueError(f"avanser localities.json names unknown SZUs {sorted(missing)}")
        self.by_szu: dict[str, list[Locality]] = {szu: [] for szu in self.szus}
        self._by_name: dict[tuple[str, ...], list[Locality]] = {}
        for loc in self.localities:
            self.by_szu[loc.szu].append(loc)
            self._by_name.setdefault(tuple(_WORD.findall(loc.name.lower())), []).append(loc)
        self._names = sorted(self._by_name, key=len, reverse=True)
        self._state_words = {tuple(full.split()): code for code, full in STATES.items()}
        self._state_words.update({(code.lower(),): code for code in STATES})

    def szu(self, name: str) -> Szu | None:
        """An SZU by id or name, any case, spaces or underscores (``sydney``, ``Gold
        Coast``)."""
        key = "_".join(_WORD.findall(name.lower()))
        return self.szus.get(key)

    def locate(self, address: str) -> Locality | None:
        """The one place an address names, None when it names none; AmbiguousAddress when
        it names several."""
        words = _WORD.findall(address.lower())
        postcodes = {w for w in words if len(w) == 4 and w.isdigit()}
        states = {code for i in range(len(words)) for key, code in self._state_words.items()
                  if tuple(words[i:i + len(key)]) == key
                  and (words[i + len(key)] if i + len(key) < len(words) else "")
                  not in STREET_TYPES}
        found: list[tuple[int, tuple[str, ...]]] = []
        taken = [False] * len(words)
        for name in self._names:
            for i in range(len(words) - len(name) + 1):
                if tuple(words[i:i + len(name)]) != name or any(taken[i:i + len(name)]):
                    continue
                after = words[i + len(name)] if i + len(name) < len(words) else ""
                if after in STREET_TYPES:
                    continue
                taken[i:i + len(name)] = [True] * len(name)
                found.append((i, name))
        candidates = []
        for _, name in sorted(found):
            places = [p for p in self._by_name[name] if _fits(p, postcodes, states)]
            if places:
                candidates = places
                break
        if not candidates and postcodes:
            candidates = [p for p in self.localities
                          if p.postcode in postcodes and _fits(p, postcodes, states)]
            if len({p.name for p in candidates}) > 1:
                candidates = candidates[:1]      # a postcode shared by suburbs: its first
        if len(candidates) > 1:
            raise AmbiguousAddress(candidates)
        return candidates[0] if candidates else None


def _fits(place: Locality, postcodes: set[str], states: set[str]) -> bool:
    return ((not postcodes or place.postcode in postcodes)
            and (not states or place.state in states))
