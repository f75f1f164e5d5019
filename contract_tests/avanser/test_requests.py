"""Requests (seed 002): a new service request is validated, acknowledged with its reserved
number, and completes (or fails) asynchronously; List Requests in batches of 100, and the
bodies received, answered and sent. Outcomes are awaited by polling GET /requests."""
from __future__ import annotations

import json

import pytest

from .helpers import HEX32, ISO_AU, assert_error_detail, ok
from .lifecycle import (PROMPT, REQUEST_FIELDS, TRANSFER, VOICEMAIL, all_requests,
                        await_request, example, find_request, services, submit)

pytestmark = pytest.mark.orders


def search(avanser, **params) -> dict:
    return ok(avanser.get("/numbers", params=params))


@pytest.mark.parametrize("body", [TRANSFER, VOICEMAIL, PROMPT],
                         ids=["transfer", "voicemail", "prompt"])
def test_the_seed_examples_are_acknowledged_and_completed(avanser, body):
    ack = submit(avanser, body)
    number = ack["service_number"]
    assert number.isdigit() and number.startswith("61")
    entry = find_request(avanser, ack["request_id"])
    assert set(entry) == REQUEST_FIELDS
    assert entry["request_type"] == "create" and entry["custom_id"] == body["custom_id"]
    assert entry["service_number"] == number and ISO_AU.fullmatch(entry["request_date"])
    done = await_request(avanser, ack["request_id"])
    assert done["request_status"] == "completed"
    assert done["message"] == "Request completed successfully"
    [service] = [s for s in services(avanser) if s["service_number"] == number]
    assert service["name"] == body["name"] and service["service"]["type"] == body["service"]["type"]
    assert service["@links"] == {"service_uri": f"/services/{number}"}


def test_a_new_request_is_pending_with_the_documented_entry(avanser):
    ack = submit(avanser, TRANSFER)
    entry = find_request(avanser, ack["request_id"])
    assert entry["request_status"] in ("pending", "completed")
    assert entry["answer_point"] == "61420123123" and entry["callback_url"] is None
    links = f"/requests/{ack['request_id']}"
    assert entry["@links"]["request_body"] == f"{links}/request_body"
    assert entry["@links"]["acknowledgment_body"] == f"{links}/acknowledgment_body"
    assert set(entry["@callback"]) == {"last_update", "status", "http_reply"}
    assert entry["@callback"]["status"] == "pending" and entry["@callback"]["http_reply"] == 0


def test_the_reserved_number_leaves_the_inventory_at_once(avanser):
    before = search(avanser, szu="sydney")
    ack = submit(avanser, TRANSFER)
    assert ack["service_number"] in before
    assert ack["service_number"] not in search(avanser, szu="sydney")


def test_each_search_type_allocates_a_matching_number(avanser):
    wanted = sorted(search(avanser, country="AU", number_type="TOLLFREE"))[3]
    cases = [({"search_type": "number", "number": wanted}, lambda n: n == wanted),
             ({"search_type": "prefix", "number": "61290081596"},
              lambda n: n.startswith("612")),
             ({"search_type": "number_type", "number_type": "freecall"},
              lambda n: n.startswith("611800")),
             ({"search_type": "szu", "szu": "melbourne"}, lambda n: n.startswith("613")),
             ({"search_type": "location", "location": "LEVEL 2 150-152 Elizabeth St, 2000 "
                                                      "NSW Australia", "radius": 20},
              lambda n: n.startswith("612")),
             ({"search_type": "location", "lat": -33.865143, "lng": 151.2099, "radius": 20},
              lambda n: n.startswith("612")),
             ({"search_type": "coordinates", "lat": -27.47, "long": 153.02, "radius": 10},
              lambda n: n.startswith("617"))]
    for rules, matches in cases:
        body = example(TRANSFER, service_number={"country": "AU", **rules})
        number = submit(avanser, body)["service_number"]
        assert matches(number), (rules, number)


def test_bodies_are_as_received_answered_and_sent(avanser):
    reply = avanser.post("/requests", json=VOICEMAIL)
    ack = ok(reply)
    request_id = ack["request_id"]
    received = avanser.get(f"/requests/{request_id}/request_body")
    assert received.status_code == 200 and json.loads(received.text) == VOICEMAIL
    answered = avanser.get(f"/requests/{request_id}/acknowledgment_body")
    assert answered.status_code == 200 and answered.json() == reply.json()
    await_request(avanser, request_id)
    assert_error_detail(avanser.get(f"/requests/{request_id}/callback_body"), {"request_id"})
    assert_error_detail(avanser.get(f"/requests/{'0' * 32}/request_body"), {"request_id"})


def test_nothing_matching_the_rules_fails_the_request(avanser):
    number = "61742001234"                     # a valid AU number no inventory block is near
    assert search(avanser, country="AU", number=number) == {}
    body = example(TRANSFER, service_number={"country": "AU", "search_type": "number",
                                             "number": number})
    ack = submit(avanser, body)
    done = await_request(avanser, ack["request_id"])
    assert done["request_status"] == "failed"
    assert done["message"] == "Selected service number is not available"
    assert all(s["service_number"] != ack["service_number"] for s in services(avanser))


