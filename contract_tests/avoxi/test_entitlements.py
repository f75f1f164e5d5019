"""GET /entitlements (seed 000, ENTITLEMENTS; "Coming Soon" there, served here)."""
from __future__ import annotations

import time
from datetime import datetime, timezone


def test_entitlements_have_the_documented_shape(avoxi):
    reply = avoxi.get("/entitlements")
    assert reply.status_code == 200
    body = reply.json()
    assert set(body) == {"endpoint_families", "endpoints", "token"}
    assert body["endpoint_families"]
    assert set(body["endpoint_families"].values()) <= {"Enabled", "Disabled"}
    for endpoint in body["endpoints"]:
        assert set(endpoint) == {"url", "methods"}
        assert endpoint["url"].startswith("/") and isinstance(endpoint["methods"], list)
    urls = {e["url"]: e["methods"] for e in body["endpoints"]}
    assert "GET" in urls["/numbers"] and urls["/order"] == ["POST"]
    token = body["token"]
    assert set(token) == {"organization_id", "organization_name", "user_id", "user_email",
                          "expiration", "expiration_formatted"}
    assert "@" in token["user_email"]
    assert isinstance(token["expiration"], int)
    formatted = datetime.strptime(token["expiration_formatted"], "%Y-%m-%dT%H:%M:%S.%fZ")
    assert formatted.replace(tzinfo=timezone.utc).timestamp() == token["expiration"]


def test_token_expires_in_the_future(avoxi):
    token = avoxi.get("/entitlements").json()["token"]
    assert token["expiration"] > time.time()


def test_organization_is_the_one_numbers_belong_to(avoxi):
    org = avoxi.get("/entitlements").json()["token"]["organization_id"]
    assert all(n["organization_id"] == org for n in avoxi.get("/numbers").json()["data"])
