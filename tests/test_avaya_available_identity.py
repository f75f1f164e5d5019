"""AvailablePhoneNumbers answers exactly what the straightforward computation answers.

The inventory remembers national formats, keeps the resources (and their JSON) it has
shown and searches its stock once per ``Contains`` pattern (``inventory.py``,
``SpreadStock.search``). These tests keep the straightforward way as a reference (every
number formatted by phonenumbers, every number of every block matched against the
pattern, the page encoded whole) and compare many filter and page combinations with it,
on an account that holds numbers, which must be skipped."""
from __future__ import annotations

import base64
import json
import random
import re

import phonenumbers
import pytest

from mockserver import create_app
from mockserver.app import services_of
from mockserver.core.numbering import SpreadStock
from mockserver.providers.avaya.inventory import Block, flag
from mockserver.providers.avaya.number_filters import area_code, contains_pattern

SID = "AC" + "e" * 32
AUTH = {"Authorization": "Basic " + base64.b64encode(f"{SID}:t".encode()).decode()}
ROOT = f"/avaya/v2/Accounts/{SID}"
CONTAINS = [None, "5", "55", "MOCK", "2*3", "12", "0", "+1 212", "020", "4420", "7*7*", "98",
            "1", "44", "02079", "800", "333", "*", "(212) 333"]


def reference_national(e164: str) -> str:
    """The national format, worked out afresh (the code before the cache)."""
    try:
        parsed = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return e164
    if not phonenumbers.is_valid_number(parsed):
        return e164
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


def reference_resource(block: Block, nsn: str) -> dict:
    """An AvailablePhoneNumber built from scratch."""
    place, offer, code = block.place, block.offer, block.country.calling_code
    rest = nsn[len(block.npa):]
    return {
        "friendly_name": reference_national(f"+{code}{nsn}"), "phone_number": f"+{code}{nsn}",
        "lata": place.get("lata", ""), "rate_center": place.get("rate_center", ""),
        "latitude": place.get("latitude", ""), "longitude": place.get("longitude", ""),
        "country_code": f"+{code}", "npa": block.npa, "exchange": rest[:3],
        "city": place.get("city", ""), "region": place.get("region", ""),
        "postal_code": place.get("postal_code", ""), "iso_country": block.country.iso,
        "type": block.kind, "setup_cost": offer.setup_cost,
        "monthly_cost": offer.monthly_cost, "voice_enabled": flag(offer.voice),
        "sms_enabled": flag(offer.sms), "supports_forwarded_from": "true"}


def reference_page(blocks, held: set[str], pattern, offset: int, limit: int):
    """Every free number of ``blocks`` in order, each matched by ``pattern`` against its
    international and national digits; the page from ``offset`` and the count."""
    found = []
    for block in blocks:
        code = block.country.calling_code
        for i in range(block.size):
            nsn = block.nsn(i)
            if f"+{code}{nsn}" in held:
                continue
            if pattern is None or pattern.search(f"{code}{nsn}") \
                    or pattern.search(f"{block.trunk}{nsn}"):
                found.append((block, nsn))
    return [reference_resource(*item) for item in found[offset:offset + limit]], len(found)


@pytest.fixture(scope="module")
def client():
    app = create_app({})
    client = app.test_client()
    client.post("/_mock/clock", json={"freeze": "2030-01-01T00:00:00Z"})
    for code in ["212", "212", "416", "646"]:
        reply = client.post(f"{ROOT}/IncomingPhoneNumbers.json", headers=AUTH,
                            data={"AreaCode": code})
        assert reply.status_code == 200, reply.get_data(as_text=True)
    for country, kind, index in [("GB", "Local", 3), ("GB", "Local", 0),
                                 ("US", "Tollfree", 2)]:
        page = client.get(f"{ROOT}/AvailablePhoneNumbers/{country}/{kind}.json",
                          headers=AUTH, query_string={"PageSize": 1, "Page": index})
        number = page.get_json()["available_phone_numbers"][0]["phone_number"]
        assert client.post(f"{ROOT}/IncomingPhoneNumbers.json", headers=AUTH,
                           data={"PhoneNumber": number}).status_code == 200
    return client


def held_numbers(client) -> set[str]:
    listed = client.get(f"{ROOT}/IncomingPhoneNumbers.json", headers=AUTH).get_json()
    return {n["phone_number"] for n in listed["incoming_phone_numbers"]}