def _without(body: dict, *path: str) -> dict:
    body = json.loads(json.dumps(body))
    target = body
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return body


INVALID = [
    (example(TRANSFER, custom_id="x" * 51), {"custom_id"}),
    (_without(TRANSFER, "name"), {"name"}),
    (_without(TRANSFER, "service_number"), {"service_number"}),
    (_without(TRANSFER, "service", "answer_point"), {"answer_point"}),
    (_without(TRANSFER, "service", "record_call"), {"record_call"}),
    (example(TRANSFER, service={**TRANSFER["service"], "answer_point": "12"}),
     {"answer_point"}),
    (example(TRANSFER, service={**TRANSFER["service"], "type": "fax"}), {"type"}),
    (example(TRANSFER, service_number={"country": "AU", "search_type": "szu"}),
     {"szu"}),
    (example(TRANSFER, service_number={"country": "AU", "search_type": "szu", "szu": "nowhere"}),
     {"szu"}),
    (example(TRANSFER, service_number={"country": "AU", "search_type": "location",
                                       "location": "Sydney"}), {"radius"}),
    (example(TRANSFER, service_number={"country": "AU", "search_type": "coordinates",
                                       "radius": 5}),
     {"lat", "lng"}),
    (example(TRANSFER, service_number={"country": "AU", "search_type": "number_type",
                                       "number_type": "premium"}),
     {"number_type"}),
    (example(TRANSFER, service_number={"country": "NZ", "search_type": "szu", "szu": "sydney"}),
     {"country"}),
    (example(TRANSFER, service_number={"country": "AU", "search_type": "anything"}),
     {"search_type"}),
    (example(VOICEMAIL, service={"type": "voicemail", "call_reporting": {
        "report": "missed", "email": {"email_to": ["a@b.com"]}}}),
     {"subject"}),
    (example(VOICEMAIL, service={"type": "voicemail", "call_reporting": {
        "report": "missed", "email": {"subject": "s"}}}),
     {"email_to"}),
    (example(VOICEMAIL, service={"type": "voicemail", "call_reporting": {
        "report": "missed", "sms": {"template": "text_sms_template"}}}),
     {"mobile"}),
    (example(VOICEMAIL, service={"type": "voicemail", "call_reporting": {
        "report": "sometimes"}}), {"report"}),
    (example(VOICEMAIL, service={"type": "voicemail", "call_reporting": {
        "report": "missed", "sms": {"mobile": "61420123123", "template": "never_saved"}}}),
     {"template"}),
    (example(PROMPT, call_reporting={"report": "missed", "email": {
        "subject": "s", "email_to": ["a@b.com"], "template": "text_sms_template"}}),
     {"template"}),
    (example(TRANSFER, call_uri="not a url", sms_forward_uri="ftp://x", callback_uri="//x"),
     {"call_uri", "sms_forward_uri", "callback_uri"}),
]


@pytest.mark.parametrize("body,fields", INVALID)
def test_an_invalid_request_is_400_and_reserves_nothing(avanser, body, fields):
    stock = search(avanser, szu="sydney")
    assert_error_detail(avanser.post("/requests", json=body), fields)
    assert all_requests(avanser) == []
    assert search(avanser, szu="sydney") == stock


@pytest.mark.parametrize("data,headers,fields", [
    ("{not json", {"Content-Type": "application/json"}, {"body"}),
    ("[1, 2]", {"Content-Type": "application/json"}, {"body"}),
    (json.dumps(TRANSFER), {"Content-Type": "text/plain"}, {"Content-Type"}),
])
def test_a_body_that_is_not_a_json_object_is_400(avanser, data, headers, fields):
    assert_error_detail(avanser.post("/requests", data=data, headers=headers), fields)
    assert all_requests(avanser) == []


def test_an_ambiguous_location_is_400_naming_it(avanser):
    body = example(TRANSFER, service_number={"country": "AU", "search_type": "location",
                                             "location": "Richmond", "radius": 5})
    reply = assert_error_detail(avanser.post("/requests", json=body), {"location"})
    assert "Richmond" in reply["errors"]["location"]


def test_requests_come_in_batches_of_100_with_next(avanser):
    ids = [submit(avanser, TRANSFER)["request_id"] for _ in range(101)]
    first = avanser.get("/requests").json()
    assert first["@next"] == "/requests/2" and len(first["response"]) == 100
    assert HEX32.fullmatch(first["@transaction"]["id"])
    second = avanser.get("/requests/2").json()
    assert "@next" not in second and len(second["response"]) == 1
    assert [r["id"] for r in first["response"] + second["response"]] == ids
    again = avanser.get("/requests/1").json()
    assert [r["id"] for r in again["response"]] == ids[:100] and again["@next"] == "/requests/2"
    assert ok(avanser.get("/requests/3")) == []
    assert_error_detail(avanser.get("/requests/0"), {"page"})
    assert_error_detail(avanser.get("/requests/two"), {"page"})
