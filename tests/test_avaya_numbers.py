"""Avaya phone numbers as only the mock can show them: the computed inventory (every number
valid for phonenumbers, with geography consistent with its geocoder), the fixtures' shapes,
determinism by seed, tenants' separate inventories, monthly renewals on the mock clock,
the ``account_number`` look-up other parts use, and replaceable fixtures."""
from __future__ import annotations

import base64
import json
import re
from decimal import Decimal

import phonenumbers
import pytest
from phonenumbers import PhoneNumberType as T
from phonenumbers import geocoder

from mockserver import create_app
from mockserver.app import services_of
from mockserver.core.fixtures import Fixtures
from mockserver.providers.avaya.inventory import TOLLFREE, Inventory

FITS = {"local": {T.FIXED_LINE, T.FIXED_LINE_OR_MOBILE}, "tollfree": {T.TOLL_FREE}}
POSTAL = {"US": re.compile(r"\d{5}"), "CA": re.compile(r"[A-Z]\d[A-Z] \d[A-Z]\d"),
          "GB": re.compile(r"[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}")}
#: the geocoder's name for a place where it is not the city's
GEOCODER_NAMES = {"Newcastle upon Tyne": "Tyneside"}
START = "2031-03-01T12:00:00Z"


def auth(sid: str, token: str = "x") -> dict:
    return {"Authorization": "Basic " + base64.b64encode(f"{sid}:{token}".encode()).decode()}


def base(sid: str) -> str:
    return f"/avaya/v2/Accounts/{sid}"


@pytest.fixture(scope="module")
def inventory():
    return Inventory(Fixtures("avaya"), seed=1)


@pytest.fixture(scope="module")
def raw():
    return Fixtures("avaya").load("numbering.json")


def test_every_stock_number_is_valid_for_its_country_and_type(inventory):
    checked = 0
    for block in inventory.blocks:
        assert block.size == block.offer.stock
        previous = None
        for i in range(block.size):
            nsn = block.nsn(i)
            parsed = phonenumbers.parse(block.e164(nsn))
            assert phonenumbers.is_valid_number_for_region(parsed, block.country.iso), nsn
            assert phonenumbers.number_type(parsed) in FITS[block.kind], nsn
            assert nsn.startswith(block.npa)
            assert previous is None or int(nsn) > previous       # ascending, no repeats
            previous = int(nsn)
            found = inventory.locate(block.e164(nsn))
            assert found is not None and found.block is block and found.index == i
            checked += 1
    assert checked > 9000


def test_geography_agrees_with_the_phonenumbers_geocoder(inventory, raw):
    regions = {p["region"]: p for p in raw["places"]}
    assert set(regions) >= {"NY", "CA", "IL", "ON", "QC", "ENG", "SCT", "WLS", "NIR"}
    for block in inventory.blocks:
        if block.kind == TOLLFREE:
            continue
        place = block.place
        for i in range(0, block.size, 7):
            said = geocoder.description_for_number(phonenumbers.parse(block.e164(block.nsn(i))),
                                                   "en")
            city = GEOCODER_NAMES.get(place["city"], place["city"])
            if block.country.iso == "GB":
                assert said == city, (place, said)
            else:       # the geocoder names the city, or only the state or province
                assert said == f"{city}, {place['region']}" or "," not in said, (place, said)


def test_places_are_well_formed(raw):
    for place in raw["places"]:
        iso = place["country"]
        assert POSTAL[iso].fullmatch(place["postal_code"]), place
        assert -90 <= float(place["latitude"]) <= 90, place
        assert -180 <= float(place["longitude"]) <= 180, place
        assert (place["lata"] != "") == (iso == "US"), place
        if iso in ("US", "CA"):
            assert re.fullmatch(r"[2-9]\d\d", place["npa"]), place
        for lo, hi in place["ranges"]:
            assert lo.startswith(place["npa"]) and len(lo) == len(hi) == 10
            for edge in (lo, hi):
                parsed = phonenumbers.parse(f"+{raw['countries'][iso]['calling_code']}{edge}")
                assert phonenumbers.is_valid_number_for_region(parsed, iso), edge


