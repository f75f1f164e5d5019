"""Every example request of seed 000_7fc162f5edaff4d5.txt (AVOXI Genius v2), NUMBERS,
EXTENSIONS and ENTITLEMENTS parts, replayed as its curl sample writes it (readable copy:
../shared/seeds/readable/avoxi-genius-v2.txt; the PROVISIONING samples are in
test_seed_examples.py).

The GET /numbers sample appears twice, the second time under a repeated "Regions in each
country / GET /regions/{country}" heading; both are replayed, and answered as /numbers (its
URL). Placeholders: ``{extension}`` is 4242, the seed's "user extension example"
(AVOXI_EXTENSION against a real account); the PUT body's "US" ids are the extension's
``number_id`` and ``organization_id`` from GET /extension/{extension}, its ``number`` the
extension, and its destination each of the two forms the sample offers. In the mock the
query's ``number_id`` is the seed's example number's own, so it is sent as written; it is
also sent filled with the values of the account's first number (the one test that holds
against a real account too). Sent unfilled, the
PUT sample and the PUT "Request Body" block (not valid JSON) get the documented 400
(docs/providers/avoxi.md, "Seed examples").
"""
from __future__ import annotations

import json
import os

import pytest

from .helpers import JSON, NUMBER_FIELDS, assert_error, json_of, numbers

EXTENSION = os.environ.get("AVOXI_EXTENSION", "4242")
#: the two GET /numbers samples (raw seed lines 2068 and 2276), the same URL; the space in
#: the name goes as %20, as a client must send it
NUMBERS_QUERY = ("number_id=116ab66e-c49f-11eb-b101-ee7b4f68c57a&number=%2B17709379735"
                 "&numbers=%2B17709379735&name=Main Call Center Number").replace(" ", "%20")
#: the PUT sample's --data (raw seed line 2704), verbatim but for the shell's '\'' quoting
PUT_DATA = ('{"extension":{"number_id":"US","organization_id":"US","number":"e164 example: '
            '+17709379735 or user extension example: 4242","name":"Main Call Center Number",'
            '"rules":[{"target_id":"abcd1c35-81b6-3333-2222-1ecaf4912345","name":"My '
            'Forwarding Rule","priority":5000,"disabled":true,"activations":[{"start":'
            '1622851200,"stop":1622851700,"days":["M","Tu","W","Th","F"],"start_time":"07:30",'
            '"stop_time":"15:45","time_zone":"America/New_York"}],"action":{"type":"Dial",'
            '"destination":"+12604379623 or sip:580d5655-471a-4d3f-96df-8086db4ba493",'
            '"timeout_sec":60,"caller_id":"Show Caller\'s Number","tags":{"property1":"string",'
            '"property2":"string"}}}]}}')
#: the PUT "Request Body" block (raw seed lines 2927 to 2968): a stray "]" before the last "}"
PUT_BLOCK = PUT_DATA.replace('"tags":{"property1":"string","property2":"string"}', '"tags":{}'
                             ).replace('}]}}', '}],"country_code":"US",'
                                               '"local_format":"7709379735"}\n]\n}')
EXTENSION_KEYS = ["number_id", "organization_id", "number", "name", "rules"]


def assert_configurations(body: dict, keys: list[str]) -> list[dict]:
    """``{"data": [...]}`` of number or extension configurations with exactly ``keys``."""
    assert list(body) == ["data"] and isinstance(body["data"], list)
    for entry in body["data"]:
        assert list(entry) == keys, entry
        assert all(isinstance(entry[k], str) for k in keys if k != "rules")
        for rule in entry["rules"]:
            assert isinstance(rule["priority"], int) and isinstance(rule["disabled"], bool)
    return body["data"]


@pytest.mark.parametrize("line", [2068, 2276], ids=["numbers-heading", "regions-heading"])
def test_numbers_sample_as_written(avoxi, is_real, line):
    found = assert_configurations(json_of(avoxi.get(f"/numbers?{NUMBERS_QUERY}")),
                                  list(NUMBER_FIELDS))
    if not is_real:                      # the seed's example number, in every mock tenant
        assert [(n["number_id"], n["number"], n["name"]) for n in found] == [(
            "116ab66e-c49f-11eb-b101-ee7b4f68c57a", "+17709379735", "Main Call Center Number")]


