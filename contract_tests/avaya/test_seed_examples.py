"""The example requests of seed 004_0bee4f3fb019fb3f.txt (Avaya Communications APIs), replayed
as the seed writes them: the intro's examples (lines 55-300: the invalid-credentials
RestException, a call viewed as XML by default and as ``.json``, the call list as ``.csv``,
paging with ``Page``/``PageSize`` joined by ``&amp;``), then one documented request URL per
endpoint (the lines starting ``https://api.zang.io/v2/...``) with the parameters its table
marks required and the seed's own example values where it gives them, each checked against
the documented status and the fields its "Response Parameters" list.

This file: the intro, Account, Usages, Notifications, Applications, phone numbers, MMS,
lookups and fraud control. Voice (calls, live calls, recordings, transcriptions,
conferences) is in test_seed_examples_voice.py, SIP in test_seed_examples_sip.py, and the
seed's "Allowed values" lines in test_seed_allowed_values.py.

Placeholders: ``{AccountSid}`` / ``:AccountSid`` is the test's account (the ``avaya``
fixture's root); every other SID (``:ApplicationSid``, ``:IncomingPhoneNumberSid``,
``:UsageSid``...) is one the test first creates with the seed's own create request (Add
Number, Create Application, Send MMS...) or reads from the seed's list request. The seed's
``/version/`` and ``/2/`` in place of ``/v2/`` are read as ``/v2/`` (docs/providers/avaya.md,
"Seed examples"). The response field lists are the seed's, under the spellings the docs
record (``hearbeat_url`` as ``heartbeat_url``...): the constants of the resource's own
contract tests.
"""
from __future__ import annotations

import pytest

from ..conftest import make_api
from .conftest import REAL_BASE, basic
from .helpers import (PAGING_FIELDS, ok_csv, ok_json, ok_xml, query_of, rest_exception,
                      sid_of)
from .numbering import AVAILABLE_FIELDS, NUMBER_FIELDS
from .test_account import ACCOUNT_FIELDS
from .test_applications import FIELDS as APPLICATION_FIELDS
from .test_byoc import VENDOR
from .test_calls import FIELDS as CALL_FIELDS
from .test_fraud import AUTHORIZED_FIELDS, RULE_FIELDS, ok_rule
from .test_lookups import BNA_FIELDS, CARRIER_FIELDS, CNAM_FIELDS, US
from .test_mms import FIELDS as MMS_FIELDS, MEDIA
from .test_notifications import FIELDS as NOTIFICATION_FIELDS, refuse_a_view
from .test_sms import TO, buy
from .test_usages import FIELDS as USAGE_FIELDS

APP = "https://example.com/app.xml"


def has_fields(resource: dict, fields) -> dict:
    """Check that ``resource`` has every field the seed lists for it; return it."""
    missing = [name for name in fields if name not in resource]
    assert not missing, (missing, resource)
    return resource


def a_page(body: dict, list_key: str) -> list:
    """Check a JSON list's paging fields (the seed's list Response Parameters) and the
    resource-named array; return the items."""
    has_fields(body, PAGING_FIELDS)
    assert isinstance(body[list_key], list), body
    return body[list_key]


# -- The intro (lines 55-300) -------------------------------------------------------------------

def test_invalid_credentials_answer_the_seed_s_exception(avaya):
    """Response: "an exception response ... when a request is made with invalid
    credentials": 403, code 10004, the MoreInfo link, as XML."""
    reply = avaya.get("/Calls", replace_headers=True)
    body = rest_exception(reply, 403, 10004, "xml")
    assert body["message"] == "Invalid credentials"
    assert body["more_info"] == "http://www.zang.io/docs/api/rest/overview/errors/10004"


