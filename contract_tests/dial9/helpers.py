"""Calls and checks shared by the Dial 9 contract tests.

``call`` sends an action the way the Moonrope Ruby client does (moonrope-client,
lib/moonrope_client/connection.rb and request.rb): POST, form-encoded, one field ``params``
holding the parameters as JSON, and the X-Auth-Token header.
"""
from __future__ import annotations

import json
import re
from urllib.parse import urlencode

ENVELOPE = ["status", "time", "flags", "data"]
FORM = {"Content-Type": "application/x-www-form-urlencoded",
        "User-Agent": "Moonrope Ruby Library/1.2.1"}
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")
NUMBER_KEYS = ["id", "number", "context", "created_at", "updated_at", "recording_enabled",
               "caller_id_prefix", "callerid_passthrough", "forward_sip_to", "aquisition",
               "destination"]
SUBSCRIBER_KEYS = ["first_name", "name", "address1", "address2", "address3", "address4",
                   "postcode", "pushed_at", "status"]
#: the seed's example number, exactly as ``list`` and ``info`` show it
SEEDED = {"id": 3466, "number": "03301222970", "context": "incoming",
          "created_at": "2015-05-05T14:43:36.000Z", "updated_at": "2015-10-05T14:05:45.000Z",
          "recording_enabled": False, "caller_id_prefix": "", "callerid_passthrough": True,
          "forward_sip_to": None,
          "aquisition": {"acquired_at": "2015-05-05T14:43:00.000Z",
                         "subscriber": {"first_name": None, "name": None, "address1": None,
                                        "address2": None, "address3": None, "address4": None,
                                        "postcode": None, "pushed_at": None,
                                        "status": "unknown"}},
          "destination": {"type": "Menu", "object": {"id": 262, "name": "Main Menu"}}}


def call(api, action: str, params: dict | None = None, **kwargs):
    """POST ``params=<json>`` form-encoded, as the Moonrope client does."""
    body = urlencode({"params": json.dumps(params or {})})
    return api.post(f"/{action}", data=body, headers={**FORM, **kwargs.pop("headers", {})},
                    **kwargs)


def result(reply, status: str):
    """The envelope of an action result with that Moonrope status; its ``data``."""
    assert reply.status_code == 200, reply.text
    assert reply.headers["Content-Type"].startswith("application/json")
    body = reply.json()
    assert list(body) == ENVELOPE, body
    assert body["status"] == status, body
    assert body["flags"] == {}
    if status == "success":
        assert isinstance(body["time"], (int, float)) and body["time"] >= 0
    else:
        assert body["time"] is None
    return body["data"]


def ok(api, action: str, params: dict | None = None):
    """The data of a successful action."""
    return result(call(api, action, params), "success")


def error(api, action: str, params: dict | None, code: str) -> str:
    """Call an action expecting the structured error ``code``; its message."""
    data = result(call(api, action, params), "error")
    assert list(data) == ["code", "message"] and data["code"] == code, data
    assert isinstance(data["message"], str) and data["message"]
    return data["message"]


def parameter_error(api, action: str, params: dict | None, name: str) -> str:
    """Call an action expecting a parameter-error naming ``name``; its message."""
    data = result(call(api, action, params), "parameter-error")
    assert list(data) == ["message"] and f"`{name}`" in data["message"], data
    return data["message"]


def validation_error(api, action: str, params: dict | None) -> dict:
    """Call an action expecting a validation-error; ``{field: [messages]}``."""
    data = result(call(api, action, params), "validation-error")
    assert list(data) == ["errors"], data
    for field, messages in data["errors"].items():
        assert isinstance(messages, list) and messages
        assert all(isinstance(m, str) and m for m in messages), (field, messages)
    return data["errors"]


def numbers(api) -> list[dict]:
    """Every number of the unit (``list``)."""
    return ok(api, "list")


def assert_number(number: dict, *, destination: bool = True) -> None:
    """Every documented field of a number, in the seed's order, with its type."""
    keys = NUMBER_KEYS if destination else NUMBER_KEYS[:-1]
    assert list(number) == keys, number
    assert isinstance(number["id"], int) and isinstance(number["number"], str)
    assert number["context"] in ("incoming", "utility")
    assert TIMESTAMP.fullmatch(number["created_at"]) and TIMESTAMP.fullmatch(number["updated_at"])
    for flag in ("recording_enabled", "callerid_passthrough"):
        assert isinstance(number[flag], bool)
    assert number["caller_id_prefix"] is None or isinstance(number["caller_id_prefix"], str)
    aquisition = number["aquisition"]
    if aquisition is not None:
        assert list(aquisition) == ["acquired_at", "subscriber"]
        assert TIMESTAMP.fullmatch(aquisition["acquired_at"])
        assert list(aquisition["subscriber"]) == SUBSCRIBER_KEYS
    if destination and number["destination"] is not None:
        assert list(number["destination"]) == ["type", "object"]
        assert list(number["destination"]["object"]) == ["id", "name"]
