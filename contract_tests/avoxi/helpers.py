"""Checks shared by the AVOXI contract tests."""
from __future__ import annotations

INVENTORY_FIELDS = {
    "number_e164": str, "number_local_format": str, "country": str, "number_type": str,
    "region": str, "required_documents": list, "standard_capacity": str,
    "geographic_restrictions": str, "mobile_accessible": str, "outside_country_display": str,
    "portable": str, "capabilities": dict,
}
#: the header the seed's samples send with a body
JSON = {"content-type": "application/json"}
NUMBER_FIELDS = {"number_id": str, "organization_id": str, "number": str, "name": str,
                 "rules": list, "country_code": str, "local_format": str}


def assert_error(reply, status: int) -> dict:
    """The documented error body: message, and error with message and details."""
    assert reply.status_code == status, reply.text
    assert reply.headers["Content-Type"].startswith("application/json")
    body = reply.json()
    assert set(body) == {"message", "error"}, body
    assert isinstance(body["message"], str) and body["message"]
    assert body["error"]["message"] == body["message"]
    assert isinstance(body["error"]["details"], str) and body["error"]["details"]
    return body


def json_of(reply, status: int = 200):
    """The body of a JSON reply with the documented status."""
    assert reply.status_code == status, reply.text
    assert reply.headers["Content-Type"].startswith("application/json")
    return reply.json()


def assert_inventory_item(item: dict) -> None:
    """Every documented inventory field, with its documented type."""
    assert set(item) == set(INVENTORY_FIELDS), item
    for name, kind in INVENTORY_FIELDS.items():
        assert isinstance(item[name], kind), (name, item[name])
    assert set(item["capabilities"]) == {"sms", "voice"}
    assert all(isinstance(v, bool) for v in item["capabilities"].values())
    for doc in item["required_documents"]:
        assert set(doc) == {"document_type_id", "name", "more_information"}


def numbers(avoxi) -> list[dict]:
    """The tenant's number configurations."""
    reply = avoxi.get("/numbers")
    assert reply.status_code == 200, reply.text
    return reply.json()["data"]


def inventory(avoxi, path: str = "/inventory/US", **params) -> list[dict]:
    """One inventory page."""
    reply = avoxi.get(path, params=params)
    assert reply.status_code == 200, reply.text
    return reply.json()
