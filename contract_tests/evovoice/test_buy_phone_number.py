"""BuyPhoneNumber (seed 001): every route, every EndpointInfo field, and every way
ServiceStack reads a request (JSON, form, query string, any property casing)."""
from __future__ import annotations

import json

import pytest

from .helpers import (ACME, ACME_WEST, ACME_WEST_SALES, ATLANTA, BUY, DEMO_ACCOUNT,
                      GLOBEX_ACCOUNT, GLOBEX_FLOW, GLOBEX_RETAIL, GLOBEX_TAG, LONDON, MAIN_IVR,
                      ROUTES, SALES, SID, VIP, assert_endpoint_info, basic, buy, fresh_number)


@pytest.mark.parametrize("path", ROUTES)
def test_every_route_buys_a_number_and_answers_the_full_endpoint_info(evo, user, path):
    info = buy(evo, ATLANTA[0], path)
    assert_endpoint_info(info)
    assert info["phoneNumber"] == ATLANTA[0]
    assert info["type"] == "PhoneNumber"
    assert info["isVirtualPhoneNumber"] is False
    assert SID.fullmatch(info["phoneNumberSid"])
    assert info["createdBy"] == info["lastModifiedBy"] == user
    assert info["dateCreated"] == info["dateLastModified"]


def test_without_account_or_customer_the_number_goes_to_the_default_account(evo):
    info = buy(evo, ATLANTA[0])
    assert (info["accountId"], info["accountName"]) == DEMO_ACCOUNT
    assert info["customerId"] == info["customerName"] == ""
    assert info["customerBreadcrumb"] == [] and info["tags"] == []
    assert info["flowId"] == info["flowName"] == ""
    assert info["flowParams"] == {} and info["data"] == {}


def test_names_are_resolved_and_the_breadcrumb_runs_from_the_top_customer(evo):
    info = buy(evo, ATLANTA[1], accountId=DEMO_ACCOUNT[0], customerId=ACME_WEST_SALES[0],
               flowId=MAIN_IVR[0], tagIds=[VIP["id"], SALES["id"]], addressSid="AD123")
    assert (info["accountId"], info["accountName"]) == DEMO_ACCOUNT
    assert (info["customerId"], info["customerName"]) == ACME_WEST_SALES
    assert info["customerBreadcrumb"] == [{"id": i, "name": n}
                                          for i, n in (ACME, ACME_WEST, ACME_WEST_SALES)]
    assert (info["flowId"], info["flowName"]) == MAIN_IVR
    assert info["tags"] == [VIP, SALES]
    assert info["addressSid"] == "AD123"


def test_a_customer_alone_chooses_its_account(evo):
    info = buy(evo, ATLANTA[0], customerId=GLOBEX_RETAIL[0], flowId=GLOBEX_FLOW[0],
               tagIds=[GLOBEX_TAG["id"]])
    assert (info["accountId"], info["accountName"]) == GLOBEX_ACCOUNT
    assert info["customerBreadcrumb"] == [{"id": GLOBEX_RETAIL[0], "name": GLOBEX_RETAIL[1]}]
    assert info["tags"] == [GLOBEX_TAG]


def test_a_repeated_tag_is_listed_once(evo):
    assert buy(evo, ATLANTA[0], tagIds=[VIP["id"], VIP["id"]])["tags"] == [VIP]


def test_fax_number(evo):
    info = buy(evo, LONDON, isFaxNumber=True)
    assert_endpoint_info(info)
    assert info["type"] == "FaxNumber" and info["phoneNumber"] == LONDON


def test_virtual_number_is_created_without_buying(evo):
    number = fresh_number()
    info = buy(evo, number, isVirtualPhoneNumber=True)
    assert_endpoint_info(info)
    assert info["isVirtualPhoneNumber"] is True
    assert info["phoneNumber"] == number
    assert info["phoneNumberSid"] == ""


def test_an_inventory_number_may_be_created_virtual(evo):
    assert buy(evo, ATLANTA[2], isVirtualPhoneNumber=True)["isVirtualPhoneNumber"] is True


def test_struct_values_are_echoed(evo):
    data = {"greeting": {"stringValue": "Hello"},
            "vip": {"boolValue": True},
            "weight": {"numberValue": 2.5},
            "nested": {"structValue": {"inner": {"numberValue": 3}}},
            "items": {"listValue": [{"a": {"stringValue": "x"}}]}}
    params = {"timeout": {"numberValue": 30, "boolValue": None}}
    info = buy(evo, ATLANTA[0], data=data, flowParams=params)
    assert info["data"] == data
    assert info["flowParams"] == {"timeout": {"numberValue": 30}}      # nulls omitted


