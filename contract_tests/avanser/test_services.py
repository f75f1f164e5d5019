"""Manage Services (seed 002): list active services sorted by name, request an update (the
seed's two partial examples) or a decommission; both asynchronous like a creation. And a
template used by a service cannot be deleted."""
from __future__ import annotations

import pytest

from .helpers import assert_error_detail, assert_error_response, ok
from .lifecycle import (SERVICE_FIELDS, TRANSFER, VOICEMAIL, all_requests, await_request,
                        create_service, example, services, submit)

pytestmark = pytest.mark.orders


def service(avanser, number: str) -> dict | None:
    return next((s for s in services(avanser) if s["service_number"] == number), None)


def update(avanser, number: str, body: dict) -> dict:
    response = ok(avanser.post(f"/services/{number}", json=body), "POST",
                  f"/services/{number}")
    assert list(response) == ["request_id", "message", "code"]
    return response


def test_services_are_listed_sorted_by_name_as_service_details(avanser):
    acks = [submit(avanser, example(TRANSFER, name=name))
            for name in ("Zeta line", "Alpha line", "Mid line")]
    assert all(await_request(avanser, a["request_id"])["request_status"] == "completed"
               for a in acks)
    reply = avanser.get("/services")
    listed = ok(reply, "GET", "/services")
    assert "@next" not in reply.json()
    assert [s["name"] for s in listed] == ["Alpha line", "Mid line", "Zeta line"]
    for detail in listed:
        assert set(detail) == SERVICE_FIELDS
        assert detail["service"]["answer_point"] == "61420123123"
        assert detail["service"]["record_call"] is False
        assert detail["call_uri"] == TRANSFER["call_uri"]
    assert ok(avanser.get("/services/2")) == []
    assert_error_detail(avanser.get("/services/0"), {"page"})


def test_update_answer_point_name_is_applied_on_completion(avanser):
    number = create_service(avanser, TRANSFER)
    before = service(avanser, number)
    ack = update(avanser, number, {"service": {"answer_point_name": "Sidney Office New"}})
    entry = await_request(avanser, ack["request_id"])
    assert entry["request_type"] == "update" and entry["request_status"] == "completed"
    assert entry["service_number"] == number
    after = service(avanser, number)
    assert after["service"]["answer_point_name"] == "Sidney Office New"
    assert {k: v for k, v in after["service"].items() if k != "answer_point_name"} == \
        {k: v for k, v in before["service"].items() if k != "answer_point_name"}


def test_update_can_disable_call_reporting(avanser):
    number = create_service(avanser, VOICEMAIL)
    ack = update(avanser, number, {"call_reporting": {"report": "none"}})
    assert await_request(avanser, ack["request_id"])["request_status"] == "completed"
    assert service(avanser, number)["service"]["call_reporting"]["report"] == "none"


INVALID_UPDATES = [
    ({"service": {"answer_point": "123"}}, {"answer_point"}),
    ({"service": {"type": "transfer"}}, {"answer_point", "record_call"}),
    ({"call_reporting": {"sms": {"mobile": ""}}}, {"mobile"}),
    ({"call_reporting": {"email": {"subject": "s", "email_to": ["a@b.com"],
                                   "template": "never_saved"}}},
     {"template"}),
    ({"call_uri": "nope"}, {"call_uri"}),
    ({"custom_id": "x" * 51}, {"custom_id"}),
    ({"service_number": "61290000000"}, {"service_number"}),
]


def test_an_invalid_update_is_400_and_changes_nothing(avanser):
    number = create_service(avanser, VOICEMAIL)
    before, requests = service(avanser, number), all_requests(avanser)
    for body, fields in INVALID_UPDATES:
        assert_error_detail(avanser.post(f"/services/{number}", json=body), fields)
        assert service(avanser, number) == before
        assert all_requests(avanser) == requests


def test_decommission_removes_the_service_and_returns_its_number(avanser):
    number = create_service(avanser, TRANSFER)
    assert number not in ok(avanser.get("/numbers", params={"country": "AU",
                                                             "number": number}))
    reply = avanser.delete(f"/services/{number}")
    ack = ok(reply, "DELETE", f"/services/{number}")
    assert list(ack) == ["request_id", "message", "code"]
    entry = await_request(avanser, ack["request_id"])
    assert entry["request_type"] == "delete" and entry["request_status"] == "completed"
    assert service(avanser, number) is None
    assert number in ok(avanser.get("/numbers", params={"country": "AU", "number": number}))


@pytest.mark.parametrize("method", ["POST", "DELETE"])
def test_an_unknown_service_number_is_400(avanser, method):
    reply = avanser.request(method, "/services/61290081596",
                            json={"name": "x"} if method == "POST" else None)
    assert_error_detail(reply, {"service_number"})
    assert all_requests(avanser) == []


def test_a_template_used_by_a_created_service_is_in_use(avanser):
    assert ok(avanser.post("/templates", params={"type": "sms", "name": "used_by_service",
                                                 "country": "AU"},
                           data="call from __ani__", headers={"Content-Type": "text/html"}))
    body = example(VOICEMAIL, service={"type": "voicemail", "call_reporting": {
        "report": "all-calls", "sms": {"mobile": "61420123123",
                                       "template": "used_by_service"}}})
    number = create_service(avanser, body)
    reply = avanser.delete("/templates", params={"name": "used_by_service", "country": "AU"})
    assert_error_detail(reply, {"name"}, message="Template is in use")
    assert number in reply.json()["errors"]["name"]
    ack = ok(avanser.delete(f"/services/{number}"))
    await_request(avanser, ack["request_id"])
    assert ok(avanser.delete("/templates", params={"name": "used_by_service",
                                                   "country": "AU"}))


def test_an_unknown_path_under_services_is_the_error_response(avanser):
    assert_error_response(avanser.put("/services/61290081596", json={}), 405,
                          "Method Not Allowed")
