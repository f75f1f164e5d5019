"""Fault injection (issue 12): ``/_mock/faults`` rules and the ``X-Mock-Fault`` header make
any provider's endpoint fail in that provider's own envelope, slow down, or drop the
connection; a faulted request changes no state and the journal names the fault."""
from __future__ import annotations

import base64

import pytest
import requests

from mockserver.core import wsgi
from mockserver.core.faults import DroppedConnection

pytestmark = pytest.mark.mock_only


def basic(user: str, password: str = "secret") -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


AVAYA_SID = "AC" + "0" * 31 + "9"
#: per provider: credentials, a cheap documented read, and how its envelope looks
PROVIDERS = {
    "avoxi": ({"Authorization": "Bearer faults"}, "GET", "/avoxi/api/v2/countries"),
    "avaya": ({"Authorization": basic(AVAYA_SID)}, "GET",
              f"/avaya/v2/Accounts/{AVAYA_SID}.json"),
    "dial9": ({"X-Auth-Token": "faults-unit"}, "POST", "/dial9/api/v2/numbers/list"),
    "evovoice": ({"Authorization": basic("faults@example.com")}, "POST",
                 "/evovoice/endpoints/phone-numbers"),
    "avanser": ({"Authorization": basic("faults")}, "GET", "/avanser/v1/accounts/details"),
}
AVOXI = PROVIDERS["avoxi"][0]
ORDER = {"items": [{"country": "US", "number_type": "DID", "region": "US GA Atlanta 470",
                    "quantity": 1}]}


def send(client, slug: str, **kwargs):
    headers, method, path = PROVIDERS[slug]
    return client.open(path, method=method, headers={**headers, **kwargs.pop("headers", {})},
                       **kwargs)


def add(client, rule, status=201):
    reply = client.post("/_mock/faults", json=rule)
    assert reply.status_code == status, reply.json
    return reply.json


def owned(client) -> list[str]:
    return [n["number"] for n in client.get("/avoxi/api/v2/numbers", headers=AVOXI).json["data"]]


def assert_envelope(slug: str, reply, status: int, message: str | None = None,
                    code=None) -> None:
    """The reply is ``status`` in the provider's own documented error envelope."""
    assert reply.status_code == status
    if slug == "avaya":
        body = reply.json
        assert set(body) == {"status", "message", "code", "more_info"} and body["status"] == status
        assert body["code"] == (code if code is not None else (12400 if status >= 500 else 10022))
        assert body["more_info"].endswith(str(body["code"]))
        if message:
            assert body["message"] == message
    elif slug == "avoxi":
        body = reply.json
        assert set(body) == {"message", "error"} and body["error"]["message"] == body["message"]
        if message:
            assert body["message"] == message
    elif slug == "dial9":
        body = reply.json
        assert body["status"] == (code or ("internal-server-error" if status >= 500
                                           else "invalid-request"))
    elif slug == "evovoice":
        status_body = reply.json["responseStatus"]
        assert set(status_body) >= {"errorCode", "message", "errors"}
        if message:
            assert status_body["message"] == message
        if code:
            assert status_body["errorCode"] == str(code)
    elif slug == "avanser":
        body = reply.json
        assert list(body)[0] == "@transaction"
        assert body["error"]["code"] == status
        if message:
            assert body["error"]["message"] == message


@pytest.mark.parametrize("slug", list(PROVIDERS))
@pytest.mark.parametrize("status", [429, 503])
def test_a_status_fault_answers_in_each_providers_envelope(mock_client, slug, status):
    rule = add(mock_client, {"provider": slug, "status": status})
    assert_envelope(slug, send(mock_client, slug), status)
    assert mock_client.get("/_mock/faults").json["faults"][0]["fired"] == 1
    entry = mock_client.get("/_mock/requests").json["requests"][-1]
    assert entry["fault"] == rule["id"] and entry["response"]["status"] == status


@pytest.mark.parametrize("slug", list(PROVIDERS))
def test_code_message_and_headers_override_the_defaults(mock_client, slug):
    code = 21225 if slug == "avaya" else "access-denied" if slug == "dial9" else "Throttled"
    add(mock_client, {"provider": slug, "status": 429, "code": code,
                      "message": "Slow down please", "headers": {"Retry-After": "7"}})
    reply = send(mock_client, slug)
    assert reply.headers["Retry-After"] == "7"
    assert_envelope(slug, reply, 429, None if slug == "dial9" else "Slow down please",
                    code=code if slug in ("avaya", "dial9", "evovoice") else None)