def combinations(count: int):
    rng = random.Random(14)
    for _ in range(count):
        query = {"Page": str(rng.choice([0, 0, 1, 2, 3, 7, 20, 60]))}
        if rng.random() < 0.7:
            query["PageSize"] = str(rng.choice([1, 7, 13, 50, 80]))
        if rng.random() < 0.7:
            contains = rng.choice(CONTAINS)
            if contains is not None:
                query["Contains"] = contains
        country, kind = rng.choice([("US", "Local"), ("US", "Tollfree"), ("CA", "Local"),
                                    ("CA", "Tollfree"), ("GB", "Local"), ("GB", "Tollfree")])
        if country != "GB" and kind == "Local" and rng.random() < 0.3:
            query["AreaCode"] = rng.choice(["212", "646", "416", "905", "718"])
        if rng.random() < 0.2:
            query["InRegion"] = rng.choice(["NY", "ON", "SCT", "ENG", "ca"])
        yield country, kind, query


def test_pages_are_those_of_the_straightforward_computation(client):
    inventory = services_of(client.application).backends["avaya"].inventory
    held = held_numbers(client)
    assert len(held) == 7
    nonempty = 0
    for country, kind, query in combinations(400):
        reply = client.get(f"{ROOT}/AvailablePhoneNumbers/{country}/{kind}.json",
                           headers=AUTH, query_string=query)
        assert reply.status_code == 200, (query, reply.get_data(as_text=True))
        body = reply.get_json()
        blocks = inventory.blocks_of(country, kind.lower())
        if "AreaCode" in query:
            blocks = [b for b in blocks if b.npa == area_code(query["AreaCode"])]
        if "InRegion" in query:
            blocks = inventory.in_region(blocks, query["InRegion"])
        size = min(int(query.get("PageSize", 50)), 50)
        page, total = reference_page(blocks, held, contains_pattern(query.get("Contains")),
                                     int(query["Page"]) * size, size)
        assert body["total"] == total, query
        assert body["available_phone_numbers"] == page, query
        assert [list(item) for item in body["available_phone_numbers"]] == \
            [list(item) for item in page]
        expected = json.dumps({key: value for key, value in body.items()
                               if key != "available_phone_numbers"} |
                              {"available_phone_numbers": page},
                              separators=(",", ":"), ensure_ascii=False).encode()
        assert reply.get_data() == expected, query
        nonempty += bool(page)
    assert nonempty > 100


@pytest.mark.parametrize("fmt", [".xml", ".csv"])
def test_other_formats_of_remembered_pages_are_those_of_fresh_dicts(client, fmt):
    """XML and CSV of a page served twice (the second from kept resources) are the same
    and hold the numbers of the JSON page."""
    path = f"{ROOT}/AvailablePhoneNumbers/GB/Local"
    first = client.get(f"{path}{fmt}", headers=AUTH, query_string={"Contains": "20"})
    again = client.get(f"{path}{fmt}", headers=AUTH, query_string={"Contains": "20"})
    assert first.status_code == 200 and first.get_data() == again.get_data()
    listed = client.get(f"{path}.json", headers=AUTH, query_string={"Contains": "20"})
    for item in listed.get_json()["available_phone_numbers"]:
        assert item["friendly_name"] in first.get_data(as_text=True)


@pytest.mark.parametrize("pattern", ["5", "55", "2\\d3", "\\d\\d9", "0", "4420", "1212"])
@pytest.mark.parametrize("prefixes", [("",), ("1", ""), ("44", "0")])
def test_stock_search_finds_every_matching_number(pattern, prefixes):
    stock = SpreadStock([(2123330000, 2123339999), (2125980000, 2125989999)], 300, 77)
    regex = re.compile(pattern)
    expected = tuple(i for i in range(stock.size)
                     if any(regex.search(f"{p}{stock.nsn(i)}") for p in prefixes))
    assert stock.search(pattern, prefixes) == expected


def test_stock_search_refuses_patterns_that_could_cross_numbers():
    stock = SpreadStock([(100, 999)], 10, 1)
    for pattern in (".", "1|2", "[0-9]", "\\D", "^1"):
        with pytest.raises(ValueError):
            stock.search(pattern)
