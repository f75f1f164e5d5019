"""AVANSER request life cycle on a frozen mock clock (only the mock can show it): pending
until the provisioning delay has passed, the Callback Body POSTed to a local server,
``@callback`` success / retry / failed, failures releasing their reservation, updates and
decommissions applied on completion, services in batches, state round trips."""
from __future__ import annotations

import base64
import copy
import json
import socket

import pytest

from mockserver import create_app

pytestmark = pytest.mark.mock_only
API = "/avanser/v1"
START = "2030-01-15T00:00:00Z"                # 11:00 in Sydney (daylight time)
H = {"Authorization": "Basic " + base64.b64encode(b"life:x").decode()}
BODY = {"name": "Lifecycle", "custom_id": "life-1",
        "service_number": {"country": "AU", "search_type": "szu", "szu": "hobart"},
        "service": {"type": "transfer", "answer_point": "61420123123", "record_call": True}}


@pytest.fixture
def client():
    app = create_app()
    test_client = app.test_client()
    test_client.post("/_mock/clock", json={"freeze": START})
    yield test_client
    test_client.post("/_mock/reset")


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def advance(client, seconds: float) -> None:
    assert client.post("/_mock/clock", json={"advance": seconds}).status_code == 200


def submit(client, body=BODY, **changes) -> dict:
    reply = client.post(f"{API}/requests", json={**copy.deepcopy(body), **changes}, headers=H)
    assert reply.status_code == 200, reply.json
    return reply.json["response"]


def entry(client, request_id: str) -> dict:
    listed = client.get(f"{API}/requests", headers=H).json["response"]
    return next(r for r in listed if r["id"] == request_id)


def services(client) -> dict[str, dict]:
    return {s["service_number"]: s
            for s in client.get(f"{API}/services", headers=H).json["response"]}


def stock(client) -> dict:
    return client.get(f"{API}/numbers?szu=hobart", headers=H).json["response"]


def test_pending_until_the_provisioning_delay_has_passed(client):
    ack = submit(client)
    advance(client, 1.9)
    assert entry(client, ack["request_id"])["request_status"] == "pending"
    assert services(client) == {}
    advance(client, 0.1)
    done = entry(client, ack["request_id"])
    assert done["request_status"] == "completed" and done["callback_date"] is None
    assert done["@callback"] == {"last_update": None, "status": "pending", "http_reply": 0}
    assert ack["service_number"] in services(client)


def test_the_delays_follow_the_config(httpserver):
    client = create_app({"AVANSER_PROVISIONING_DELAY": 30,
                         "AVANSER_CALLBACK_RETRY_DELAY": 120}).test_client()
    client.post("/_mock/clock", json={"freeze": START})
    httpserver.expect_request("/late").respond_with_data("no", status=503)
    ack = submit(client, callback_uri=httpserver.url_for("/late"))
    advance(client, 29)
    assert entry(client, ack["request_id"])["request_status"] == "pending"
    advance(client, 1)
    assert entry(client, ack["request_id"])["@callback"]["status"] == "retry"
    advance(client, 119)
    assert entry(client, ack["request_id"])["@callback"]["status"] == "retry"
    advance(client, 1)
    assert entry(client, ack["request_id"])["@callback"]["status"] == "failed"


def test_the_callback_body_is_posted_and_recorded(client, httpserver):
    httpserver.expect_request("/cb", method="POST").respond_with_data("ok")
    ack = submit(client, callback_uri=httpserver.url_for("/cb"))
    assert entry(client, ack["request_id"])["callback_url"] == httpserver.url_for("/cb")
    advance(client, 2)
    [(sent, _)] = httpserver.log
    assert sent.headers["Content-Type"] == "application/json"
    assert sent.get_json() == {"account_id": 6999, "request_id": ack["request_id"],
                               "custom_id": "life-1", "status": "completed",
                               "message": "Request completed successfully",
                               "service_number": ack["service_number"],
                               "answer_point": "61420123123"}
    done = entry(client, ack["request_id"])
    assert done["request_status"] == "completed"
    assert done["callback_date"] == "2030-01-15T11:00:02+11:00"
    assert done["@callback"] == {"last_update": "2030-01-15T11:00:02+11:00",
                                 "status": "success", "http_reply": 200}
    kept = client.get(f"{API}/requests/{ack['request_id']}/callback_body", headers=H)
    assert kept.json == sent.get_json()
    assert done["@links"]["callback_body"] == f"/requests/{ack['request_id']}/callback_body"


def test_a_failing_target_gives_retry_then_failed(client, httpserver):
    httpserver.expect_request("/cb").respond_with_data("down", status=500)
    ack = submit(client, callback_uri=httpserver.url_for("/cb"))
    advance(client, 2)
    first = entry(client, ack["request_id"])
    assert first["request_status"] == "pending_confirmation"
    assert first["message"] == "Request is completed, waiting to send confirmation"
    assert first["@callback"] == {"last_update": "2030-01-15T11:00:02+11:00",
                                  "status": "retry", "http_reply": 500}
    advance(client, 10)
    second = entry(client, ack["request_id"])
    assert second["@callback"] == {"last_update": "2030-01-15T11:00:12+11:00",
                                   "status": "failed", "http_reply": 500}
    assert second["request_status"] == "completed"
    assert second["callback_date"] == "2030-01-15T11:00:02+11:00"
    assert len(httpserver.log) == 2
    advance(client, 60)
    assert len(httpserver.log) == 2                         # one retry, no more


def test_a_retry_that_succeeds_is_success(client, httpserver):
    httpserver.expect_ordered_request("/cb").respond_with_data("no", status=502)
    httpserver.expect_ordered_request("/cb").respond_with_data("yes")
    ack = submit(client, callback_uri=httpserver.url_for("/cb"))
    advance(client, 12)
    assert entry(client, ack["request_id"])["@callback"]["status"] == "success"


