"""SMS (seed 004, Send SMS, View SMS, List SMS) at ``/SMS/Messages``, the Zang SDKs' path:
the resource in XML, JSON and CSV, the body rules (160 GSM-7 / 70 Unicode characters a
unit, 153 / 67 in long messages, at most 765 / 335, one unit abroad), list filters and
paging, and every refusal with its status and code (docs/providers/avaya.md). Sending
costs money on a real account: every test that sends is marked ``orders``."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime
from decimal import Decimal

import pytest

from .conftest import TRIAL, SUSPENDED, account_api
from .helpers import RFC2822, assert_paging, ok_csv, ok_json, ok_xml, path_of, \
    rest_exception, sid_of

pytestmark = pytest.mark.orders
SMS = "/SMS/Messages"
TO = "+14155552671"                 # a valid US number outside the account
TO_CA = "+14165550123"
TO_GB = "+442071838750"
#: every status and direction the Zang SDKs' enums know
STATUSES = {"sent", "sending", "queued", "failed", "received", "deleted"}
DIRECTIONS = {"outbound-api", "incoming", "inbound", "outbound-call", "outbound-reply",
              "outbound"}
FIELDS = ["body", "status", "direction", "date_updated", "price", "from", "uri",
          "account_sid", "to", "sid", "date_sent", "date_created", "api_version"]


def buy(api, area_code: str = "212") -> str:
    """A number of the account's own, bought by area code: its E.164 form."""
    return ok_json(api.post("/IncomingPhoneNumbers.json",
                            data={"AreaCode": area_code}))["phone_number"]


def held_or_bought(api) -> str:
    """The account's first number, bought if it holds none (a trial account may hold one,
    and a running server keeps the fixture accounts from test to test)."""
    held = ok_json(api.get("/IncomingPhoneNumbers.json"))["incoming_phone_numbers"]
    return held[0]["phone_number"] if held else buy(api)


@pytest.fixture
def number(avaya) -> str:
    """An SMS-capable number of the test's account."""
    return buy(avaya)


def listed(api, path: str, list_key: str, sid_key: str, **params) -> list[str]:
    """The SIDs a JSON list answers with ``params``, in its order."""
    return [item[sid_key] for item in ok_json(api.get(f"{path}.json", params=params))[list_key]]


def send(api, number: str, fmt: str = ".json", **params):
    """POST Send SMS from ``number``, To and Body defaulted."""
    data = {"To": TO, "From": number, "Body": "Hello from the mock"}
    data.update(params)
    return api.post(f"{SMS}{fmt}", data={k: v for k, v in data.items() if v is not None})


def sent(api, number: str, **params) -> dict:
    """The SMS resource of a successful send."""
    return ok_json(send(api, number, **params))


# -- the resource ----------------------------------------------------------------------------

def test_send_answers_the_queued_sms_in_json(avaya, number):
    sms = sent(avaya, number, To="+1 (415) 555-2671")
    assert list(sms) == FIELDS
    assert sid_of("SM").fullmatch(sms["sid"])
    assert sms["to"] == TO and sms["from"] == number
    assert sms["body"] == "Hello from the mock"
    assert sms["status"] in STATUSES and sms["status"] == "queued"
    assert sms["direction"] == "outbound-api"
    assert isinstance(sms["price"], str) and Decimal(sms["price"]) > 0
    assert RFC2822.fullmatch(sms["date_created"]) and RFC2822.fullmatch(sms["date_updated"])
    assert sms["date_sent"] is None
    assert sms["api_version"] == "v2"
    account = ok_json(avaya.get(".json"))["sid"]
    assert sms["account_sid"] == account
    assert sms["uri"].endswith(f"/v2/Accounts/{account}/SMS/Messages/{sms['sid']}")


def test_send_in_xml_and_csv(avaya, number):
    root = ok_xml(send(avaya, number, fmt=""))
    element = root.find("SmsMessage")
    assert element is not None, ET.tostring(root)
    assert element.findtext("Status") == "queued"
    assert element.findtext("Direction") == "outbound-api"
    assert sid_of("SM").fullmatch(element.findtext("Sid"))
    [row] = ok_csv(send(avaya, number, fmt=".csv"))
    assert list(row) == FIELDS and row["status"] == "queued" and row["to"] == TO


def test_view_in_every_format(avaya, number):
    sms = sent(avaya, number)
    viewed = ok_json(avaya.get(f"{SMS}/{sms['sid']}.json"))
    assert viewed["sid"] == sms["sid"] and viewed["body"] == sms["body"]
    assert viewed["status"] in ("queued", "sending", "sent")
    element = ok_xml(avaya.get(f"{SMS}/{sms['sid']}")).find("SmsMessage")
    assert element.findtext("Sid") == sms["sid"] and element.findtext("To") == TO
    [row] = ok_csv(avaya.get(f"{SMS}/{sms['sid']}.csv"))
    assert row["sid"] == sms["sid"] and row["price"] == sms["price"]