def test_an_avaya_fault_answers_in_the_paths_format(mock_client):
    headers, _, path = PROVIDERS["avaya"]
    add(mock_client, {"provider": "avaya", "status": 503})
    xml = mock_client.get(path[:-len(".json")], headers=headers)
    assert xml.status_code == 503 and xml.mimetype in ("application/xml", "text/xml")
    assert b"<RestException>" in xml.data and b"<Code>12400</Code>" in xml.data


def test_a_faulted_request_changes_no_state(mock_client):
    before = owned(mock_client)
    rule = add(mock_client, {"provider": "avoxi", "method": "post", "path": "/api/v2/order",
                             "status": 500})
    assert mock_client.post("/avoxi/api/v2/order", json=ORDER, headers=AVOXI).status_code == 500
    assert owned(mock_client) == before
    assert mock_client.get("/_mock/requests?fault=" + rule["id"]).json["requests"][0][
        "method"] == "POST"
    mock_client.delete(f"/_mock/faults/{rule['id']}")
    assert mock_client.post("/avoxi/api/v2/order", json=ORDER, headers=AVOXI).status_code == 200
    assert len(owned(mock_client)) == len(before) + 1


@pytest.mark.parametrize("path", ["/api/v2/countries", "/avoxi/api/v2/countries",
                                  "/avoxi/api/v2/count*", "*/countries"])
def test_path_globs_match_with_or_without_the_mount(mock_client, path):
    add(mock_client, {"path": path, "status": 502})
    assert mock_client.get("/avoxi/api/v2/countries", headers=AVOXI).status_code == 502
    assert mock_client.get("/avoxi/api/v2/numbers", headers=AVOXI).status_code == 200


def test_path_globs_match_the_path_a_client_sent_to_a_real_hostname(mock_client):
    headers, _, path = PROVIDERS["avaya"]
    add(mock_client, {"path": "/v2/Accounts/*.json", "status": 503})
    reply = mock_client.get(path.removeprefix("/avaya"),
                            headers={**headers, "Host": "api.zang.io"})
    assert reply.status_code == 503 and reply.json["code"] == 12400


def test_method_and_provider_narrow_a_rule(mock_client):
    add(mock_client, {"provider": "avoxi", "method": "POST", "status": 500})
    assert mock_client.get("/avoxi/api/v2/countries", headers=AVOXI).status_code == 200
    assert send(mock_client, "avanser").status_code == 200
    assert mock_client.post("/avoxi/api/v2/order", json=ORDER, headers=AVOXI).status_code == 500


def test_times_and_after_count_matching_requests(mock_client):
    add(mock_client, {"provider": "avoxi", "path": "*/countries", "status": 503,
                      "after": 2, "times": 2})
    statuses = [mock_client.get("/avoxi/api/v2/countries", headers=AVOXI).status_code
                for _ in range(6)]
    assert statuses == [200, 200, 503, 503, 200, 200]
    rule = mock_client.get("/_mock/faults").json["faults"][0]
    assert rule["matched"] == 6 and rule["fired"] == 2


def test_probability_is_seeded_and_bounded(mock_app):
    def run(app):
        client = app.test_client()
        add(client, {"provider": "avoxi", "status": 503, "probability": 0.3})
        return [client.get("/avoxi/api/v2/countries", headers=AVOXI).status_code
                for _ in range(100)]
    from mockserver import create_app
    first, again = run(mock_app), run(create_app())
    assert first == again                        # the same seed fires the same requests
    assert 10 < first.count(503) < 50
    never = create_app().test_client()
    add(never, {"status": 503, "probability": 0})
    assert all(never.get("/avoxi/api/v2/countries", headers=AVOXI).status_code == 200
               for _ in range(20))


