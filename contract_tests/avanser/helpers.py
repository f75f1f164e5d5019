"""Checks shared by the AVANSER contract tests (seed 002, Data Structures)."""
from __future__ import annotations

import re

HEX32 = re.compile(r"[0-9a-f]{32}")
ISO_AU = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+1[01]:00")
ELEMENT_FIELDS = {"country", "region", "type", "national", "calling_code"}


def assert_transaction(body: dict, method: str, path: str) -> dict:
    """The documented ``@transaction``: id, account-id, request, time, ms."""
    txn = body["@transaction"]
    assert set(txn) == {"id", "account-id", "request", "time", "ms"}, txn
    assert HEX32.fullmatch(txn["id"]), txn["id"]
    assert txn["request"] == {"api-version": "v1", "method": method, "path": path}
    assert ISO_AU.fullmatch(txn["time"]), txn["time"]
    assert isinstance(txn["ms"], (int, float)) and txn["ms"] >= 0
    return txn


def ok(reply, method: str = "GET", path: str | None = None):
    """The ``response`` of a 200 reply, after checking its transaction."""
    assert reply.status_code == 200, reply.text
    assert reply.headers["Content-Type"].startswith("application/json")
    body = reply.json()
    assert set(body) == {"@transaction", "response"}, body
    if path is not None:
        assert_transaction(body, method, path)
    return body["response"]


def assert_error_detail(reply, fields: set[str] | None = None, status: int = 400,
                        message: str = "Bad Request") -> dict:
    """Error Detail: ``error`` {message, code} and ``errors`` naming offending fields."""
    assert reply.status_code == status, reply.text
    assert reply.headers["Content-Type"].startswith("application/json")
    body = reply.json()
    assert set(body) == {"@transaction", "error", "errors"}, body
    assert body["error"] == {"message": message, "code": status}
    assert isinstance(body["errors"], dict) and body["errors"]
    assert all(isinstance(v, str) and v for v in body["errors"].values())
    if fields is not None:
        assert set(body["errors"]) == fields, body["errors"]
    return body


def assert_error_response(reply, status: int, message: str) -> dict:
    """Error Response: ``error`` {message, code} and ``errors`` {description, code}."""
    assert reply.status_code == status, reply.text
    assert reply.headers["Content-Type"].startswith("application/json")
    body = reply.json()
    assert set(body) == {"@transaction", "error", "errors"}, body
    assert body["error"] == {"message": message, "code": status}
    assert set(body["errors"]) == {"description", "code"}
    assert all(isinstance(v, str) and v for v in body["errors"].values())
    return body


def assert_search_element(response: dict) -> None:
    """An object keyed by E.164 number (digits), each value the documented fields."""
    assert isinstance(response, dict)
    for number, element in response.items():
        assert number.isdigit() and number.startswith("61"), number
        assert set(element) == ELEMENT_FIELDS, element
        assert element["country"] == "AU" and element["calling_code"] == "+61"
        assert element["type"] in {"GEO", "TOLLFREE", "FREECALL", "MOBILE"}
        assert element["national"].isdigit()
        assert number[2:] == element["national"].lstrip("0")
