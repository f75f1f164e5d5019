"""The example of seed 001_983e0faaec7e2888.txt (Evo Voice BuyPhoneNumber, ServiceStack),
replayed: its "HTTP + JSON" sample request (lines 346-352: ``POST /endpoints/phone-numbers``,
``Accept: application/json``, ``Content-Type: application/json``, the JSON body), and the
same request in each other way lines 338 and 340 name: the ``.json`` suffix,
``?format=json``, and ``?callback=myCallback``. Each is checked against the sample answer
(lines 353-355: ``200 OK``, ``Content-Type: application/json``) and the seed's EndpointInfo
(every property, in its casing and type).

Placeholders: the sample's values are ``"String"`` and "need to be replaced with actual
values" (line 344). The seed documents no request that creates an account, a customer, a
flow or a tag, nor one that lists the numbers for sale, so ``accountId``, ``customerId``,
``flowId``, ``tagIds`` and ``number`` take the mock's fixture directory and inventory
(helpers.py), and ``addressSid`` an address SID of our own (no address registry is
documented). ``data`` and ``flowParams`` are sent exactly as written: in a Struct, the key
``"String"`` and the value ``"stringValue": "String"`` are values a client may choose, and
``"listValue": [null]`` is kept. The booleans stay ``false`` as written. The sample sent
as written, placeholders and all, is refused: docs/providers/evovoice.md, "Seed examples".
"""
from __future__ import annotations

import json

import pytest

from .helpers import (ACME, ACME_WEST, ATLANTA, BUY, DEMO_ACCOUNT, MAIN_IVR, VIP,
                      assert_endpoint_info, assert_error, still_available)

pytestmark = pytest.mark.orders

#: "HTTP + JSON", the sample request's body (line 352), verbatim
SAMPLE = json.loads(""" {"accountId":"String","customerId":"String","number":"String","isVirtualPhoneNumber":false,"isFaxNumber":false,"addressSid":"String","tagIds":["String"],"data":{"String":{"boolValue":false,"stringValue":"String","numberValue":0,"listValue":[{"String":{"boolValue":false,"stringValue":"String","numberValue":0,"listValue":[{"String":{"boolValue":false,"stringValue":"String","numberValue":0,"listValue":[null]}}],"structValue":{"String":{"boolValue":false,"stringValue":"String","numberValue":0,"listValue":[null]}}}}],"structValue":{"String":{"boolValue":false,"stringValue":"String","numberValue":0,"listValue":[{"String":{"boolValue":false,"stringValue":"String","numberValue":0,"listValue":[null]}}],"structValue":{"String":{"boolValue":false,"stringValue":"String","numberValue":0,"listValue":[null]}}}}}},"flowId":"String","flowParams":{"String":{"boolValue":false,"stringValue":"String","numberValue":0,"listValue":[{"String":{"boolValue":false,"stringValue":"String","numberValue":0,"listValue":[{"String":{"boolValue":false,"stringValue":"String","numberValue":0,"listValue":[null]}}],"structValue":{"String":{"boolValue":false,"stringValue":"String","numberValue":0,"listValue":[null]}}}}],"structValue":{"String":{"boolValue":false,"stringValue":"String","numberValue":0,"listValue":[{"String":{"boolValue":false,"stringValue":"String","numberValue":0,"listValue":[null]}}],"structValue":{"String":{"boolValue":false,"stringValue":"String","numberValue":0,"listValue":[null]}}}}}}} """)  # noqa: E501
#: the sample's request headers (lines 348-349)
HEADERS = {"Accept": "application/json", "Content-Type": "application/json"}
ADDRESS_SID = "AD" + "0123456789abcdef" * 2
#: the sample with its placeholders replaced by actual values
FILLED = {**SAMPLE, "accountId": DEMO_ACCOUNT[0], "customerId": ACME_WEST[0],
          "number": ATLANTA[0], "addressSid": ADDRESS_SID, "tagIds": [VIP["id"]],
          "flowId": MAIN_IVR[0]}


def assert_bought_as_sent(info: dict) -> None:
    """The EndpointInfo of the filled sample: every documented property, and what the
    sample asked for (its Structs kept whole, ``[null]`` lists included)."""
    assert_endpoint_info(info)
    assert (info["phoneNumber"], info["type"]) == (ATLANTA[0], "PhoneNumber")
    assert info["isVirtualPhoneNumber"] is False and info["phoneNumberSid"]
    assert (info["accountId"], info["accountName"]) == DEMO_ACCOUNT
    assert (info["customerId"], info["customerName"]) == ACME_WEST
    assert info["customerBreadcrumb"] == [{"id": i, "name": n} for i, n in (ACME, ACME_WEST)]
    assert (info["flowId"], info["flowName"]) == MAIN_IVR
    assert info["tags"] == [VIP] and info["addressSid"] == ADDRESS_SID
    assert info["data"] == SAMPLE["data"] and info["flowParams"] == SAMPLE["flowParams"]


def test_the_sample_request(evo):
    reply = evo.post(BUY, data=json.dumps(FILLED), headers=HEADERS)
    assert reply.status_code == 200, reply.text
    assert reply.headers["Content-Type"].startswith("application/json")
    assert_bought_as_sent(reply.json())


@pytest.mark.parametrize("path, query", [(BUY + ".json", {}), (BUY, {"format": "json"})],
                         ids=["json-suffix", "format-json"])
@pytest.mark.parametrize("accept", [None, "application/xml", "text/html"])
def test_the_json_suffix_and_format_override_the_accept_header(evo, path, query, accept):
    """Line 338: "To override the Content-type in your clients, use the HTTP Accept
    Header, append the .json suffix or ?format=json": the suffix and ``format`` choose
    JSON whatever Accept the client library sends."""
    headers = {"Content-Type": "application/json", **({"Accept": accept} if accept else {})}
    reply = evo.post(path, params=query, data=json.dumps(FILLED), headers=headers)
    assert reply.status_code == 200, reply.text
    assert reply.headers["Content-Type"].startswith("application/json")
    assert_bought_as_sent(reply.json())


@pytest.mark.parametrize("accept", ["application/json; charset=utf-8",
                                    "application/xml;q=0.9, application/json;q=0.8"])
def test_the_accept_header_with_parameters(evo, accept):
    """The sample's ``Accept: application/json`` with a charset or a quality: the same
    media type."""
    reply = evo.post(BUY, data=json.dumps(FILLED), headers={**HEADERS, "Accept": accept})
    assert reply.status_code == 200, reply.text
    assert reply.headers["Content-Type"].startswith("application/json")
    assert_bought_as_sent(reply.json())


def test_the_jsonp_callback(evo):
    """Line 340: "To embed the response in a jsonp callback, append ?callback=myCallback"."""
    reply = evo.post(BUY, params={"callback": "myCallback"}, data=json.dumps(FILLED),
                     headers=HEADERS)
    assert reply.status_code == 200, reply.text
    assert "javascript" in reply.headers["Content-Type"]
    assert reply.text.startswith("myCallback(") and reply.text.endswith(")")
    assert_bought_as_sent(json.loads(reply.text[len("myCallback("):-1]))


def test_the_sample_with_its_placeholders_is_refused(evo):
    """Sent as written, ``"number": "String"`` is no number to buy: 400 on ``Number``, and
    nothing is bought (docs/providers/evovoice.md, "Seed examples")."""
    reply = evo.post(BUY, data=json.dumps(SAMPLE), headers=HEADERS)
    status = assert_error(reply, 400, "ArgumentException", "Number")
    assert "'String'" in status["message"]
    still_available(evo, ATLANTA[0])