def test_the_first_rule_that_fires_decides(mock_client):
    first = add(mock_client, {"provider": "avoxi", "status": 503, "times": 1})
    second = add(mock_client, {"provider": "avoxi", "status": 429})
    assert mock_client.get("/avoxi/api/v2/countries", headers=AVOXI).status_code == 503
    assert mock_client.get("/avoxi/api/v2/countries", headers=AVOXI).status_code == 429
    rules = {r["id"]: r for r in mock_client.get("/_mock/faults").json["faults"]}
    assert rules[first["id"]]["fired"] == 1 and rules[second["id"]]["fired"] == 1


def test_latency_holds_the_answer(mock_client, monkeypatch):
    held: list[float] = []
    monkeypatch.setattr(wsgi, "sleep", held.append)
    add(mock_client, {"provider": "avoxi", "latency_ms": 800})
    assert mock_client.post("/avoxi/api/v2/order", json=ORDER, headers=AVOXI).status_code == 200
    assert held == [0.8]                 # held, then served as usual: the order went through
    assert len(owned(mock_client)) == 4


def test_latency_and_status_together(mock_client, monkeypatch):
    held: list[float] = []
    monkeypatch.setattr(wsgi, "sleep", held.append)
    reply = mock_client.get("/avoxi/api/v2/countries",
                            headers={**AVOXI, "X-Mock-Fault": "status=504; latency_ms=250"})
    assert reply.status_code == 504 and held == [0.25]


def test_a_dropped_connection_in_process_raises(mock_client):
    before = owned(mock_client)
    with pytest.raises(DroppedConnection) as raised:
        mock_client.post("/avoxi/api/v2/order", json=ORDER,
                         headers={**AVOXI, "X-Mock-Fault": "fault=connection_reset"})
    assert isinstance(raised.value, ConnectionResetError) and raised.value.reset
    assert owned(mock_client) == before
    entry = mock_client.get("/_mock/requests?fault=header").json["requests"][0]
    assert entry["response"]["status"] is None


@pytest.mark.parametrize("kind", ["connection_reset", "empty_response"])
def test_a_dropped_connection_over_http(mock_server, kind):
    add(mock_server.app.test_client(), {"provider": "avoxi", "path": "*/countries",
                                        "fault": kind})
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{mock_server.url}/avoxi/api/v2/countries", headers=AVOXI, timeout=5)
    # the server is still there, and the next request is served
    reply = requests.get(f"{mock_server.url}/avoxi/api/v2/numbers", headers=AVOXI, timeout=5)
    assert reply.status_code == 200


class HttpReply:
    """A requests answer seen through the attributes assert_envelope reads."""

    def __init__(self, answer: requests.Response) -> None:
        self.status_code, self.headers, self.json = (answer.status_code, answer.headers,
                                                     answer.json())


@pytest.mark.parametrize("slug", list(PROVIDERS))
def test_a_status_fault_over_http(mock_server, slug):
    headers, method, path = PROVIDERS[slug]
    add(mock_server.app.test_client(), {"provider": slug, "status": 503,
                                        "headers": {"Retry-After": "2"}})
    answer = requests.request(method, mock_server.url + path, headers=headers, timeout=5)
    assert answer.headers["Retry-After"] == "2"
    assert_envelope(slug, HttpReply(answer), 503)


@pytest.mark.parametrize("slug", list(PROVIDERS))
def test_a_tenant_rule_over_http(mock_server, slug):
    headers, method, path = PROVIDERS[slug]
    requests.request(method, mock_server.url + path, headers=headers, timeout=5)
    tenant = mock_server.journal.requests(provider=slug)[-1]["tenant"]
    add(mock_server.app.test_client(), {"tenant": tenant, "fault": "connection_reset"})
    with pytest.raises(requests.ConnectionError):
        requests.request(method, mock_server.url + path, headers=headers, timeout=5)