def test_north_american_area_codes_are_not_shared_between_countries(raw):
    owners: dict[str, set] = {}
    for entry in raw["places"] + raw["tollfree"]:
        if entry["country"] in ("US", "CA"):
            owners.setdefault(entry["npa"], set()).add(entry["country"])
    assert all(len(countries) == 1 for countries in owners.values()), owners


def test_byoc_vendors_fixture():
    vendors = Fixtures("avaya").load("byoc_vendors.json")["vendors"]
    assert vendors and len({v.casefold() for v in vendors}) == len(vendors)


# -- determinism and tenants -------------------------------------------------------------

def first_page_and_purchase(seed: int) -> tuple[list, dict]:
    client = create_app({"SEED": seed}).test_client()
    sid = "AC" + "5" * 32
    page = client.get(base(sid) + "/AvailablePhoneNumbers/US/Local.json?AreaCode=212",
                      headers=auth(sid)).get_json()["available_phone_numbers"]
    bought = client.post(base(sid) + "/IncomingPhoneNumbers.json", data={"AreaCode": "415"},
                         headers=auth(sid)).get_json()
    return page, bought


def test_the_same_seed_gives_the_same_numbers_and_sids():
    first, second = first_page_and_purchase(7), first_page_and_purchase(7)
    assert first[0] == second[0]
    for key in ("sid", "phone_number"):
        assert first[1][key] == second[1][key]


def test_another_seed_gives_other_numbers():
    first, second = first_page_and_purchase(7), first_page_and_purchase(8)
    assert [i["phone_number"] for i in first[0]] != [i["phone_number"] for i in second[0]]


def test_tenants_have_inventories_of_their_own(mock_client):
    one, two = "AC" + "a" * 32, "AC" + "b" * 32
    bought = mock_client.post(base(one) + "/IncomingPhoneNumbers.json",
                              data={"AreaCode": "212"}, headers=auth(one)).get_json()
    query = f"/AvailablePhoneNumbers/US/Local.json?Contains={bought['phone_number'][1:]}"
    assert mock_client.get(base(one) + query, headers=auth(one)).get_json()["total"] == 0
    assert mock_client.get(base(two) + query, headers=auth(two)).get_json()["total"] == 1


# -- renewals on the mock clock ------------------------------------------------------------

def account_balance(client, sid: str) -> Decimal:
    return Decimal(client.get(base(sid) + ".json", headers=auth(sid)).get_json()[
        "account_balance"])


def test_a_held_number_is_charged_every_thirty_days(mock_client, mock_clock):
    mock_clock.freeze(START)
    sid = "AC" + "c" * 32
    start = account_balance(mock_client, sid)
    number = mock_client.post(base(sid) + "/IncomingPhoneNumbers.json",
                              data={"AreaCode": "312"}, headers=auth(sid)).get_json()
    assert account_balance(mock_client, sid) == start - Decimal("1.00")
    mock_clock.advance(30 * 86400 - 1)
    assert account_balance(mock_client, sid) == start - Decimal("1.00")
    mock_clock.advance(1)
    assert account_balance(mock_client, sid) == start - Decimal("2.00")
    view = mock_client.get(base(sid) + f"/IncomingPhoneNumbers/{number['sid']}.json",
                           headers=auth(sid)).get_json()
    assert view["next_renewal_date"] == "Wed, 30 Apr 2031 12:00:00 -0000"   # 60 days on
    mock_client.delete(base(sid) + f"/IncomingPhoneNumbers/{number['sid']}.json",
                       headers=auth(sid))
    mock_clock.advance(90 * 86400)
    assert account_balance(mock_client, sid) == start - Decimal("2.00")


