"""A session as the Zang SDKs run it (issue 5, "The clients our users run"): requests built
the way zang-python's executor and zang-node's http module build them, and every answer
checked against how their domain classes parse it (the SDKs are not on PyPI or npm's
registry here, so their parsing rules are restated: a string where they read a string, an
integer or float where they convert one, an RFC 2822 date where they parse one, and enum
values their enums know; an unknown enum value makes zang-python raise).

zang-python: ``{base}/Accounts/{sid}/SMS/Messages.json``, the body ``urlencode``d from a
dict without ``None``s, Python booleans as ``True``/``False``, dates as ``YYYY-MM-DD``,
list filters ``DateSent>`` and ``DateSent<``. zang-node: PascalCase keys, sorted,
``encodeURIComponent``-encoded, ``content-type: application/x-www-form-urlencoded`` on
POSTs, ``DateSentGte``-style filters. Both parse every answer, DELETE included, as JSON.
"""
from __future__ import annotations

from datetime import date
from urllib.parse import quote, urlencode

import pytest

from .helpers import RFC2822, ok_json, rest_exception

pytestmark = pytest.mark.orders

HTTP_METHOD = {"GET", "POST"}
SMS_STATUS = {"sent", "sending", "queued", "failed", "received", "deleted"}
DIRECTION = {"outbound-api", "incoming", "inbound", "outbound-call", "outbound-reply",
             "outbound"}
NUMBER_TYPE = {"local", "international", "tollfree", "ported", "customer ported"}
AVAILABLE_TYPE = {"local", "tollfree"}          # AvailableNumberType, matched via title()
PRODUCTS = {"Outbound Call", "Inbound Call", "Outbound SMS", "Inbound SMS", "Outbound SIP",
            "Inbound SIP", "Recording", "Recurring DID", "Recurring DID (Premium)",
            "Transcription (Auto)", "Transcription (Hybrid)", "Recurring Inbound Channel",
            "Inbound Call (Channel)", "CNAM Dip", "Carrier Lookup", "Outbound Call (Spoofed)",
            "Inbound Call (Channel Overage)", "Recurring DID Unblock",
            "Inbound Call Unblocked", "Inbound Call Forwarded From"}
LOG_LEVELS = {0, 1, 2}

#: what each SDK domain class converts: key -> "str", "int", "real", "date", "bool",
#: "dict" or a set of enum values (None allowed wherever the SDK skips None)
ACCOUNT = {"sid": "str", "friendly_name": "str", "status": "str", "time_zone": "str",
           "type": "str", "uri": "str", "account_balance": "real",
           "max_outbound_limit": "real", "date_created": "date", "date_updated": "date",
           "subresource_uris": "dict"}
NUMBER = {"sid": "str", "friendly_name": "str", "account_sid": "str", "voice_url": "str",
          "voice_fallback_url": "str", "sms_url": "str", "sms_fallback_url": "str",
          "heartbeat_url": "str", "status_callback": "str", "hangup_callback": "str",
          "api_version": "str", "uri": "str", "date_created": "date", "date_updated": "date",
          "capabilities": "dict", "voice_caller_id_lookup": "bool",
          "voice_method": HTTP_METHOD, "voice_fallback_method": HTTP_METHOD,
          "sms_method": HTTP_METHOD, "sms_fallback_method": HTTP_METHOD,
          "heartbeat_method": HTTP_METHOD, "status_callback_method": HTTP_METHOD,
          "hangup_callback_method": HTTP_METHOD, "type": NUMBER_TYPE}
AVAILABLE = {"sms_enabled": "bool", "supports_forwarded_from": "bool",
             "voice_enabled": "bool", "monthly_cost": "real", "setup_cost": "real",
             "city": "str", "country_code": "str", "exchange": "str", "friendly_name": "str",
             "iso_country": "str", "lata": "str", "latitude": "str", "longitude": "str",
             "npa": "str", "phone_number": "str", "postal_code": "str",
             "rate_center": "str", "region": "str", "type": AVAILABLE_TYPE}
APPLICATION = {"sid": "str", "friendly_name": "str", "account_sid": "str",
               "voice_url": "str", "voice_fallback_url": "str", "sms_url": "str",
               "sms_fallback_url": "str", "heartbeat_url": "str", "status_callback": "str",
               "hangup_callback": "str", "api_version": "str", "uri": "str",
               "date_created": "date", "date_updated": "date",
               "voice_caller_id_lookup": "bool", "voice_method": HTTP_METHOD,
               "voice_fallback_method": HTTP_METHOD, "sms_method": HTTP_METHOD,
               "sms_fallback_method": HTTP_METHOD, "heartbeat_method": HTTP_METHOD,
               "status_callback_method": HTTP_METHOD, "hangup_callback_method": HTTP_METHOD}
