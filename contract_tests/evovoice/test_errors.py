"""Every error of BuyPhoneNumber, in ServiceStack's envelope, and that a refused request
bought nothing (the number can still be bought afterwards)."""
from __future__ import annotations

import json

import pytest

from .helpers import (ACME, ATLANTA, BUY, GLOBEX_ACCOUNT, GLOBEX_FLOW, GLOBEX_RETAIL,
                      GLOBEX_TAG, MAIN_IVR, VIP, assert_error, buy, fresh_number,
                      still_available)

NUMBER = ATLANTA[0]


@pytest.mark.parametrize("body", [{}, {"number": ""}, {"number": "   "}, {"number": None}])
def test_missing_number_is_not_empty(evo, body):
    status = assert_error(evo.post(BUY, json=body), 400, "NotEmpty", "Number")
    assert status["message"] == "'Number' must not be empty."


@pytest.mark.parametrize("number", ["14702035109", "+1470", "+99912345678", "not a number",
                                    "+1470203510x", "+15555550100"])
def test_invalid_number_is_400(evo, number):
    assert_error(evo.post(BUY, json={"number": number}), 400, "ArgumentException", "Number")


def test_invalid_virtual_number_is_400(evo):
    assert_error(evo.post(BUY, json={"number": "+1470", "isVirtualPhoneNumber": True}), 400,
                 "ArgumentException", "Number")


def test_number_outside_the_inventory_is_400_unless_virtual(evo):
    number = fresh_number()
    assert_error(evo.post(BUY, json={"number": number}), 400, "ArgumentException", "Number")
    assert buy(evo, number, isVirtualPhoneNumber=True)["phoneNumber"] == number


def test_number_already_owned_is_400(evo):
    buy(evo, NUMBER)
    for body in ({"number": NUMBER}, {"number": NUMBER, "isVirtualPhoneNumber": True}):
        status = assert_error(evo.post(BUY, json=body), 400, "ArgumentException", "Number")
        assert NUMBER in status["message"]


def test_virtual_number_already_created_is_400(evo):
    number = fresh_number()
    buy(evo, number, isVirtualPhoneNumber=True)
    assert_error(evo.post(BUY, json={"number": number, "isVirtualPhoneNumber": True}), 400,
                 "ArgumentException", "Number")


@pytest.mark.parametrize("extra,field", [
    ({"accountId": "no-such-account"}, "AccountId"),
    ({"customerId": "no-such-customer"}, "CustomerId"),
    ({"accountId": GLOBEX_ACCOUNT[0], "customerId": ACME[0]}, "CustomerId"),
    ({"flowId": "no-such-flow"}, "FlowId"),
    ({"flowId": GLOBEX_FLOW[0]}, "FlowId"),
    ({"customerId": GLOBEX_RETAIL[0], "flowId": MAIN_IVR[0]}, "FlowId"),
    ({"tagIds": ["no-such-tag"]}, "TagIds[0]"),
    ({"tagIds": [VIP["id"], GLOBEX_TAG["id"]]}, "TagIds[1]"),
])
def test_unknown_ids_are_400_and_buy_nothing(evo, extra, field):
    assert_error(evo.post(BUY, json={"number": NUMBER, **extra}), 400, "ArgumentException",
                 field)
    still_available(evo, NUMBER)


@pytest.mark.parametrize("extra,field", [
    ({"isVirtualPhoneNumber": "maybe"}, "IsVirtualPhoneNumber"),
    ({"isFaxNumber": {"x": 1}}, "IsFaxNumber"),
    ({"tagIds": {"a": 1}}, "TagIds"),
    ({"tagIds": [VIP["id"], None]}, "TagIds"),
    ({"data": ["x"]}, "Data"),
    ({"data": {"k": "plain"}}, "Data"),
    ({"data": {"k": {"numberValue": "3"}}}, "Data"),
    ({"flowParams": {"k": {"boolValue": "yes"}}}, "FlowParams"),
    ({"flowParams": {"k": {"listValue": [{"x": {"stringValue": 5}}]}}}, "FlowParams"),
    ({"accountId": ["a"]}, "AccountId"),
])
def test_properties_of_the_wrong_type_are_400_and_buy_nothing(evo, extra, field):
    assert_error(evo.post(BUY, json={"number": NUMBER, **extra}), 400,
                 "SerializationException", field)
    still_available(evo, NUMBER)


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'"text"'])
def test_unreadable_body_is_400(evo, body):
    reply = evo.post(BUY, data=body, headers={"Content-Type": "application/json"})
    assert_error(reply, 400, "SerializationException")
    still_available(evo, NUMBER)