def test_byoc_numbers_are_never_charged(mock_client, mock_clock):
    mock_clock.freeze(START)
    sid = "AC" + "d" * 32
    start = account_balance(mock_client, sid)
    mock_client.post(base(sid) + "/Byoc.json", data={"ByocVendor": "Zayo", "PhoneNumber": "3912",
                                                     "Type": "Local"}, headers=auth(sid))
    mock_clock.advance(60 * 86400)
    assert account_balance(mock_client, sid) == start


# -- what other parts of the backend read ----------------------------------------------------

def test_account_number_gives_the_held_number_and_its_capabilities(mock_app, mock_client):
    sid = "AC" + "e" * 32
    local = mock_client.post(base(sid) + "/IncomingPhoneNumbers.json", data={"AreaCode": "416"},
                             headers=auth(sid)).get_json()
    gb = mock_client.get(base(sid) + "/AvailablePhoneNumbers/GB/Local.json?PageSize=1",
                         headers=auth(sid)).get_json()["available_phone_numbers"][0]
    mock_client.post(base(sid) + "/IncomingPhoneNumbers.json",
                     data={"PhoneNumber": gb["phone_number"]}, headers=auth(sid))
    mock_client.post(base(sid) + "/Byoc.json", data={"ByocVendor": "Colt", "PhoneNumber": "3912",
                                                     "Type": "Local"}, headers=auth(sid))
    backend = services_of(mock_app).backends["avaya"]
    with backend.locked(sid) as state:
        found = backend.account_number(state, local["phone_number"])
        british = backend.account_number(state, gb["phone_number"])
        brought = backend.account_number(state, "+3912")
        missing = backend.account_number(state, "+12125550000")
        found["capabilities"]["sms"] = "changed"           # a copy: the state is untouched
    assert found["sid"] == local["sid"] and found["iso_country"] == "CA"
    assert found["service_type"] == "cpaas"
    assert local["capabilities"] == {"voice": "true", "sms": "true", "mms": "true"}
    assert british["capabilities"] == {"voice": "true", "sms": "false", "mms": "false"}
    assert brought["service_type"] == "byoc" and brought["capabilities"]["sms"] == "false"
    assert missing is None
    again = mock_client.get(base(sid) + f"/IncomingPhoneNumbers/{local['sid']}.json",
                            headers=auth(sid)).get_json()
    assert again["capabilities"]["sms"] == "true"
    assert "service_type" not in again and "monthly_cost" not in again


def test_numbers_survive_a_state_export_and_import(mock_client):
    sid = "AC" + "f" * 32
    number = mock_client.post(base(sid) + "/IncomingPhoneNumbers.json",
                              data={"AreaCode": "212"}, headers=auth(sid)).get_json()
    exported = mock_client.get("/_mock/state").get_json()
    mock_client.post("/_mock/reset")
    path = base(sid) + f"/IncomingPhoneNumbers/{number['sid']}.json"
    assert mock_client.get(path, headers=auth(sid)).status_code == 404
    assert mock_client.put("/_mock/state", json=exported).status_code in (200, 204)
    assert mock_client.get(path, headers=auth(sid)).get_json() == number


def test_the_vendor_list_is_a_replaceable_fixture(tmp_path):
    (tmp_path / "avaya").mkdir()
    (tmp_path / "avaya" / "byoc_vendors.json").write_text(json.dumps({"vendors": ["Acme"]}))
    client = create_app({"FIXTURES_DIR": str(tmp_path)}).test_client()
    sid = "AC" + "9" * 32
    ok = client.post(base(sid) + "/Byoc.json", headers=auth(sid),
                     data={"ByocVendor": "acme", "PhoneNumber": "3912", "Type": "Local"})
    assert ok.status_code == 200, ok.get_data(as_text=True)
    refused = client.post(base(sid) + "/Byoc.json", headers=auth(sid),
                          data={"ByocVendor": "Telnyx", "PhoneNumber": "3913", "Type": "Local"})
    assert refused.status_code == 403 and refused.get_json()["code"] == 20003