def test_number_formatting_is_ignored_and_the_answer_is_e164(evo):
    assert buy(evo, "+1 (470) 203-5109")["phoneNumber"] == "+14702035109"


def test_each_purchase_has_its_own_id_and_sid(evo):
    first, second = buy(evo, ATLANTA[0]), buy(evo, ATLANTA[1])
    assert first["id"] != second["id"]
    assert first["phoneNumberSid"] != second["phoneNumberSid"]


def test_property_names_match_in_any_case(evo):
    reply = evo.post(BUY, json={"Number": ATLANTA[0], "CUSTOMERID": ACME[0],
                                "IsFaxNumber": True, "tagids": [VIP["id"]]})
    assert reply.status_code == 200, reply.text
    info = reply.json()
    assert info["customerName"] == ACME[1] and info["type"] == "FaxNumber"
    assert info["tags"] == [VIP]


def test_json_service_client_request(connect, user):
    """The way ServiceStack's JsonServiceClient calls it: /api/{Request}, Basic auth,
    a camelCase JSON body."""
    api = connect({"Authorization": basic(user, "pw"), "Accept": "application/json",
                   "Content-Type": "application/json"})
    reply = api.post("/api/BuyPhoneNumber", data=json.dumps(
        {"number": ATLANTA[0], "customerId": ACME[0], "tagIds": [SALES["id"]],
         "isVirtualPhoneNumber": False}))
    assert reply.status_code == 200, reply.text
    info = reply.json()
    assert_endpoint_info(info)
    assert info["customerName"] == ACME[1] and info["tags"] == [SALES]


def test_json_body_without_a_content_type(connect, user):
    """/api clients may leave Content-Type out (no CORS pre-flight)."""
    api = connect({"Authorization": basic(user, "pw")})
    reply = api.post("/api/BuyPhoneNumber", data=json.dumps({"number": ATLANTA[0]}).encode())
    assert reply.status_code == 200, reply.text
    assert reply.json()["phoneNumber"] == ATLANTA[0]


def test_form_encoded_body(evo):
    reply = evo.post("/json/reply/BuyPhoneNumber", data={
        "Number": ATLANTA[0], "IsFaxNumber": "true", "CustomerId": ACME_WEST[0],
        "TagIds": f"{VIP['id']},{SALES['id']}",
        "Data": json.dumps({"greeting": {"stringValue": "hi"}})})
    assert reply.status_code == 200, reply.text
    info = reply.json()
    assert info["type"] == "FaxNumber" and info["customerName"] == ACME_WEST[1]
    assert info["tags"] == [VIP, SALES]
    assert info["data"] == {"greeting": {"stringValue": "hi"}}


def test_query_string(evo):
    reply = evo.post(BUY, params={"number": ATLANTA[0], "isVirtualPhoneNumber": "false"})
    assert reply.status_code == 200, reply.text
    assert reply.json()["phoneNumber"] == ATLANTA[0]


def test_body_overrides_query_string(evo):
    reply = evo.post(BUY, params={"number": ATLANTA[0]}, json={"number": ATLANTA[1]})
    assert reply.status_code == 200, reply.text
    assert reply.json()["phoneNumber"] == ATLANTA[1]


@pytest.mark.parametrize("path,params,headers", [
    (BUY, {"format": "json"}, {}),
    (BUY + ".json", {}, {}),
    (BUY, {}, {"Accept": "application/json"}),
    (BUY, {}, {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}),
])
def test_json_is_selected_by_format_suffix_or_accept(evo, path, params, headers):
    reply = evo.post(path, params=params, headers=headers, json={"number": ATLANTA[0]})
    assert reply.status_code == 200, reply.text
    assert reply.headers["Content-Type"].startswith("application/json")
    assert reply.json()["phoneNumber"] == ATLANTA[0]


def test_jsonp_wraps_the_response(evo):
    reply = evo.post(BUY, params={"callback": "onBought"}, json={"number": ATLANTA[0]})
    assert reply.status_code == 200, reply.text
    assert "javascript" in reply.headers["Content-Type"]
    assert reply.text.startswith("onBought(") and reply.text.endswith(")")
    info = json.loads(reply.text[len("onBought("):-1])
    assert_endpoint_info(info)
    assert info["phoneNumber"] == ATLANTA[0]