@pytest.mark.orders
def test_a_call_is_xml_by_default_json_with_the_suffix_and_listed_as_csv(avaya):
    """XML Response ``/Calls/{CallSid}``, JSON Response ``/Calls/{CallSid}.json`` and CSV
    Response ``/Calls.csv``: the same call, every field of the examples."""
    made = ok_json(avaya.post("/Calls.json", data={"To": TO, "From": "+12223334444",
                                                   "Url": APP}))
    (element,) = list(ok_xml(avaya.get(f"/Calls/{made['sid']}")))
    assert element.tag == "Call"
    assert [child.tag for child in element] == [
        "DateUpdated", "ParentCallSid", "Duration", "From", "To", "CallerIdBlocked",
        "AnsweredBy", "Sid", "RecordingsCount", "Price", "ApiVersion", "Status",
        "Direction", "StartTime", "DateCreated", "SubresourceUris", "ForwardedFrom", "Uri",
        "AccountSid", "DurationBilled", "EndTime", "PhoneNumberSid"]
    assert [c.tag for c in element.find("SubresourceUris")] == ["Notifications", "Recordings"]
    viewed = ok_json(avaya.get(f"/Calls/{made['sid']}.json"))
    assert list(viewed) == CALL_FIELDS
    assert set(viewed["subresource_uris"]) == {"notifications", "recordings"}
    (row,) = ok_csv(avaya.get("/Calls.csv"))
    assert list(row) == CALL_FIELDS and row["sid"] == made["sid"]


@pytest.mark.orders
@pytest.mark.parametrize("query, page", [("Page=0&amp;PageSize=2", 0),
                                         ("Page=1&amp;PageSize=2", 1),
                                         ("Page=1&PageSize=2", 1)],
                         ids=["first-amp", "next-amp", "plain-amp-free"])
def test_the_paging_example_s_links_are_followed(avaya, query, page):
    """Response Paging: ``Calls.xml?Page=0&amp;PageSize=2`` (the seed's firstpageuri, with
    the ``&amp;`` it recommends) and its plain ``&`` lastpageuri form; the XML list carries
    the example's attributes."""
    for _ in range(3):
        ok_json(avaya.post("/Calls.json", data={"To": TO, "From": "+12223334444", "Url": APP}))
    (calls,) = list(ok_xml(avaya.get(f"/Calls.xml?{query}")))
    assert calls.tag == "Calls"
    assert set(calls.attrib) == {"end", "firstpageuri", "lastpageuri", "nextpageuri",
                                 "numpages", "page", "pagesize", "previouspageuri", "start",
                                 "total", "uri"}
    assert (calls.get("page"), calls.get("pagesize"), calls.get("total")) == \
        (str(page), "2", "3")
    assert len(calls) == (2 if page == 0 else 1)
    assert query_of(calls.get("firstpageuri")) == {"Page": "0", "PageSize": "2"}


# -- Account, Usages, Notifications ---------------------------------------------------------------

def test_view_account(avaya, account):
    """View Account: ``/Accounts/:AccountSid.json``."""
    body = has_fields(ok_json(avaya.get(".json")), ACCOUNT_FIELDS)
    assert body["sid"] == account[0]


def test_update_account_without_parameters_and_with_friendly_name(avaya):
    """Update Account: no parameter is required; FriendlyName is its only one."""
    has_fields(ok_json(avaya.post(".json")), ACCOUNT_FIELDS)
    body = ok_json(avaya.post(".json", data={"FriendlyName": "Seed example"}))
    assert has_fields(body, ACCOUNT_FIELDS)["friendly_name"] == "Seed example"


@pytest.mark.orders
def test_list_and_view_usages(avaya):
    """List Usages ``/Usages.json`` (no parameter required), then View Usage
    ``/Usages/:UsageSid.json`` with a SID from it (Add Number makes a usage)."""
    buy(avaya)
    usages = a_page(ok_json(avaya.get("/Usages.json")), "usages")
    assert usages
    for usage in usages:
        has_fields(usage, USAGE_FIELDS)
    viewed = ok_json(avaya.get(f"/Usages/{usages[0]['sid']}.json"))
    assert has_fields(viewed, USAGE_FIELDS)["sid"] == usages[0]["sid"]


def test_list_and_view_notifications(avaya):
    """List Notifications ``/Notifications.json``, then View Notification
    ``/Notifications/:NotificationSid.json`` (a refused request makes one)."""
    refuse_a_view(avaya)
    (note,) = a_page(ok_json(avaya.get("/Notifications.json")), "notifications")
    viewed = ok_json(avaya.get(f"/Notifications/{note['sid']}.json"))
    assert has_fields(viewed, NOTIFICATION_FIELDS) == note