def test_an_unreachable_target_is_http_reply_0(client):
    ack = submit(client, callback_uri=f"http://127.0.0.1:{closed_port()}/cb")
    advance(client, 12)
    done = entry(client, ack["request_id"])
    assert done["@callback"]["status"] == "failed" and done["@callback"]["http_reply"] == 0


def test_a_failed_request_calls_back_with_the_reason(client, httpserver):
    httpserver.expect_request("/cb").respond_with_data("ok")
    rules = {"country": "AU", "search_type": "number", "number": "61742001234"}
    ack = submit(client, service_number=rules, callback_uri=httpserver.url_for("/cb"))
    assert ack["service_number"] == "61742001234"
    advance(client, 2)
    sent = httpserver.log[0][0].get_json()
    assert sent["status"] == "failed"
    assert sent["message"] == "Selected service number is not available"
    done = entry(client, ack["request_id"])
    assert done["request_status"] == "failed" and done["@callback"]["status"] == "success"
    assert services(client) == {}


def test_a_template_deleted_before_completion_fails_it_and_releases_the_number(client):
    client.post(f"{API}/templates?name=brief&country=AU&type=sms", data="__ani__",
                content_type="text/html", headers=H)
    before = stock(client)
    service = {**BODY["service"], "call_reporting": {
        "report": "all-calls", "sms": {"mobile": "61420123123", "template": "brief"}}}
    ack = submit(client, service=service)
    assert ack["service_number"] not in stock(client)
    assert client.delete(f"{API}/templates?name=brief&country=AU", headers=H).status_code == 200
    advance(client, 2)
    done = entry(client, ack["request_id"])
    assert done["request_status"] == "failed" and "template" in done["message"]
    assert stock(client) == before and services(client) == {}


def test_an_update_is_applied_only_on_completion(client):
    number = submit(client)["service_number"]
    advance(client, 2)
    reply = client.post(f"{API}/services/{number}", headers=H, json={
        "name": "Renamed", "service": {"answer_point": "61290081596"}, "call_uri": None})
    assert reply.status_code == 200
    assert services(client)[number]["name"] == "Lifecycle"
    advance(client, 2)
    after = services(client)[number]
    assert after["name"] == "Renamed" and after["service"]["answer_point"] == "61290081596"
    assert after["service"]["record_call"] is True and after["call_uri"] is None
    update = entry(client, reply.json["response"]["request_id"])
    assert update["answer_point"] == "61290081596" and update["custom_id"] == "life-1"


def test_an_update_of_a_service_decommissioned_meanwhile_fails(client, httpserver):
    httpserver.expect_request("/cb").respond_with_data("ok")
    number = submit(client, callback_uri=httpserver.url_for("/cb"))["service_number"]
    advance(client, 2)
    delete = client.delete(f"{API}/services/{number}", headers=H).json["response"]
    update = client.post(f"{API}/services/{number}", json={"name": "Too late"},
                         headers=H).json["response"]
    assert number in services(client)
    advance(client, 2)
    assert entry(client, delete["request_id"])["request_status"] == "completed"
    late = entry(client, update["request_id"])
    assert late["request_status"] == "failed"
    assert late["message"] == "Selected service is not active"
    callbacks = [r.get_json() for r, _ in httpserver.log]
    assert [c["status"] for c in callbacks] == ["completed", "completed", "failed"]
    assert all(c["custom_id"] == "life-1" for c in callbacks)
    assert number in stock(client) and services(client) == {}


def test_services_come_in_batches_of_100_sorted_by_name(client):
    names = [f"svc {i:03d}" for i in range(101)]
    for name in reversed(names):
        submit(client, name=name, service_number={"country": "AU", "search_type":
                                                  "number_type", "number_type": "mobile"})
    advance(client, 2)
    first = client.get(f"{API}/services", headers=H).json
    assert first["@next"] == "/services/2"
    second = client.get(f"{API}/services/2", headers=H).json
    assert "@next" not in second
    assert [s["name"] for s in first["response"] + second["response"]] == names


def test_pending_requests_survive_a_state_round_trip(client, httpserver):
    httpserver.expect_request("/cb").respond_with_data("ok")
    ack = submit(client, callback_uri=httpserver.url_for("/cb"))
    exported = client.get("/_mock/state").json
    assert client.put("/_mock/state", json=exported).status_code == 200
    assert client.get("/_mock/state").json["providers"] == exported["providers"]
    advance(client, 2)
    assert entry(client, ack["request_id"])["@callback"]["status"] == "success"


def test_a_reset_tenant_forgets_its_requests(client):
    submit(client)
    client.post("/_mock/reset", json={"provider": "avanser", "tenant": "life"})
    advance(client, 2)
    assert client.get(f"{API}/requests", headers=H).json["response"] == []
    assert services(client) == {}


def test_request_ids_are_stable_for_the_same_seed():
    def ids() -> list[str]:
        c = create_app().test_client()
        c.post("/_mock/clock", json={"freeze": START})
        return [submit(c)["request_id"] for _ in range(3)]
    assert ids() == ids()
    assert len(set(ids())) == 3


def test_request_body_is_the_text_received(client):
    text = json.dumps(BODY, indent=3)
    reply = client.post(f"{API}/requests", data=text, content_type="application/json",
                        headers=H)
    kept = client.get(f"{API}/requests/{reply.json['response']['request_id']}/request_body",
                      headers=H)
    assert kept.get_data(as_text=True) == text
    assert kept.headers["Content-Type"].startswith("application/json")
