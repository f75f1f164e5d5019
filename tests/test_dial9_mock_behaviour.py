"""Dial 9 behaviour only the mock can show: auth modes, units kept apart, the real hostname,
the mock clock, the stock drawn from the seed, state snapshots, fixtures a user overrides,
and the answers Moonrope gives outside its actions."""
from __future__ import annotations

import json
from pathlib import Path

import phonenumbers
import pytest

from mockserver import create_app
from mockserver.app import services_of
from mockserver.providers.dial9.catalog import Catalog
from mockserver.providers.dial9.errors import render_error
from mockserver.core.errors import InternalError

pytestmark = pytest.mark.mock_only
API = "/dial9/api/v2/numbers"
A = {"X-Auth-Token": "unit-a"}
B = {"X-Auth-Token": "unit-b"}


def act(client, action, params=None, headers=A, **kwargs):
    """POST an action the Moonrope client's way; the parsed body."""
    reply = client.post(f"{API}/{action}", data={"params": json.dumps(params or {})},
                        headers=headers, **kwargs)
    assert reply.status_code == 200, reply.data
    return reply.json


def listed(client, headers=A):
    return [n["number"] for n in act(client, "list", headers=headers)["data"]]


def test_lenient_mode_accepts_any_token(mock_client):
    assert act(mock_client, "list", headers={"X-Auth-Token": "anything at all"})["status"] \
        == "success"


@pytest.mark.parametrize("headers, status", [
    ({"X-Auth-Token": "dial9-test-token"}, "success"),
    ({"X-Auth-Token": "dial9-test-token", "X-Auth-Secret": "dial9-test-secret"}, "success"),
    ({"X-Auth-Token": "dial9-test-token", "X-Auth-Secret": "wrong"}, "access-denied"),
    ({"X-Auth-Token": "dial9-second-token"}, "success"),
    ({"X-Auth-Token": "unit-a"}, "access-denied"),
    ({}, "access-denied"),
])
def test_strict_mode_accepts_only_fixture_credentials(headers, status):
    client = create_app({"AUTH_MODE": "strict"}).test_client()
    body = act(client, "list", headers=headers)
    assert body["status"] == status
    if status == "access-denied":
        assert body["data"]["message"]


def test_blank_token_is_access_denied(mock_client):
    body = act(mock_client, "list", headers={"X-Auth-Token": "   "})
    assert body["status"] == "access-denied" and body["time"] is None


def test_units_never_see_each_others_numbers(mock_client):
    base = listed(mock_client, B)
    number = act(mock_client, "acquirable_numbers", {"prefix": "01224"})["data"][0]
    assert act(mock_client, "acquire", {"number": number})["status"] == "success"
    assert listed(mock_client, B) == base
    assert number in act(mock_client, "acquirable_numbers", {"prefix": "01224"},
                         headers=B)["data"]
    assert act(mock_client, "acquire", {"number": number}, headers=B)["status"] == "success"


def test_real_hostname_serves_the_documented_paths(mock_client):
    host = {**A, "Host": "connectapi.dial9.co.uk"}
    reply = mock_client.post("/api/v2/numbers/info", data={"params": '{"id": 3466}'},
                             headers=host)
    assert reply.json["data"]["number"] == "03301222970"
    missing = mock_client.post("/api/v2/numbers/nope", headers=host)
    assert missing.status_code == 400
    assert missing.json == {"status": "invalid-controller-or-action"}
    assert mock_client.post("/api/v2/numbers/list", headers=A).status_code == 404


def test_anything_else_under_the_mount_is_invalid_controller_or_action(mock_client):
    for path in ("/dial9", "/dial9/", "/dial9/api", "/dial9/api/v1/numbers/list",
                 "/dial9/other"):
        reply = mock_client.get(path, headers=A)
        assert reply.status_code == 400 and reply.json == {
            "status": "invalid-controller-or-action"}, path


def test_timestamps_come_from_the_mock_clock(mock_client, mock_clock):
    mock_clock.freeze("2031-03-04T05:06:07.089Z")
    number = act(mock_client, "acquirable_numbers", {"prefix": "0330"})["data"][0]
    bought = act(mock_client, "acquire", {"number": number})["data"]
    assert bought["created_at"] == bought["aquisition"]["acquired_at"] \
        == "2031-03-04T05:06:07.089Z"
    mock_clock.advance(3600)
    updated = act(mock_client, "save", {"id": bought["id"], "recording_enabled": False})["data"]
    assert updated["updated_at"] == "2031-03-04T06:06:07.089Z"
    assert updated["created_at"] == "2031-03-04T05:06:07.089Z"