def test_body_of_another_type_is_415(evo):
    reply = evo.post(BUY, data=b"<BuyPhoneNumber/>", headers={"Content-Type": "application/xml"})
    assert_error(reply, 415, "UnsupportedMediaType")
    still_available(evo, NUMBER)


def test_no_credentials_is_401_with_a_basic_challenge(connect, evo):
    reply = connect().post(BUY, json={"number": NUMBER})
    status = assert_error(reply, 401, "Unauthorized")
    assert status["message"] == "Not Authenticated"
    assert reply.headers["WWW-Authenticate"].startswith("Basic realm=")
    still_available(evo, NUMBER)


@pytest.mark.parametrize("header", ["Basic", "Basic !!!", "Token abc", "Bearer "])
def test_malformed_authorization_is_401(connect, header):
    assert_error(connect({"Authorization": header}).post(BUY, json={"number": NUMBER}), 401,
                 "Unauthorized")


def test_unknown_session_is_401(connect):
    reply = connect({"X-ss-id": "no-such-session"}).post(BUY, json={"number": NUMBER})
    assert_error(reply, 401, "Unauthorized")


def test_unknown_path_is_404(evo):
    assert_error(evo.post("/endpoints/no-such-thing", json={}), 404, "NotFound")
    assert_error(evo.post("/api/NoSuchRequest", json={}), 404, "NotFound")
    still_available(evo, NUMBER)


@pytest.mark.parametrize("method,path", [("GET", BUY), ("PUT", BUY), ("DELETE", BUY + ".json"),
                                         ("GET", "/api/BuyPhoneNumber"),
                                         ("PUT", "/json/reply/BuyPhoneNumber")])
def test_other_methods_are_405(evo, method, path):
    reply = evo.request(method, path, json={"number": NUMBER})
    assert_error(reply, 405)
    assert "POST" in reply.headers["Allow"]
    still_available(evo, NUMBER)


@pytest.mark.parametrize("params,headers", [({"format": "xml"}, {}), ({"format": "csv"}, {}),
                                            ({}, {"Accept": "application/xml"})])
def test_formats_other_than_json_are_406_and_buy_nothing(evo, params, headers):
    reply = evo.post(BUY, params=params, headers=headers, json={"number": NUMBER})
    assert_error(reply, 406, "NotAcceptable")
    still_available(evo, NUMBER)


def test_invalid_jsonp_callback_is_400(evo):
    reply = evo.post(BUY, params={"callback": "alert(1)"}, json={"number": NUMBER})
    assert_error(reply, 400, "ArgumentException", "Callback")
    still_available(evo, NUMBER)


def test_errors_are_wrapped_in_jsonp_too(evo):
    reply = evo.post(BUY, params={"callback": "cb"}, json={})
    assert reply.status_code == 400
    assert "javascript" in reply.headers["Content-Type"]
    body = json.loads(reply.text[3:-1])
    assert body["responseStatus"]["errorCode"] == "NotEmpty"


def test_errors_are_never_html(evo):
    for reply in (evo.get("/nope"), evo.get(BUY), evo.post(BUY, data=b"{")):
        assert reply.headers["Content-Type"].startswith("application/json")
        assert "<html" not in reply.text.lower()


def test_body_over_a_mebibyte_is_413(evo):
    body = json.dumps({"number": NUMBER, "addressSid": "x" * (1024 * 1024)}).encode()
    reply = evo.post(BUY, data=body, headers={"Content-Type": "application/json"})
    assert_error(reply, 413, "RequestEntityTooLarge")
    still_available(evo, NUMBER)
