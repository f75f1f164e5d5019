"""Basic auth, the @transaction on every reply, and the error structures (seed 002: Error
Detail for 400, Error Response for 401 and 500; 404 and 405 in the same shape)."""
from __future__ import annotations

import pytest

from .conftest import basic
from .helpers import assert_error_response, assert_transaction, ok

PROTECTED = ["/accounts", "/accounts/details", "/accounts/packages", "/accounts/number_rates",
             "/accounts/call_rates", "/accounts/transcription_rates", "/accounts/features",
             "/numbers?country=AU&number_type=MOBILE", "/templates"]


@pytest.mark.parametrize("path", PROTECTED)
def test_missing_credentials_is_401_with_a_transaction(avanser, path):
    reply = avanser.get(path, replace_headers=True)
    body = assert_error_response(reply, 401, "Unauthorized")
    assert_transaction(body, "GET", path)
    assert reply.headers["WWW-Authenticate"].startswith("Basic")


@pytest.mark.parametrize("header", ["Basic", "Basic !!!", "Bearer abc", "Basic dXNlcg==",
                                    "Digest username=x"])
def test_malformed_authorization_is_401(avanser, header):
    assert_error_response(avanser.get("/accounts", headers={"Authorization": header},
                                      replace_headers=True), 401, "Unauthorized")


def test_refused_switch_without_credentials_changes_nothing(avanser):
    before = avanser.get("/accounts/details").json()["response"]
    reply = avanser.post("/accounts", params={"account-id": "7001"}, replace_headers=True)
    assert_error_response(reply, 401, "Unauthorized")
    assert avanser.get("/accounts/details").json()["response"] == before


def test_every_reply_carries_a_fresh_transaction(avanser):
    first = avanser.get("/accounts", params={"type": "billing"}).json()
    second = avanser.get("/accounts", params={"type": "billing"}).json()
    a = assert_transaction(first, "GET", "/accounts?type=billing")
    b = assert_transaction(second, "GET", "/accounts?type=billing")
    assert a["id"] != b["id"]
    assert isinstance(a["account-id"], int)


def test_transaction_path_keeps_the_query(avanser):
    reply = avanser.get("/numbers?country=AU&szu=sydney")
    ok(reply, "GET", "/numbers?country=AU&szu=sydney")


def test_unknown_path_is_404_in_the_error_shape(avanser):
    body = assert_error_response(avanser.get("/no_such_resource"), 404, "Not Found")
    assert_transaction(body, "GET", "/no_such_resource")


def test_wrong_method_is_405_in_the_error_shape(avanser):
    reply = avanser.put("/templates")
    assert_error_response(reply, 405, "Method Not Allowed")
    assert {"GET", "POST", "DELETE"} <= set(reply.headers["Allow"].replace(" ", "").split(","))


def test_errors_name_the_selected_account(avanser):
    selected = avanser.get("/accounts").json()["@transaction"]["account-id"]
    body = avanser.get("/no_such_resource").json()
    assert body["@transaction"]["account-id"] == selected


def test_errors_are_never_html(avanser):
    for reply in (avanser.get("/nope"), avanser.delete("/accounts"),
                  avanser.get("/numbers"), avanser.get("/accounts", replace_headers=True,
                                                       headers=basic("", "x"))):
        assert reply.headers["Content-Type"].startswith("application/json")
        assert "<html" not in reply.text.lower()