def test_stock_is_drawn_from_the_seed():
    def offered(seed):
        client = create_app({"SEED": seed}).test_client()
        return act(client, "acquirable_numbers", {"prefix": "01224"})["data"]
    assert offered(1) == offered(1)
    assert offered(1) != offered(2)


def test_every_prefix_has_a_full_stock_of_valid_numbers():
    services = services_of(create_app())
    catalog = Catalog(services, services.fixtures("dial9"))
    for entry in catalog.prefixes:
        stock = catalog.stock(entry["prefix"])
        assert len(stock) == 100 and len(set(stock)) == 100, entry
        for number in stock[:10]:
            parsed = phonenumbers.parse(number, "GB")
            assert phonenumbers.is_valid_number(parsed) and number.startswith(entry["prefix"])
            assert catalog.prefix_of(number) == entry["prefix"]


def test_snapshot_round_trip_keeps_numbers_ids_and_released(mock_client):
    act(mock_client, "delete", {"id": 3466})
    bought = act(mock_client, "acquire", {"number": act(
        mock_client, "acquirable_numbers", {"prefix": "01224"})["data"][0]})["data"]
    snapshot = mock_client.get("/_mock/state").json
    fresh = create_app().test_client()
    assert fresh.put("/_mock/state", json=snapshot).status_code == 200
    assert act(fresh, "list") == {**act(mock_client, "list"), "time": act(fresh, "list")["time"]}
    assert "03301222970" in act(fresh, "acquirable_numbers", {"prefix": "0330"})["data"]
    again = act(fresh, "acquire", {"number": "03301222970"})["data"]
    assert again["id"] == bought["id"] + 1


@pytest.mark.parametrize("tenant", [{"numbers": {}, "bogus": 1},
                                    {"numbers": {"1": {"id": 1}}},
                                    {"next_id": "x"}])
def test_malformed_snapshot_is_refused(mock_client, tenant):
    reply = mock_client.put("/_mock/state", json={"providers": {"dial9": {
        "tenants": {"unit-a": tenant}}}})
    assert reply.status_code == 400


def test_reset_reseeds_the_unit(mock_client):
    act(mock_client, "delete", {"id": 3466})
    mock_client.post("/_mock/reset", json={"provider": "dial9", "tenant": "unit-a"})
    assert act(mock_client, "info", {"id": 3466})["status"] == "success"


def test_journal_records_the_unit(mock_client):
    act(mock_client, "list")
    entries = mock_client.get("/_mock/requests").json
    entries = entries.get("requests", entries) if isinstance(entries, dict) else entries
    assert any(e.get("tenant") == "unit-a" for e in entries)


def test_user_fixtures_replace_packaged_ones(tmp_path: Path):
    (tmp_path / "dial9").mkdir()
    (tmp_path / "dial9" / "prefixes.json").write_text(json.dumps(
        [{"description": "Bedford (01234)", "prefix": "01234"}]))
    client = create_app({"FIXTURES_DIR": str(tmp_path)}).test_client()
    assert act(client, "available_prefixes")["data"] == [
        {"description": "Bedford (01234)", "prefix": "01234"}]
    assert act(client, "acquirable_numbers", {"prefix": "01224"})["data"]["code"] \
        == "InvalidPrefix"
    assert act(client, "info", {"id": 3466})["status"] == "success"   # seed still packaged


def test_body_over_the_limit_is_413(mock_client):
    reply = mock_client.post(f"{API}/list", data={"params": "x" * (1024 * 1024 + 10)},
                             headers=A)
    assert reply.status_code == 413
    assert reply.json["status"] == "invalid-request" and reply.json["details"]


def test_options_needs_no_token(mock_client):
    reply = mock_client.options(f"{API}/list")
    assert reply.status_code == 200
    assert {"GET", "POST"} <= set(reply.headers["Allow"].split(", "))


def test_a_crash_is_internal_server_error():
    with create_app().test_request_context():
        reply = render_error(InternalError(details="boom"))
    assert reply.status_code == 500
    assert reply.get_json() == {"status": "internal-server-error"}


def test_time_is_seconds_of_processing(mock_client):
    body = act(mock_client, "available_prefixes")
    assert isinstance(body["time"], float) and 0 <= body["time"] < 60