def test_numbers_sample_filled_with_an_owned_number(avoxi):
    owned = numbers(avoxi)
    if not owned:
        pytest.skip("the account has no number")
    first = owned[0]
    query = (NUMBERS_QUERY.replace("116ab66e-c49f-11eb-b101-ee7b4f68c57a", first["number_id"])
             .replace("%2B17709379735", first["number"].replace("+", "%2B"))
             .replace("Main%20Call%20Center%20Number", first["name"].replace(" ", "%20")))
    found = assert_configurations(json_of(avoxi.get(f"/numbers?{query}")), list(NUMBER_FIELDS))
    assert [n["number_id"] for n in found] == [first["number_id"]]


def test_regions_heading_keeps_regions_at_its_own_path(avoxi):
    regions = json_of(avoxi.get("/regions/US"))
    assert regions and all(set(r) == {"id", "name"} for r in regions)


def current(avoxi) -> dict:
    """The extension's configuration, by the GET /extension/{extension} sample."""
    data = assert_configurations(json_of(avoxi.get(f"/extension/{EXTENSION}")), EXTENSION_KEYS)
    assert len(data) == 1 and data[0]["number"] == EXTENSION
    return data[0]


def test_get_extension(avoxi):
    current(avoxi)


def filled(raw: str, extension: dict, destination: str) -> str:
    """A PUT body with the sample's placeholders replaced by this extension's values."""
    return (raw.replace('"number_id":"US"', '"number_id":' + json.dumps(extension["number_id"]))
            .replace('"organization_id":"US"', '"organization_id":'
                     + json.dumps(extension["organization_id"]))
            .replace("e164 example: +17709379735 or user extension example: 4242", EXTENSION)
            .replace("+12604379623 or sip:580d5655-471a-4d3f-96df-8086db4ba493", destination))


@pytest.mark.parametrize("raw", [PUT_DATA, PUT_BLOCK.replace("}\n]\n}", "}\n}")],
                         ids=["curl-data", "request-block-repaired"])
@pytest.mark.parametrize("destination", ["+12604379623",
                                         "sip:580d5655-471a-4d3f-96df-8086db4ba493"])
def test_put_extension_with_the_sample_body_filled(avoxi, raw, destination):
    ext = current(avoxi)
    reply = avoxi.put(f"/extension/{EXTENSION}", data=filled(raw, ext, destination),
                      headers=JSON)
    saved = assert_configurations(json_of(reply), EXTENSION_KEYS)
    assert len(saved) == 1 and saved[0]["number_id"] == ext["number_id"]
    assert [r["action"]["destination"] for r in saved[0]["rules"]] == [destination]
    assert current(avoxi) == saved[0]


@pytest.mark.parametrize("raw", [PUT_DATA, PUT_BLOCK], ids=["curl-data", "request-block"])
def test_put_extension_as_written_is_400_and_changes_nothing(avoxi, raw):
    before = current(avoxi)
    assert_error(avoxi.put(f"/extension/{EXTENSION}", data=raw, headers=JSON), 400)
    assert current(avoxi) == before


def test_entitlements(avoxi):
    body = json_of(avoxi.get("/entitlements"))
    assert list(body) == ["endpoint_families", "endpoints", "token"]
    assert all(v in ("Enabled", "Disabled") for v in body["endpoint_families"].values())
    for endpoint in body["endpoints"]:
        assert set(endpoint) == {"url", "methods"} and isinstance(endpoint["methods"], list)
    token = body["token"]
    assert set(token) == {"organization_id", "organization_name", "user_id", "user_email",
                          "expiration", "expiration_formatted"}
    assert isinstance(token["expiration"], int)
    assert all(isinstance(v, str) for k, v in token.items() if k != "expiration")
