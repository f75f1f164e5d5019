"""The webhook machinery (core/webhooks.py): real HTTP to a local server, a background
worker, retries on the mock clock, every attempt recorded, failures never crashes."""
from __future__ import annotations

import json
import socket
import threading

import pytest
from werkzeug import Response

from mockserver import create_app
from mockserver.app import services_of
from mockserver.core.clock import MockClock
from mockserver.core.scheduler import Scheduler
from mockserver.core.webhooks import WebhookDispatcher

pytestmark = pytest.mark.mock_only


@pytest.fixture
def frozen():
    clock = MockClock()
    clock.freeze("2030-01-01T00:00:00Z")
    return clock


@pytest.fixture
def dispatcher(frozen):
    scheduler = Scheduler(frozen)
    hooks = WebhookDispatcher(frozen, scheduler, timeout=2.0)
    scheduler.settle = lambda: hooks.wait_idle(5)
    return hooks


@pytest.fixture
def told(dispatcher):
    calls = []
    dispatcher.register("p", "cb", lambda tenant, context, attempt, final: calls.append(
        (tenant, context, attempt["attempt"], attempt["status"], final)))
    return calls


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_delivery_is_real_http_and_recorded(httpserver, dispatcher, told):
    httpserver.expect_request("/hook", method="POST", json={"status": "completed"}).respond_with_data("ok")
    dispatcher.send("p", "t1", method="POST", url=httpserver.url_for("/hook"),
                    headers={"X-Test": "1"}, json_body={"status": "completed"}, kind="cb",
                    context={"request_id": "r1"})
    assert dispatcher.wait_idle(5)
    httpserver.check_assertions()
    [attempt] = dispatcher.attempts()
    assert attempt["status"] == 200 and attempt["ok"] and attempt["final"]
    assert attempt["error"] is None and attempt["response"] == "ok"
    assert json.loads(attempt["body"]) == {"status": "completed"}
    assert attempt["headers"]["X-Test"] == "1" and attempt["time"] == "2030-01-01T00:00:00.000Z"
    assert told == [("t1", {"request_id": "r1"}, 1, 200, True)]


def test_get_deliveries_carry_query_parameters(httpserver, dispatcher):
    httpserver.expect_request("/call", method="GET",
                              query_string={"caller": "61290000000", "status": "answered"}
                              ).respond_with_data("")
    dispatcher.send("p", "t", method="GET", url=httpserver.url_for("/call"),
                    params={"caller": "61290000000", "status": "answered"})
    dispatcher.wait_idle(5)
    httpserver.check_assertions()
    assert dispatcher.attempts()[0]["params"] == {"caller": "61290000000", "status": "answered"}


def test_a_failure_is_retried_on_the_mock_clock(httpserver, dispatcher, told, frozen):
    httpserver.expect_ordered_request("/hook").respond_with_data("no", status=503)
    httpserver.expect_ordered_request("/hook").respond_with_data("yes", status=200)
    dispatcher.send("p", "t", method="POST", url=httpserver.url_for("/hook"), json_body={},
                    kind="cb", retry_delays=[60])
    dispatcher.wait_idle(5)
    assert [(a, s, f) for _, _, a, s, f in told] == [(1, 503, False)]
    dispatcher.scheduler.advance(59)
    assert len(told) == 1
    dispatcher.scheduler.advance(1)
    assert [(a, s, f) for _, _, a, s, f in told] == [(1, 503, False), (2, 200, True)]
    assert [a["time"] for a in dispatcher.attempts()] == ["2030-01-01T00:00:00.000Z",
                                                          "2030-01-01T00:01:00.000Z"]


def test_a_refused_connection_is_a_recorded_failure(dispatcher, told):
    url = f"http://127.0.0.1:{closed_port()}/hook"
    dispatcher.send("p", "t", method="POST", url=url, json_body={}, kind="cb",
                    retry_delays=[10])
    dispatcher.wait_idle(5)
    dispatcher.scheduler.advance(10)
    attempts = dispatcher.attempts()
    assert [(a["attempt"], a["status"], a["final"]) for a in attempts] == [(1, None, False),
                                                                          (2, None, True)]
    assert all("ConnectionError" in a["error"] for a in attempts)
    assert [f for *_, f in told] == [False, True]


