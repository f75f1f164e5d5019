"""Bearer auth and the error envelope on every kind of bad request (seed 000: 400 and 401
bodies are {"message", "error": {"message", "details"}})."""
from __future__ import annotations

import pytest

from .helpers import assert_error

PROTECTED = ["/countries", "/number_types", "/document_types", "/regions/US", "/products/US",
             "/inventory/US", "/numbers", "/extension/4242", "/entitlements"]


@pytest.mark.parametrize("path", PROTECTED)
def test_missing_token_is_401(avoxi, path):
    body = assert_error(avoxi.get(path, replace_headers=True), 401)
    assert "Authorization" in body["error"]["details"]


@pytest.mark.parametrize("header", ["Bearer", "Bearer ", "Basic dXNlcjpwYXNz",
                                    "Bearer two words", "Token abc", "Bearer a,b"])
def test_malformed_authorization_is_401(avoxi, header):
    assert_error(avoxi.get("/countries", headers={"Authorization": header},
                           replace_headers=True), 401)


def test_missing_token_on_order_is_401_and_orders_nothing(avoxi):
    before = avoxi.get("/numbers").json()
    reply = avoxi.post("/order", json={"items": [{"country": "US", "number_type": "DID",
                                                  "region": "US GA Atlanta 470"}]},
                       replace_headers=True)
    assert_error(reply, 401)
    assert avoxi.get("/numbers").json() == before


def test_unknown_path_is_404_in_the_envelope(avoxi):
    assert_error(avoxi.get("/no_such_resource"), 404)


def test_wrong_method_is_405_in_the_envelope(avoxi):
    reply = avoxi.delete("/countries")
    assert_error(reply, 405)
    assert "GET" in reply.headers["Allow"]


def test_errors_are_never_html(avoxi):
    for reply in (avoxi.get("/nope"), avoxi.post("/countries"), avoxi.put("/order")):
        assert reply.headers["Content-Type"].startswith("application/json")
        assert "<html" not in reply.text.lower()