SMS = {"api_version": "str", "sid": "str", "account_sid": "str", "to": "str", "from": "str",
       "body": "str", "uri": "str", "price": "real", "date_created": "date",
       "date_updated": "date", "date_sent": "date", "status": SMS_STATUS,
       "direction": DIRECTION}
MMS = {"mms_sid": "str", "account_sid": "str", "to": "str", "from": "str", "body": "str",
       "media_url": "str", "price": "real", "date_created": "date", "date_updated": "date",
       "date_sent": "date", "status": SMS_STATUS, "direction": DIRECTION}
USAGE = {"sid": "str", "uri": "str", "product_id": "int", "day": "int", "month": "int",
         "year": "int", "quantity": "int", "average_cost": "real", "total_cost": "real",
         "product": PRODUCTS}
NOTIFICATION = {"sid": "str", "account_sid": "str", "more_info": "str",
                "response_headers": "str", "response_body": "str", "message_text": "str",
                "request_url": "str", "request_variables": "str", "api_version": "str",
                "uri": "str", "error_code": "int", "date_created": "date",
                "date_updated": "date", "message_date": "date", "log": LOG_LEVELS,
                "request_method": HTTP_METHOD}
#: what zang-python's list classes read besides the array
LIST = {"page": "int", "num_pages": "int", "page_size": "int", "total": "int",
        "start": "int", "end": "int", "uri": "str", "first_page_uri": "str",
        "previous_page_uri": "str", "next_page_uri": "str", "last_page_uri": "str"}


def parses(resource: dict, rules: dict) -> None:
    """Assert ``resource`` converts as the SDK's domain class converts it."""
    for key, rule in rules.items():
        value = resource.get(key)
        if value is None:
            continue                      # the SDKs skip (or keep) a missing value
        if isinstance(rule, set):
            assert value in rule or str(value).title() in {str(r).title() for r in rule}, \
                (key, value)
        elif rule == "int":
            assert value == "" or int(value) is not None, (key, value)
        elif rule == "real":
            float(value)
        elif rule == "date":
            assert RFC2822.fullmatch(value), (key, value)
        elif rule == "bool":
            assert isinstance(value, bool) or str(value).lower() in ("true", "false"), \
                (key, value)
        elif rule == "dict":
            assert isinstance(value, dict), (key, value)
        else:
            assert isinstance(value, str), (key, value)


def parses_list(body: dict, key: str, rules: dict) -> list:
    """Assert a list answer converts, items included; return the items."""
    parses(body, LIST)
    for item in body[key]:
        parses(item, rules)
    return body[key]


def flat(params: dict) -> dict:
    """zang-python's ``flatDict``: no Nones, dates as ``str(date)``, other values as they
    are (``urlencode`` then writes ``True`` for a boolean)."""
    return {k: str(v) if isinstance(v, date) else v for k, v in params.items()
            if v is not None}


class ZangPython:
    """Requests as zang-python's Executor sends them."""

    def __init__(self, api):
        self.api = api

    def read(self, *resource: str, params: dict | None = None) -> dict:
        return ok_json(self.api.get("/" + "/".join(resource) + ".json",
                                    params=flat(params or {})))

    def create(self, *resource: str, data: dict) -> dict:
        return ok_json(self.api.post("/" + "/".join(resource) + ".json",
                                     data=urlencode(flat(data)),
                                     headers={"Content-Type":
                                              "application/x-www-form-urlencoded"}))

    def delete(self, *resource: str) -> dict:
        return ok_json(self.api.delete("/" + "/".join(resource) + ".json"))


class ZangNode:
    """Requests as zang-node's http module sends them: PascalCase keys, sorted, each
    ``encodeURIComponent``-encoded."""

    def __init__(self, api):
        self.api = api

    @staticmethod
    def body(params: dict) -> str:
        return "&".join(f"{quote(str(k), safe='')}={quote(str(v), safe='')}"
                        for k, v in sorted(params.items()))

    def post(self, path: str, params: dict):
        return self.api.post(path, data=self.body(params),
                             headers={"content-type": "application/x-www-form-urlencoded"})


