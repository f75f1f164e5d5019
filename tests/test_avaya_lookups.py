"""Avaya lookups as only the mock can show them (seed 004, Carrier Lookup, CNAM Lookup, BNA
Lookup): the same number gets the same answer in another app with the same seed (and may
get another with another seed), an unlisted number's CNAM lookup is free and not charged,
a BNA lookup that finds only city and state costs the seed's $.01, usage is written on the
mock clock's day, and the carrier data follows phonenumbers."""
from __future__ import annotations

import pytest

from avaya_mock import AvayaMock

pytestmark = pytest.mark.mock_only
SID = "AC" + "6" * 32
START = "2030-03-10T12:00:00Z"
#: New York numbers: 212-555-0100 to 0199 are all valid for phonenumbers
NEW_YORK = [f"+121255501{n:02d}" for n in range(100)]
VARYING = ("sid", "date_created", "date_updated", "uri")


def found(record: dict) -> dict:
    """What a lookup found, without what each lookup has of its own."""
    return {key: value for key, value in record.items() if key not in VARYING}


def answers(config: dict | None, kind: str, numbers: list[str]) -> list[dict]:
    """What a fresh app with ``config`` answers for each number."""
    mock = AvayaMock(SID, START, config)
    return [found(mock.post(f"/Lookups/{kind}.json", PhoneNumber=n)) for n in numbers]


@pytest.mark.parametrize("kind", ["Carrier", "Cnam", "Bna"])
def test_the_same_seed_gives_the_same_answers_in_another_app(kind):
    numbers = NEW_YORK[:8]
    first = answers({"SEED": 7}, kind, numbers)
    assert answers({"SEED": 7}, kind, numbers) == first
    if kind != "Carrier":       # names and addresses come from a Faker seeded per number
        assert answers({"SEED": 8}, kind, numbers) != first


def test_an_unlisted_number_costs_nothing_and_is_not_charged():
    mock = AvayaMock(SID, START)
    records = []
    for number in NEW_YORK[:40]:
        reply = mock.send("POST", "/Lookups/Cnam.json", PhoneNumber=number)
        if reply.status_code == 200:         # 31021: not in the CNAM database (below)
            records.append(reply.json)
    unlisted = [r for r in records if r["body"] is None]
    listed = [r for r in records if r["body"] is not None]
    assert unlisted and listed, "about one number in five is unlisted"
    assert {r["price"] for r in unlisted} == {"0.00"}
    assert {r["price"] for r in listed} == {"0.01"}
    assert all(r["body"] == r["body"].upper() and len(r["body"]) <= 15 for r in listed)
    (usage,) = mock.usage(19)
    assert (usage["quantity"], usage["total"]) == (len(listed), len(listed))
    assert usage["total_cost"] == f"{0.01 * len(listed):.6f}"
    assert (usage["year"], usage["month"], usage["day"]) == ("2030", "03", "10")


def test_bna_city_and_state_only_costs_one_cent():
    mock = AvayaMock(SID, START)
    records = [mock.post("/Lookups/Bna.json", PhoneNumber=n) for n in NEW_YORK[:20]]
    partial = [r for r in records if r["address"] is None]
    full = [r for r in records if r["address"] is not None]
    assert partial and full
    assert all(r["first_name"] is None and r["last_name"] is None and r["price"] == "0.01"
               for r in partial)
    assert all(r["first_name"] and r["last_name"] and r["price"] == "0.15" for r in full)
    assert {(r["city"], r["state"]) for r in records} == {("New York", "NY")}
    (usage,) = mock.usage(19)
    assert usage["total"] == 20
    assert usage["total_cost"] == f"{0.15 * len(full) + 0.01 * len(partial):.6f}"


def test_carrier_data_follows_phonenumbers():
    mock = AvayaMock(SID, START)
    french = mock.post("/Lookups/Carrier.json", PhoneNumber="+33612345678")
    assert (french["network"], french["mobile"], french["mcc"], french["mnc"]) == \
        ("SFR", True, "208", "10")
    london = mock.post("/Lookups/Carrier.json", PhoneNumber="+442079460000")
    assert (london["network"], london["mobile"]) == ("BT", False)
    assert "mcc" not in london and "mnc" not in london
    us = [mock.post("/Lookups/Carrier.json", PhoneNumber=n) for n in NEW_YORK[:30]]
    assert {r["mobile"] for r in us} == {True, False}
    assert {r["network"] for r in us} == {"Verizon Wireless", "AT&T Local"}
    assert all("mcc" not in r for r in us)
    same_network = [r["carrier_id"] for r in us if r["network"] == "Verizon Wireless"]
    assert len(set(same_network)) == 1
    (usage,) = mock.usage(20)
    assert (usage["total"], usage["total_cost"]) == (32, "0.320000")


def test_a_number_the_cnam_database_does_not_know_is_31021_every_time():
    """About one assigned number in ten has no CNAM record at all (31021), fixed per number;
    nothing is stored or charged for it."""
    mock = AvayaMock(SID, START)
    codes = {n: mock.refusal("POST", "/Lookups/Cnam.json", PhoneNumber=n)
             for n in NEW_YORK[:40]}
    unknown = [n for n, (status, code) in codes.items() if status == 400]
    assert unknown and len(unknown) < 20
    assert {codes[n] for n in unknown} == {(400, 31021)}
    assert mock.refusal("POST", "/Lookups/Cnam.json", PhoneNumber=unknown[0]) == (400, 31021)
    listed = mock.get("/Lookups/Cnam.json")["cnam_lookups"]
    assert len(listed) == 40 - len(unknown)
    assert unknown[0] not in {r["phone_number"] for r in listed}