def test_a_slow_target_times_out_as_a_failure(httpserver, frozen):
    hooks = WebhookDispatcher(frozen, Scheduler(frozen), timeout=0.2)
    release = threading.Event()

    def slow(request):
        release.wait(5)
        return Response("late")
    httpserver.expect_request("/slow").respond_with_handler(slow)
    hooks.send("p", "t", method="POST", url=httpserver.url_for("/slow"), json_body={})
    assert hooks.wait_idle(5)
    release.set()
    [attempt] = hooks.attempts()
    assert attempt["status"] is None and "Timeout" in attempt["error"]


def test_sending_never_waits_for_the_target(httpserver, dispatcher):
    release, arrived = threading.Event(), threading.Event()

    def held(request):
        arrived.set()
        release.wait(5)
        return Response("ok")
    httpserver.expect_request("/held").respond_with_handler(held)
    dispatcher.send("p", "t", method="POST", url=httpserver.url_for("/held"), json_body={})
    assert dispatcher.attempts() == []          # send() returned; nothing answered yet
    assert arrived.wait(5)
    release.set()
    assert dispatcher.wait_idle(5) and dispatcher.attempts()[0]["status"] == 200


def test_a_full_queue_is_a_recorded_failure(httpserver, frozen):
    hooks = WebhookDispatcher(frozen, Scheduler(frozen), queue_size=1)
    release, arrived = threading.Event(), threading.Event()

    def held(request):
        arrived.set()
        release.wait(5)
        return Response("ok")
    httpserver.expect_request("/held").respond_with_handler(held)
    hooks.send("p", "t", method="POST", url=httpserver.url_for("/held"), json_body={})
    assert arrived.wait(5)                       # the worker is busy with the first
    hooks.send("p", "t", method="POST", url=httpserver.url_for("/held"), json_body={})
    hooks.send("p", "t", method="POST", url=httpserver.url_for("/held"), json_body={})
    release.set()
    assert hooks.wait_idle(5)
    errors = [a["error"] for a in hooks.attempts()]
    assert errors.count("not sent: the delivery queue is full") == 1


def test_control_api_lists_clears_and_reset_forgets(httpserver):
    app = create_app()
    client = app.test_client()
    httpserver.expect_request("/hook").respond_with_data("ok")
    services_of(app).webhooks.send("avoxi", "t", method="POST",
                                   url=httpserver.url_for("/hook"), json_body={"a": 1})
    listed = client.get("/_mock/webhooks?wait=1").json["webhooks"]
    assert [(w["provider"], w["status"]) for w in listed] == [("avoxi", 200)]
    assert client.get("/_mock/webhooks?provider=dial9").json == {"webhooks": []}
    assert client.delete("/_mock/webhooks").json == {"deleted": 1}
    services_of(app).webhooks.send("avoxi", "t", method="POST",
                                   url=httpserver.url_for("/hook"), json_body={})
    client.get("/_mock/webhooks?wait=1")
    client.post("/_mock/reset")
    assert client.get("/_mock/webhooks").json == {"webhooks": []}
    assert client.get("/_mock/webhooks?wait=1&timeout=soon").status_code == 400


def test_a_pending_retry_is_part_of_the_snapshot():
    app = create_app()
    client = app.test_client()
    client.post("/_mock/clock", json={"freeze": "2030-01-01T00:00:00Z"})
    hooks = services_of(app).webhooks
    hooks.register("avoxi", "cb", lambda *a: None)
    hooks.send("avoxi", "t", method="POST", url=f"http://127.0.0.1:{closed_port()}/x",
               json_body={}, kind="cb", retry_delays=[30])
    hooks.wait_idle(5)
    scheduled = client.get("/_mock/state").json["scheduled"]
    assert [(e["provider"], e["kind"], e["payload"]["attempt"]) for e in scheduled] == [
        ("avoxi", "webhook-retry", 2)]
    assert scheduled[0]["due"].startswith("2030-01-01T00:00:30")
