"""Consistency of the Dial 9 fixtures: prefixes against phonenumbers' own geocoding (which
follows the Ofcom numbering plan), the seeded unit against the seed's example."""
from __future__ import annotations

import json
import re
from pathlib import Path

import phonenumbers

FIXTURES = Path(__file__).parents[1] / "fixtures/dial9"


def load(name):
    return json.loads((FIXTURES / name).read_text())


def test_prefixes_are_unique_well_formed_and_not_nested():
    prefixes = [p["prefix"] for p in load("prefixes.json")]
    assert len(set(prefixes)) == len(prefixes)
    for prefix in prefixes:
        assert re.fullmatch(r"0[123]\d{1,3}", prefix), prefix
        assert not any(o != prefix and o.startswith(prefix) for o in prefixes), prefix


def test_geographic_descriptions_match_the_numbering_plan():
    from phonenumbers.geodata import GEOCODE_DATA
    uk = {k: v["en"] for k, v in GEOCODE_DATA.items() if k.startswith("44") and "en" in v}
    for entry in load("prefixes.json"):
        prefix = entry["prefix"]
        if prefix.startswith("03"):
            assert entry["description"].startswith("Non-geographic"), entry
            continue
        key = "44" + prefix[1:]
        names = {name for k, name in uk.items() if k.startswith(key) or key.startswith(k)}
        town = entry["description"].rsplit(" (", 1)[0]
        assert town in names, entry


def test_seeded_numbers_are_valid_and_route_to_seeded_destinations():
    seed = load("seed.json")
    destinations = {(d["type"], d["id"]) for d in seed["destinations"]}
    assert ("Menu", 262) in destinations
    for number in seed["numbers"]:
        assert number["id"] < seed["next_id"]
        if number["context"] == "incoming":
            assert phonenumbers.is_valid_number(phonenumbers.parse(number["number"], "GB"))
        if number["destination"] is not None:
            assert (number["destination"]["type"], number["destination"]["id"]) in destinations