@pytest.mark.parametrize("slug", ["avoxi", "avaya", "dial9", "evovoice", "avanser"])
def test_a_tenant_rule_fires_for_that_tenant_only(mock_client, slug):
    headers, method, path = PROVIDERS[slug]
    add(mock_client, {"status": 503})   # a rule without tenant fires first: remove it
    mock_client.delete("/_mock/faults")
    send(mock_client, slug)
    tenant = mock_client.get(f"/_mock/requests?provider={slug}").json["requests"][-1]["tenant"]
    assert tenant
    add(mock_client, {"tenant": tenant, "status": 503})
    assert send(mock_client, slug).status_code == 503
    other = {"avoxi": {"Authorization": "Bearer someone-else"},
             "avaya": {"Authorization": basic("AC" + "0" * 31 + "8")},
             "dial9": {"X-Auth-Token": "someone-else"},
             "evovoice": {"Authorization": basic("else@example.com")},
             "avanser": {"Authorization": basic("someone-else")}}[slug]
    if slug == "avaya":
        path = path.replace(AVAYA_SID, "AC" + "0" * 31 + "8")
    assert mock_client.open(path, method=method, headers=other).status_code != 503


def test_a_tenant_rule_drops_the_connection_without_changing_state(mock_client):
    before = owned(mock_client)
    add(mock_client, {"tenant": "faults", "fault": "empty_response"})
    with pytest.raises(DroppedConnection):
        mock_client.post("/avoxi/api/v2/order", json=ORDER, headers=AVOXI)
    mock_client.delete("/_mock/faults")
    assert owned(mock_client) == before


def test_a_malformed_fault_header_is_the_providers_400(mock_client):
    reply = mock_client.get("/avoxi/api/v2/countries",
                            headers={**AVOXI, "X-Mock-Fault": "status=abc"})
    assert reply.status_code == 400 and "X-Mock-Fault: status" in reply.json["error"]["details"]
    reply = send(mock_client, "avaya", headers={"X-Mock-Fault": "fault=explode"})
    assert reply.status_code == 400 and reply.json["code"] == 10022


def test_rules_are_listed_removed_and_reset(mock_client):
    one, two = mock_client.post("/_mock/faults", json=[{"status": 500, "provider": "avoxi"},
                                                       {"latency_ms": 5}]).json["faults"]
    assert [r["id"] for r in mock_client.get("/_mock/faults").json["faults"]] == \
        [one["id"], two["id"]]
    assert mock_client.delete(f"/_mock/faults/{one['id']}").json == {"deleted": one["id"]}
    assert mock_client.delete(f"/_mock/faults/{one['id']}").status_code == 404
    mock_client.post("/_mock/reset")
    assert mock_client.get("/_mock/faults").json["faults"] == []
    assert mock_client.get("/avoxi/api/v2/countries", headers=AVOXI).status_code == 200


@pytest.mark.parametrize("rule, field", [
    ({"status": 503, "colour": "red"}, "colour"),
    ({"status": "503"}, "status"),
    ({"status": 302}, "status"),
    ({"status": 503, "provider": "twilio"}, "provider"),
    ({"status": 503, "probability": 1.5}, "probability"),
    ({"status": 503, "probability": -0.1}, "probability"),
    ({"status": 503, "probability": True}, "probability"),
    ({"status": 503, "times": 0}, "times"),
    ({"status": 503, "after": -1}, "after"),
    ({"status": 503, "after": 1.5}, "after"),
    ({"latency_ms": -5}, "latency_ms"),
    ({"fault": "explode"}, "fault"),
    ({"fault": "connection_reset", "status": 503}, "fault"),
    ({"provider": "avoxi"}, "status"),
    ({"code": "X"}, "code"),
    ({"status": 503, "headers": {"Retry-After": 3}}, "headers"),
    ({"status": 503, "path": "api/v2"}, "path"),
    ({"status": 503, "method": 7}, "method"),
])
def test_a_bad_rule_is_a_400_naming_the_field(mock_client, rule, field):
    reply = mock_client.post("/_mock/faults", json=rule)
    assert reply.status_code == 400 and set(reply.json) == {"error"}
    assert reply.json["error"].startswith(field + ":")
    assert mock_client.get("/_mock/faults").json["faults"] == []


def test_a_list_with_one_bad_rule_adds_none(mock_client):
    reply = mock_client.post("/_mock/faults", json=[{"status": 503}, {"status": 503, "x": 1}])
    assert reply.status_code == 400 and reply.json["error"].startswith("[1].x:")
    assert mock_client.get("/_mock/faults").json["faults"] == []
    assert mock_client.post("/_mock/faults", json="503").status_code == 400
    assert mock_client.post("/_mock/faults", data="{", content_type="application/json"
                            ).status_code == 400
