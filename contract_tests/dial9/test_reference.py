"""``available_prefixes`` and ``available_access_numbers`` (seed 003)."""
from __future__ import annotations

import re

import phonenumbers
from phonenumbers import geocoder

from .helpers import ok

ACCESS = ["*55", "*56", "*10", "*50", "*30*{number}", "*31*{number}", "*32*{number}",
          "*21*{number}", "*21", "*22", "*8", "*01"]


def test_prefixes_have_the_documented_shape(dial9):
    prefixes = ok(dial9, "available_prefixes")
    for entry in prefixes:
        assert list(entry) == ["description", "prefix"]
        assert re.fullmatch(r"0\d{2,4}", entry["prefix"]), entry
        assert entry["description"].endswith(f" ({entry['prefix']})"), entry
    assert len({p["prefix"] for p in prefixes}) == len(prefixes)


def test_prefixes_include_the_seed_examples(dial9):
    prefixes = ok(dial9, "available_prefixes")
    assert prefixes[:4] == [{"description": "Aberdeen (01224)", "prefix": "01224"},
                            {"description": "Aberfeldy (01887)", "prefix": "01887"},
                            {"description": "Abergavenny (01873)", "prefix": "01873"},
                            {"description": "Aberystwyth (01970)", "prefix": "01970"}]


def test_prefixes_are_uk_geographic_and_03_ranges(dial9):
    prefixes = [p["prefix"] for p in ok(dial9, "available_prefixes")]
    geographic = [p for p in prefixes if p[:2] in ("01", "02")]
    assert len(geographic) >= 100
    assert {"0300", "0330", "0333", "0343", "0344", "0345", "0370"} <= set(prefixes)
    assert set(prefixes) - set(geographic) == {p for p in prefixes if p.startswith("03")}


def test_geographic_descriptions_name_the_area(dial9, seeded):
    for entry in ok(dial9, "available_prefixes")[:60]:
        number = ok(dial9, "acquirable_numbers", {"prefix": entry["prefix"]})[0]
        town = geocoder.description_for_number(
            phonenumbers.parse(number, "GB"), "en")
        assert entry["description"] == f"{town} ({entry['prefix']})"


def test_access_numbers_are_the_seed_list(dial9):
    access = ok(dial9, "available_access_numbers")
    assert [a["number"] for a in access] == ACCESS
    for entry in access:
        assert list(entry) == ["number", "description"]
        assert isinstance(entry["description"], str) and entry["description"]
    assert access[-1] == {"number": "*01", "description": "Run an echo test"}