def test_a_zang_python_session(avaya, account):
    sdk = ZangPython(avaya)
    # the Account is the API's root here (zang-python asks for ("Accounts", sid))
    parses(ok_json(avaya.get(".json")), ACCOUNT)
    updated = ok_json(avaya.post(".json", data=urlencode({"FriendlyName": "SDK account"}),
                                 headers={"Content-Type": "application/x-www-form-urlencoded"}))
    parses(updated, ACCOUNT)
    assert updated["sid"] == account[0]

    available = sdk.read("AvailablePhoneNumbers", "US", "Local",
                         params={"Country": "US", "Type": "Local", "AreaCode": "212",
                                 "PageSize": 5, "Page": None})
    (first, *_) = parses_list(available, "available_phone_numbers", AVAILABLE)

    number = sdk.create("IncomingPhoneNumbers", data={
        "PhoneNumber": first["phone_number"], "AreaCode": None, "FriendlyName": "SDK line",
        "VoiceUrl": "https://example.com/voice", "VoiceMethod": "GET",
        "VoiceCallerIdLookup": True, "SmsUrl": None})
    parses(number, NUMBER)
    assert number["voice_caller_id_lookup"] in (True, "true")
    parses(sdk.read("IncomingPhoneNumbers", number["sid"]), NUMBER)
    parses(sdk.create("IncomingPhoneNumbers", number["sid"],
                      data={"SmsUrl": "https://example.com/sms", "SmsMethod": "POST"}), NUMBER)
    listed = sdk.read("IncomingPhoneNumbers", params={"Contains": first["phone_number"][-4:],
                                                      "FriendlyName": None, "Page": 0,
                                                      "PageSize": 10})
    assert [n["sid"] for n in parses_list(listed, "incoming_phone_numbers", NUMBER)] == \
        [number["sid"]]

    app = sdk.create("Applications", data={"FriendlyName": "SDK app",
                                           "VoiceUrl": "https://example.com/app",
                                           "VoiceCallerIdLookup": False})
    parses(app, APPLICATION)
    parses_list(sdk.read("Applications", params={"FriendlyName": "SDK app"}),
                "applications", APPLICATION)

    sms = sdk.create("SMS", "Messages", data={
        "To": "+14155552671", "Body": "Hello from the SDK", "From": number["phone_number"],
        "StatusCallback": None, "StatusCallbackMethod": None, "AllowMultiple": True})
    parses(sms, SMS)
    parses(sdk.read("SMS", "Messages", sms["sid"]), SMS)
    today = date.today()
    messages = sdk.read("SMS", "Messages", params={"To": None, "From": None,
                                                   "DateSent>": today,
                                                   "DateSent<": today.replace(year=today.year + 1),
                                                   "Page": 0, "PageSize": 10})
    assert [m["sid"] for m in parses_list(messages, "sms_messages", SMS)] == [sms["sid"]]

    parses_list(sdk.read("Usages", params={"Product": 8, "Year": None}), "usages", USAGE)
    usages = parses_list(sdk.read("Usages"), "usages", USAGE)
    assert usages and all(u["product"] in PRODUCTS for u in usages)
    parses(sdk.read("Usages", usages[0]["sid"]), USAGE)

    rest_exception(avaya.get(f"/Applications/AP{'0' * 32}.json"), 404, 21227)
    notes = parses_list(sdk.read("Notifications", params={"Log": 0}), "notifications",
                        NOTIFICATION)
    assert notes
    parses(sdk.read("Notifications", notes[0]["sid"]), NOTIFICATION)

    parses(sdk.delete("Applications", app["sid"]), APPLICATION)
    deleted = sdk.delete("IncomingPhoneNumbers", number["sid"])
    parses(deleted, NUMBER)
    assert deleted["sid"] == number["sid"]


def test_a_zang_node_session(avaya):
    node = ZangNode(avaya)
    number = ok_json(node.post("/IncomingPhoneNumbers.json", {"AreaCode": "415"}))
    parses(number, NUMBER)
    sms = ok_json(node.post("/SMS/Messages.json", {
        "To": "+14155552671", "From": number["phone_number"], "Body": "Hi & bye = 100%",
        "AllowMultiple": "true", "StatusCallbackMethod": "POST"}))
    assert sms["body"] == "Hi & bye = 100%"
    parses(sms, SMS)
    mms = ok_json(node.post("/MMS/Messages.json", {
        "To": "+14155552671", "From": number["phone_number"], "Body": "a picture",
        "MediaUrl": "https://example.com/cat.jpg", "AllowMultiple": "false"}))
    parses(mms, MMS)
    today = date.today().isoformat()
    listed = ok_json(avaya.get("/SMS/Messages.json", params={"DateSentGte": today}))
    assert [m["sid"] for m in parses_list(listed, "sms_messages", SMS)] == [sms["sid"]]