# -- Applications ---------------------------------------------------------------------------------

def test_applications_create_view_update_list_delete(avaya):
    """Create Application ``/Applications.json`` (nothing required), View, Update and
    Delete ``/Applications/:ApplicationSid.json``, List ``/Applications.json``."""
    made = has_fields(ok_json(avaya.post("/Applications.json")), APPLICATION_FIELDS)
    assert sid_of("AP").fullmatch(made["sid"])
    path = f"/Applications/{made['sid']}.json"
    assert ok_json(avaya.get(path)) == made
    updated = ok_json(avaya.post(path, data={"FriendlyName": "Seed example"}))
    assert has_fields(updated, APPLICATION_FIELDS)["friendly_name"] == "Seed example"
    (listed,) = a_page(ok_json(avaya.get("/Applications.json")), "applications")
    assert listed == updated
    assert ok_json(avaya.delete(path))["sid"] == made["sid"]
    rest_exception(avaya.get(path), 404, 21227)


# -- Phone numbers --------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["Local", "Tollfree"])
def test_list_available_numbers(avaya, kind):
    """List Available Numbers ``/AvailablePhoneNumbers/:Country/:Type.json`` with the
    required Country and Type only (the seed writes ``/2/`` for ``/v2/``)."""
    body = ok_json(avaya.get(f"/AvailablePhoneNumbers/US/{kind}.json"))
    items = body["available_phone_numbers"]
    assert items
    for item in items:
        has_fields(item, AVAILABLE_FIELDS)


@pytest.mark.orders
def test_numbers_add_list_view_update_delete(avaya):
    """Add Number ``/IncomingPhoneNumbers.json`` with an AreaCode ("An AreaCode or
    PhoneNumber must be specified"), List Numbers, View Number as the seed writes it
    (``/IncomingPhoneNumbers/IncomingNumberSid``, no suffix: XML), Update and Delete
    ``/IncomingPhoneNumbers/:IncomingPhoneNumberSid.json``."""
    added = has_fields(ok_json(avaya.post("/IncomingPhoneNumbers.json",
                                          data={"AreaCode": "212"})), NUMBER_FIELDS)
    (listed,) = a_page(ok_json(avaya.get("/IncomingPhoneNumbers.json")),
                       "incoming_phone_numbers")
    assert listed == added
    (element,) = list(ok_xml(avaya.get(f"/IncomingPhoneNumbers/{added['sid']}")))
    assert element.tag == "IncomingPhoneNumber" and element.findtext("Sid") == added["sid"]
    path = f"/IncomingPhoneNumbers/{added['sid']}.json"
    updated = ok_json(avaya.post(path, data={"FriendlyName": "Seed example"}))
    assert has_fields(updated, NUMBER_FIELDS)["friendly_name"] == "Seed example"
    assert ok_json(avaya.delete(path))["sid"] == added["sid"]
    assert ok_json(avaya.get("/IncomingPhoneNumbers.json"))["incoming_phone_numbers"] == []


@pytest.mark.orders
def test_add_number_by_phone_number(avaya):
    """Add Number with PhoneNumber, one taken from List Available Numbers."""
    free = ok_json(avaya.get("/AvailablePhoneNumbers/US/Local.json"))
    number = free["available_phone_numbers"][0]["phone_number"]
    added = ok_json(avaya.post("/IncomingPhoneNumbers.json", data={"PhoneNumber": number}))
    assert has_fields(added, NUMBER_FIELDS)["phone_number"] == number