def test_the_uri_leads_back_to_the_sms(avaya, number):
    sms = sent(avaya, number)
    assert ok_json(avaya.get(path_of(sms["uri"], avaya) + ".json"))["sid"] == sms["sid"]


def test_view_of_an_unknown_sid_is_21227(avaya):
    rest_exception(avaya.get(f"{SMS}/SM{'0' * 32}.json"), 404, 21227)
    rest_exception(avaya.get(f"{SMS}/SM{'0' * 32}"), 404, 21227, fmt="xml")


# -- units and prices ------------------------------------------------------------------------

@pytest.mark.parametrize("short, long_", [("a" * 160, "a" * 161),        # GSM-7: 160, then 153s
                                          ("é" * 160, "é" * 161),      # é is GSM-7 too
                                          ("ж" * 70, "ж" * 71),        # Unicode: 70, then 67s
                                          ("a" * 158 + "€", "a" * 159 + "€")])
def test_a_body_over_one_unit_costs_two(avaya, number, short, long_):
    one = Decimal(sent(avaya, number, Body=short)["price"])
    assert Decimal(sent(avaya, number, Body=long_)["price"]) == one * 2


def test_the_longest_bodies_cost_five_units(avaya, number):
    one = Decimal(sent(avaya, number, Body="x")["price"])
    assert Decimal(sent(avaya, number, Body="x" * 765)["price"]) == one * 5
    assert Decimal(sent(avaya, number, Body="ж" * 335)["price"]) == one * 5
    assert Decimal(sent(avaya, number, Body="x" * 307)["price"]) == one * 3


def test_extension_characters_count_twice(avaya, number):
    one = Decimal(sent(avaya, number, Body="{" * 80)["price"])          # 160 septets
    assert Decimal(sent(avaya, number, Body="{" * 81)["price"]) == one * 2


@pytest.mark.parametrize("body, code", [("x" * 766, 21605), ("ж" * 336, 21610),
                                        ("{" * 383 + "x", 21605)])
def test_a_body_over_the_most_is_message_size_exceeded(avaya, number, body, code):
    error = rest_exception(send(avaya, number, Body=body), 400, code)
    assert error["message"] == "Message size is exceeded"


def test_international_destinations_take_one_unit(avaya, number):
    assert sent(avaya, number, To=TO_GB, Body="x" * 160)["to"] == TO_GB
    error = rest_exception(send(avaya, number, To=TO_GB, Body="x" * 161), 400, 21605)
    assert error["message"] == "Maximum SMS body length is 160 characters"
    rest_exception(send(avaya, number, To=TO_GB, Body="ж" * 71), 400, 21610)
    assert sent(avaya, number, To=TO_CA, Body="x")["to"] == TO_CA


def test_allow_multiple_false_holds_a_body_to_one_unit(avaya, number):
    rest_exception(send(avaya, number, Body="x" * 161, AllowMultiple="False"), 400, 21605)
    rest_exception(send(avaya, number, Body="ж" * 71, AllowMultiple="false"), 400, 21610)
    assert sent(avaya, number, Body="x" * 160, AllowMultiple="False")["status"] == "queued"
    assert sent(avaya, number, Body="x" * 161, AllowMultiple="True")["status"] == "queued"


def test_sending_charges_the_account(avaya, number):
    before = Decimal(ok_json(avaya.get(".json"))["account_balance"])
    sms = sent(avaya, number, Body="x" * 200)
    after = Decimal(ok_json(avaya.get(".json"))["account_balance"])
    assert before - after == Decimal(sms["price"])


# -- refusals --------------------------------------------------------------------------------

@pytest.mark.parametrize("missing, code", [("To", 21604), ("From", 21603), ("Body", 21602)])
def test_a_missing_parameter_is_refused(avaya, number, missing, code):
    rest_exception(send(avaya, number, **{missing: None}), 400, code)
    rest_exception(send(avaya, number, fmt="", **{missing: "  "}), 400, code, fmt="xml")


@pytest.mark.parametrize("params, status, code", [
    ({"To": "+1555"}, 400, 21211),
    ({"To": "4155552671"}, 400, 21211),               # no country code
    ({"From": "not-a-number"}, 400, 21212),
    ({"From": "+14155550123"}, 400, 21606),           # not a number of this account
    ({"Body": "bell \x07"}, 400, 14103),
    ({"StatusCallback": "callback.url"}, 400, 14105),
    ({"StatusCallback": "https://example.com/" + "x" * 200}, 400, 12301),
    ({"StatusCallbackMethod": "PUT"}, 400, 14104),
    ({"Priority": "high"}, 400, 20001),
    ({"To": "+8613812345678"}, 400, 31010),           # a destination without SMS
])
def test_refusals(avaya, number, params, status, code):
    rest_exception(send(avaya, number, **params), status, code)


def test_to_equal_to_from_is_21611(avaya, number):
    rest_exception(send(avaya, number, To=number), 400, 21611)


