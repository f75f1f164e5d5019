"""Moonrope's protocol on every action: how parameters arrive, the envelope, auth, and the
answers outside the actions (unknown action, unparseable params)."""
from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from .helpers import FORM, call, numbers, result

#: every action with parameters it succeeds with on a fresh unit
ACTIONS = [("list", {}), ("info", {"id": 3466}), ("save", {"id": 3466}),
           ("available_prefixes", {}), ("acquirable_numbers", {"prefix": "01224"}),
           ("acquire", None), ("update_subscriber", {"id": 3466}), ("delete", {"id": 3466}),
           ("available_access_numbers", {})]


def _params(dial9, action, params):
    if params is None:                      # acquire: a number the unit was just offered
        offered = result(call(dial9, "acquirable_numbers", {"prefix": "01224"}), "success")
        return {"number": offered[0]}
    return params


@pytest.mark.parametrize("action, params", ACTIONS)
def test_moonrope_client_form_post(dial9, seeded, action, params):
    reply = dial9.post(f"/{action}", headers=FORM,
                       data=urlencode({"params": json.dumps(_params(dial9, action, params))}))
    result(reply, "success")


@pytest.mark.parametrize("action, params", ACTIONS)
def test_get_with_params_in_the_query_string(dial9, seeded, action, params):
    reply = dial9.get(f"/{action}", params={"params": json.dumps(_params(dial9, action, params))})
    result(reply, "success")


@pytest.mark.parametrize("action, params", ACTIONS)
def test_json_body(dial9, seeded, action, params):
    result(dial9.post(f"/{action}", json=_params(dial9, action, params)), "success")


def test_form_params_win_over_the_query_string(dial9, seeded):
    reply = dial9.post("/info", params={"params": json.dumps({"id": 999999})}, headers=FORM,
                       data=urlencode({"params": json.dumps({"id": 3466})}))
    assert result(reply, "success")["id"] == 3466


@pytest.mark.parametrize("send", [
    lambda api: api.post("/list"),
    lambda api: api.get("/list"),
    lambda api: api.post("/list", headers=FORM, data="params="),
    lambda api: api.get("/list", params={"params": "null"}),
])
def test_no_params_is_no_parameters(dial9, send):
    assert isinstance(result(send(dial9), "success"), list)


@pytest.mark.parametrize("send", [
    lambda api: api.post("/save", headers=FORM, data=urlencode({"params": '{"id": 3466,'})),
    lambda api: api.get("/save", params={"params": "{id: 3466}"}),
    lambda api: api.post("/save", data='{"id": ', headers={"Content-Type": "application/json"}),
    lambda api: api.post("/save", headers=FORM, data=urlencode({"params": "[3466]"})),
    lambda api: api.post("/save", headers=FORM, data=urlencode({"params": '"text"'})),
])
def test_unparseable_params_are_invalid_json(dial9, send):
    before = numbers(dial9)
    reply = send(dial9)
    assert reply.status_code == 400
    assert reply.headers["Content-Type"].startswith("application/json")
    body = reply.json()
    assert list(body) == ["status", "details"] and body["status"] == "invalid-json"
    assert isinstance(body["details"], str) and body["details"]
    assert numbers(dial9) == before


@pytest.mark.parametrize("path", ["/no_such_action", "/../calls/list", "/../../v2/numbers",
                                  "/list/extra"])
def test_unknown_controller_or_action_is_400(dial9, path):
    for reply in (dial9.post(path), dial9.get(path)):
        assert reply.status_code == 400
        assert reply.json() == {"status": "invalid-controller-or-action"}


def test_unknown_action_needs_no_token(dial9):
    reply = dial9.post("/no_such_action", replace_headers=True)
    assert reply.status_code == 400
    assert reply.json() == {"status": "invalid-controller-or-action"}


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_other_methods_are_invalid_controller_or_action(dial9, seeded, method):
    before = numbers(dial9)
    reply = dial9.request(method, "/delete", json={"id": 3466})
    assert reply.status_code == 400
    assert reply.json() == {"status": "invalid-controller-or-action"}
    assert {"GET", "POST"} <= {m.strip() for m in reply.headers["Allow"].split(",")}
    assert numbers(dial9) == before


@pytest.mark.parametrize("action, params", ACTIONS)
@pytest.mark.parametrize("headers", [{}, {"X-Auth-Token": ""},
                                     {"X-Auth-Secret": "only-a-secret"}])
def test_no_token_is_access_denied(dial9, action, params, headers):
    before = numbers(dial9)
    reply = dial9.post(f"/{action}", headers={**FORM, **headers}, replace_headers=True,
                       data=urlencode({"params": json.dumps(params or {"number": "01224000000"})}))
    data = result(reply, "access-denied")
    assert list(data) == ["message"] and "X-Auth-Token" in data["message"]
    assert numbers(dial9) == before


def test_access_denied_comes_before_parsing_params(dial9):
    reply = dial9.post("/list", headers=FORM, data="params={", replace_headers=True)
    result(reply, "access-denied")


def test_a_secret_alongside_the_token_is_accepted(dial9):
    assert isinstance(result(dial9.post("/list", headers={"X-Auth-Secret": "s3cret"}),
                             "success"), list)


def test_each_token_is_its_own_unit(dial9, seeded):
    other = type(dial9)(dial9.base, {"X-Auth-Token": dial9.headers["X-Auth-Token"] + "-b"},
                        client=dial9._client, session=dial9._session)
    result(call(dial9, "delete", {"id": 3466}), "success")
    assert 3466 in [n["id"] for n in numbers(other)]
    assert 3466 not in [n["id"] for n in numbers(dial9)]


def test_errors_are_never_html(dial9):
    for reply in (dial9.get("/nope"), dial9.put("/list"), dial9.post("/list", data="params={",
                                                                         headers=FORM)):
        assert reply.headers["Content-Type"].startswith("application/json")
        assert "<html" not in reply.text.lower()