@pytest.mark.orders
@pytest.mark.parametrize("update_path, delete_path", [("Numbers/BYOC", "Numbers/Byoc")])
def test_byoc_example_url_then_list_update_delete(avaya, update_path, delete_path):
    """The BYOC example URL verbatim but for its ``< CarrierName >`` placeholder
    (``Byoc.json?ByocVendor=...&PhoneNumber=39111111111&Type=Local``, a POST), List Numbers
    ``/Numbers/Byoc.json``, Update Number at ``/Numbers/BYOC/:IncomingPhoneNumberSid.json``
    and Delete Number at ``/Numbers/Byoc/:IncomingPhoneNumberSid.json``: the seed's two
    spellings."""
    reply = avaya.post(f"/Byoc.json?ByocVendor={VENDOR}&PhoneNumber=39111111111&Type=Local")
    added = has_fields(ok_json(reply), NUMBER_FIELDS)
    assert added["phone_number"] == "+39111111111"
    (listed,) = a_page(ok_json(avaya.get("/Numbers/Byoc.json")), "incoming_phone_numbers")
    assert listed["sid"] == added["sid"]
    updated = ok_json(avaya.post(f"/{update_path}/{added['sid']}.json",
                                 data={"FriendlyName": "Brought"}))
    assert has_fields(updated, NUMBER_FIELDS)["friendly_name"] == "Brought"
    assert ok_json(avaya.delete(f"/{delete_path}/{added['sid']}.json"))["sid"] == added["sid"]


@pytest.mark.parametrize("prefix", ["version", "2"])
def test_the_seed_s_version_placeholders_are_no_paths(target, account, mock_only, prefix):
    """``/version/Accounts/...`` and ``/2/Accounts/...`` (List Numbers, Update Number) are
    read as ``/v2/`` (the Base URL section gives only ``/v2``); written literally they are
    no route: 404 21501."""
    api = make_api(target, "avaya", f"/{prefix}/Accounts/{account[0]}", REAL_BASE,
                   basic(*account))
    rest_exception(api.get("/IncomingPhoneNumbers.json"), 404, 21501)


# -- MMS ------------------------------------------------------------------------------------------

@pytest.mark.orders
def test_view_mms(avaya):
    """View MMS ``/MMS/Messages/{MMSSid}.json`` for an MMS sent with Send MMS's From, To and
    MediaUrl."""
    number = buy(avaya)
    sent = ok_json(avaya.post("/MMS/Messages.json", data={"From": number, "To": TO,
                                                         "MediaUrl": MEDIA}))
    viewed = ok_json(avaya.get(f"/MMS/Messages/{sent['mms_sid']}.json"))
    assert has_fields(viewed, MMS_FIELDS)["mms_sid"] == sent["mms_sid"]


# -- Lookups --------------------------------------------------------------------------------------

#: "mnc" and "mcc" are "only returned if available" (Carrier Lookup), and US numbers have none
CARRIER_ALWAYS = [name for name in CARRIER_FIELDS if name not in ("mnc", "mcc")]


@pytest.mark.parametrize("kind, fields, list_key", [
    ("Carrier", CARRIER_ALWAYS, "carrier_lookups"), ("Cnam", CNAM_FIELDS, "cnam_lookups"),
    ("Bna", BNA_FIELDS, "bna_lookups")])
def test_lookup_and_its_list(avaya, kind, fields, list_key):
    """Carrier, CNAM and BNA Lookup: POST ``/Lookups/{Kind}.json`` with the required
    PhoneNumber; the Lookup List at the same URL with GET."""
    found = has_fields(ok_json(avaya.post(f"/Lookups/{kind}.json", data={"PhoneNumber": US})),
                       fields)
    (listed,) = a_page(ok_json(avaya.get(f"/Lookups/{kind}.json")), list_key)
    assert listed["sid"] == found["sid"]


# -- Fraud control --------------------------------------------------------------------------------

def test_fraud_block_authorize_extend_whitelist_and_list(avaya):
    """Block, Authorize, Extend and Whitelist ``/Fraud/{Action}/{CountryCode}.json`` with
    only the required CountryCode (each rule inside its status key, as the docs record),
    then List Fraud Control Resources ``/Fraud.json``."""
    has_fields(ok_rule(avaya, "Block", "DE"), RULE_FIELDS)
    has_fields(ok_rule(avaya, "Authorize", "DE"), AUTHORIZED_FIELDS)
    has_fields(ok_rule(avaya, "Extend", "DE"), AUTHORIZED_FIELDS)
    has_fields(ok_rule(avaya, "Whitelist", "FR"), RULE_FIELDS)
    frauds = a_page(ok_json(avaya.get("/Fraud.json")), "frauds")
    listed = {fields["country_code"]: status for item in frauds
              for status, fields in item.items()}
    assert (listed["DE"], listed["FR"]) == ("authorized", "whitelisted"), listed