def test_a_refused_send_leaves_nothing_behind(avaya, number):
    balance = ok_json(avaya.get(".json"))["account_balance"]
    rest_exception(send(avaya, number, Body="x" * 766), 400, 21605)
    assert ok_json(avaya.get(f"{SMS}.json"))["total"] == 0
    assert ok_json(avaya.get(".json"))["account_balance"] == balance


@pytest.mark.parametrize("path, params, code", [
    (SMS, {"Body": "hi"}, 80001), ("/MMS/Messages", {"MediaUrl": "https://x.example/a.gif"}, 80002)])
def test_a_trial_account_sends_to_the_us_only(target, mock_only, path, params, code):
    trial = account_api(target, *TRIAL)
    number = held_or_bought(trial)
    to_us = trial.post(f"{path}.json", data={"To": TO, "From": number, **params})
    assert ok_json(to_us)["to"] == TO
    to_canada = trial.post(f"{path}.json", data={"To": TO_CA, "From": number, **params})
    rest_exception(to_canada, 403, code)


def test_a_suspended_account_sends_nothing(target, mock_only):
    suspended = account_api(target, *SUSPENDED)
    rest_exception(send(suspended, "+12125550123"), 403, 20005)


# -- the list --------------------------------------------------------------------------------

def test_an_empty_list(avaya):
    body = ok_json(avaya.get(f"{SMS}.json"))
    assert assert_paging(body, "sms_messages", page=0, page_size=50, total=0) == []
    root = ok_xml(avaya.get(SMS))
    assert root[0].tag == "SmsMessages" and root[0].get("total") == "0"
    assert ok_csv(avaya.get(f"{SMS}.csv")) == []


def test_the_list_is_newest_first_in_every_format(avaya, number):
    sids = [sent(avaya, number, Body=f"message {i}")["sid"] for i in range(3)]
    body = ok_json(avaya.get(f"{SMS}.json"))
    items = assert_paging(body, "sms_messages", page=0, page_size=50, total=3)
    assert [item["sid"] for item in items] == sids[::-1]
    assert all(list(item) == FIELDS for item in items)
    root = ok_xml(avaya.get(SMS))
    listed = root.find("SmsMessages")
    assert listed.get("total") == "3" and listed.get("pagesize") == "50"
    assert [e.findtext("Sid") for e in listed.findall("SmsMessage")] == sids[::-1]
    assert [row["sid"] for row in ok_csv(avaya.get(f"{SMS}.csv"))] == sids[::-1]


def test_paging_at_the_edges(avaya, number):
    sids = [sent(avaya, number, Body=f"m{i}")["sid"] for i in range(4)][::-1]
    first = ok_json(avaya.get(f"{SMS}.json", params={"PageSize": 2}))
    assert [i["sid"] for i in assert_paging(first, "sms_messages", page=0, page_size=2,
                                            total=4)] == sids[:2]
    last = ok_json(avaya.get(path_of(first["next_page_uri"], avaya)))
    assert [i["sid"] for i in assert_paging(last, "sms_messages", page=1, page_size=2,
                                            total=4)] == sids[2:]
    beyond = ok_json(avaya.get(f"{SMS}.json", params={"Page": 2, "PageSize": 2}))
    assert assert_paging(beyond, "sms_messages", page=2, page_size=2, total=4) == []
    partial = ok_json(avaya.get(f"{SMS}.json", params={"Page": 1, "PageSize": 3}))
    assert [i["sid"] for i in assert_paging(partial, "sms_messages", page=1, page_size=3,
                                            total=4)] == sids[3:]


def test_filters_by_to_from_status_and_direction(avaya, number):
    us = sent(avaya, number, To=TO)["sid"]
    ca = sent(avaya, number, To=TO_CA)["sid"]
    other = buy(avaya, "415")
    from_other = sent(avaya, other, To=TO)["sid"]

    def sids(**params) -> list[str]:
        return listed(avaya, SMS, "sms_messages", "sid", **params)
    assert sids(To=TO) == [from_other, us]
    assert sids(To="1 (416) 555-0123") == [ca]
    assert sids(From=other) == [from_other]
    assert sids(To=TO, From=number) == [us]
    assert sids(Direction="outbound-api") == [from_other, ca, us]
    assert sids(Direction="incoming") == []
    assert set(sids(Status="queued") + sids(Status="sending")
               + sids(Status="sent")) == {us, ca, from_other}
    assert sids(Status="failed") == []


def test_filters_by_date_sent(avaya, number):
    sms = sent(avaya, number)
    day = sms["date_created"][5:16]            # "15 Jan 2030"
    today = datetime.strptime(day, "%d %b %Y").date()

    def total(params) -> int:
        return ok_json(avaya.get(f"{SMS}.json", params=params))["total"]
    assert total({"DateSent": today.isoformat()}) == 1
    assert total({"DateSent>": today.isoformat()}) == 1        # zang-python's DateSent>=
    assert total({"DateSent<": today.isoformat()}) == 1
    assert total({"DateSent>": "2999-01-01"}) == 0
    assert total({"DateSent<": "2000-01-01"}) == 0
    rest_exception(avaya.get(f"{SMS}.json", params={"DateSent": "yesterday"}), 400, 32005)
