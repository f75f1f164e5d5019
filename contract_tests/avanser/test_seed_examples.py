"""Every example request of seed 002_c5f96eabcc7f1588.txt (AVANSER Telco API v1), replayed as
the seed writes it: method, path (trailing slash included), query and body, each checked
against the documented status and response shape. Where an id must exist first (a request,
a service, a template), the test creates it with another of the seed's examples.

The bodies below are the seed's JSON code blocks and its Inbound Request attribute sample,
copied verbatim (the seed is not shipped with the project). docs/providers/avanser.md,
"Seed examples", says how the allocation fragments are completed.
"""
from __future__ import annotations

import json

import pytest

from .helpers import HEX32, assert_search_element, assert_transaction, ok
from .lifecycle import REQUEST_FIELDS, SERVICE_FIELDS, TIMEOUT, find_request, services

pytestmark = pytest.mark.orders

# -- Requests: "Automatic number allocation" fragments (service_number only) ---------------
BY_LOCATION = json.loads(""" { "service_number": { "country": "AU", "search_type": "location", "location": "LEVEL 2 150-152 Elizabeth St, 2000 NSW Australia", "radius": 20 } } """)  # noqa: E501
BY_COORDINATES = json.loads(""" { "service_number": { "country": "AU", "search_type": "location", "lat": -33.865143, "lng": 151.209900, "radius": 20 } } """)  # noqa: E501
BY_NUMBER = json.loads(""" { "service_number": { "country": "AU", "search_type": "number", "number": "61290081596" } } """)  # noqa: E501
BY_NUMBER_TYPE = json.loads(""" { "service_number": { "country": "AU", "search_type": "number_type", "number_type": "MOBILE" } } """)  # noqa: E501
BY_SZU = json.loads(""" { "service_number": { "country": "AU", "search_type": "szu", "szu": "sydney" } } """)  # noqa: E501

# -- Requests: the three complete examples ------------------------------------------------
NEW_TRANSFER = json.loads(""" { "name": "TAPI Transfer EXAMPLE", "custom_id": "tapi-transfer-example-1", "service_number": { "country": "AU", "search_type": "number_type", "number_type": "MOBILE" }, "service": { "type": "transfer", "answer_point_name": "TAPI answer point EXAMPLE #1", "answer_point": "61420123123", "call_whisper": "https://example.tld/audio/call_whisper.wav", "voicemail": "https://example.tld/audio/voicemail.wav", "record_call": false, "call_reporting": { "report": "none" } }, "call_uri": "http://example.tld/debug.php?call-uri", "sms_forward_uri": "http://example.tld/debug.php?sms_forward_uri", "callback_uri": "http://example.tld/debug.php?callback_uri" } """)  # noqa: E501
NEW_VOICEMAIL = json.loads(""" { "name": "TAPI Voicemail EXAMPLE", "custom_id": "tapi-voicemail-example-1", "service_number": { "country": "AU", "search_type": "number_type", "number_type": "MOBILE" }, "service": { "type": "voicemail", "answer_point_name": "TAPI answer point EXAMPLE #2", "voicemail": "https://example.tld/audio/voicemail.mp3", "call_reporting": { "report": "missed", "email": { "subject": "call for Voicemail", "email_to": [ "no-reply@avanser.com.au" ], "template": "html_email_template" }, "sms": { "mobile": "61420123123", "template": "text_sms_template" } } }, "call_uri": "http://example.tld/debug.php?call-uri", "sms_forward_uri": "http://example.tld/debug.php?sms_forward_uri", "callback_uri": "http://example.tld/debug.php?callback_uri" } """)  # noqa: E501
NEW_PROMPT = json.loads(""" { "name": "TAPI Prompt EXAMPLE", "custom_id": "tapi-prompt-example-1", "service_number": { "country": "AU", "search_type": "number_type", "number_type": "MOBILE" }, "service": { "type": "prompt", "answer_point_name": "TAPI answer point EXAMPLE #3", "call_greeting" : "https://example.tld/audio/call_greeting.wav" }, "call_reporting": { "report": "missed", "email": { "subject": "call for Prompt", "email_to": [ "no-reply@avanser.com.au" ], "template": "html_email_template" }, "sms": { "mobile": "61420123123", "template": "text_sms_template" } }, "call_uri": "http://example.tld/debug.php?call-uri", "sms_forward_uri": "http://example.tld/debug.php?sms_forward_uri", "callback_uri": "http://example.tld/debug.php?callback_uri" } """)  # noqa: E501

#: the Inbound Request's attribute sample values (MSON), as a body: ``sms.mobile``
#: 614200220001 is not an assigned number, and the seed asks for none
INBOUND_REQUEST_SAMPLE = {
    "name": "Tracking Service 1", "custom_id": "{any custom unique id}",
    "service_number": {"country": "AU", "search_type": "szu", "szu": "sydney", "radius": 20,
                       "lat": 55, "long": 88.1, "location": "Sydney, 2000 NSW, Australia",
                       "number_type": "tollfree", "number": "61290081596"},
    "service": {"type": "transfer", "answer_point": "61401010023",
                "answer_point_name": "Sydney Office", "record_call": True,
                "call_greeting": "http://path/to/greeting.wav",
                "call_whisper": "http://path/to/greeting.wav",
                "voicemail": "http://path/to/voicemail.wav",
                "call_reporting": {
                    "report": "missed",
                    "email": {"subject": "email subject",
                              "email_to": ["email@email.com", "another@email.com"],
                              "email_cc": ["email@email.com", "another@email.com"],
                              "email_bcc": ["email@email.com", "another@email.com"],
                              "template": "html_email_template"},
                    "sms": {"sms_id": "call report", "mobile": "614200220001",
                            "template": "text_sms_template"}}},
    "call_uri": "http://path/to/call_reporting_uri",
    "sms_forward_uri": "http://path/to/sms_forward_uri",
    "callback_uri": "http://path/to/callback_uri"}

# -- Manage Services: the two update examples ----------------------------------------------
DISABLE_REPORTING = json.loads(""" { "call_reporting" : { "report" : "none" } } """)
RENAME_ANSWER_POINT = json.loads(""" { "service" : { "answer_point_name" : "Sidney Office New" } } """)  # noqa: E501

# -- Manage Templates: the Create or Update body --------------------------------------------
TEMPLATE_BODY = ("New Call for your service `__adname__` (`__bnum__`) at `__dateTime__`. We "
                 "tried to forward the call to `__outnum__`. Download the voicemail at "
                 "`__LINK__`")

SUCCESS = {"message": "Success", "code": 200}


def acknowledged(reply, path: str = "/requests", *, with_number: bool = True) -> dict:
    """The Acknowledgment Reply (``service_number`` first for a new service)."""
    response = ok(reply, "POST", path)
    keys = ["request_id", "message", "code"]
    assert list(response) == (["service_number"] + keys if with_number else keys), response
    assert HEX32.fullmatch(response["request_id"])
    assert {k: response[k] for k in ("message", "code")} == SUCCESS
    return response


def settled(avanser, request_id: str) -> dict:
    """The request's entry once it has left ``pending`` (its callback body exists then)."""
    waited = 0.0
    while True:
        entry = find_request(avanser, request_id)
        if entry["request_status"] != "pending" or waited > TIMEOUT:
            return entry
        avanser.elapse(0.5)
        waited += 0.5


def new_service(avanser, body: dict = NEW_TRANSFER) -> str:
    """Create a service with a seed example; its number once it is active."""
    ack = acknowledged(avanser.post("/requests", json=body))
    entry = settled(avanser, ack["request_id"])
    assert entry["request_status"] in ("completed", "pending_confirmation"), entry
    assert any(s["service_number"] == ack["service_number"] for s in services(avanser))
    return ack["service_number"]


# -- Accounts --------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["configuration", "billing"])
def test_list_accounts(avanser, kind):
    accounts = ok(avanser.get(f"/accounts?type={kind}"), "GET", f"/accounts?type={kind}")
    assert isinstance(accounts, list)
    for account in accounts:
        assert set(account) == {"account-id", "account"}


def test_switch_account_as_the_seed_sends_it(avanser):
    listed = ok(avanser.get("/accounts?type=configuration"))
    account_id = 6999 if any(a["account-id"] == 6999 for a in listed) else listed[0]["account-id"]
    path = f"/accounts?account-id={account_id}"
    reply = avanser.post(path, data={"account-id": str(account_id)})
    assert ok(reply, "POST", path) == SUCCESS
    assert reply.json()["@transaction"]["account-id"] == account_id


@pytest.mark.parametrize("resource", ["details", "packages", "number_rates", "call_rates",
                                      "transcription_rates", "features"])
def test_account_resources(avanser, resource):
    response = ok(avanser.get(f"/accounts/{resource}"), "GET", f"/accounts/{resource}")
    assert isinstance(response, list)


# -- Search Numbers --------------------------------------------------------------------------

@pytest.mark.parametrize("query", [
    {"country": "AU", "location": "Level 2 150-152 Elizabeth St, 2000 NSW, Australia"},
    {"country": "AU", "location": "Level 2 150-152 Elizabeth St, 2000 NSW, Australia",
     "radius": "20"},
    {"country": "AU", "lat": "-33.865143", "lng": "151.209900", "radius": "20"},
    {"country": "AU", "number": "61290081596"},
    {"country": "AU", "number_type": "GEO"},
    {"country": "AU", "number_type": "TOLLFREE"},
    {"country": "AU", "number_type": "FREECALL"},
    {"country": "AU", "number_type": "MOBILE"},
    {"szu": "sydney"},
], ids=["location", "location-radius", "coordinates", "prefix", "geo", "tollfree", "freecall",
        "mobile", "szu"])
def test_search_numbers(avanser, query):
    reply = avanser.get("/numbers", params=query)
    response = ok(reply, "GET")
    assert_search_element(response)
    assert response, f"the seed's example search {query} finds nothing"


# -- Requests --------------------------------------------------------------------------------

def test_list_requests(avanser):
    reply = avanser.get("/requests")
    assert ok(reply, "GET", "/requests") == []


@pytest.mark.parametrize("body", [NEW_TRANSFER, NEW_VOICEMAIL, NEW_PROMPT, INBOUND_REQUEST_SAMPLE],
                         ids=["transfer", "voicemail", "prompt", "inbound-request-sample"])
def test_new_service_examples_are_acknowledged(avanser, body):
    ack = acknowledged(avanser.post("/requests", json=body))
    assert ack["service_number"].isdigit()
    entry = find_request(avanser, ack["request_id"])
    assert set(entry) == REQUEST_FIELDS and entry["request_type"] == "create"
    assert entry["custom_id"] == body["custom_id"]
    assert entry["callback_url"] == body["callback_uri"]
    done = settled(avanser, ack["request_id"])
    assert done["request_status"] in ("pending_confirmation", "completed"), done


@pytest.mark.parametrize("fragment,prefix", [
    (BY_LOCATION, "612"), (BY_COORDINATES, "612"), (BY_NUMBER, "612"),
    (BY_NUMBER_TYPE, "614"), (BY_SZU, "612")],
    ids=["location", "coordinates", "number", "number_type", "szu"])
def test_allocation_examples_with_the_service_details(avanser, fragment, prefix):
    """The fragments give ``service_number`` only; the seed: "Along with the service details
    each new request requires to specify service_number", so they go with the transfer
    example's details. Sydney's numbers (02), or a mobile for number type ``MOBILE``."""
    body = {**NEW_TRANSFER, **fragment}
    ack = acknowledged(avanser.post("/requests", json=body))
    assert ack["service_number"].startswith(prefix), ack


def test_request_details(avanser):
    ack = acknowledged(avanser.post("/requests", json=NEW_TRANSFER))
    request_id = ack["request_id"]
    received = avanser.get(f"/requests/{request_id}/request_body")
    assert received.status_code == 200 and json.loads(received.text) == NEW_TRANSFER
    answered = avanser.get(f"/requests/{request_id}/acknowledgment_body")
    assert answered.status_code == 200 and answered.json()["response"] == ack
    settled(avanser, request_id)
    sent = avanser.get(f"/requests/{request_id}/callback_body")
    assert sent.status_code == 200, sent.text
    callback = sent.json()
    assert {"request_id", "custom_id", "status", "message", "service_number",
            "answer_point"} <= set(callback)
    assert callback["request_id"] == request_id and callback["status"] == "completed"
    assert callback["service_number"] == ack["service_number"]


# -- Manage Services -------------------------------------------------------------------------

def test_list_services(avanser):
    number = new_service(avanser)
    listed = ok(avanser.get("/services"), "GET", "/services")
    [detail] = [s for s in listed if s["service_number"] == number]
    assert set(detail) == SERVICE_FIELDS
    assert detail["@links"] == {"service_uri": f"/services/{number}"}


@pytest.mark.parametrize("body", [DISABLE_REPORTING, RENAME_ANSWER_POINT],
                         ids=["disable-call-reporting", "answer-point-name"])
@pytest.mark.parametrize("slash", ["/", ""], ids=["as-written", "without-slash"])
def test_service_update_examples(avanser, body, slash):
    number = new_service(avanser, NEW_VOICEMAIL)
    path = f"/services/{number}{slash}"
    ack = acknowledged(avanser.post(path, json=body), path, with_number=False)
    entry = settled(avanser, ack["request_id"])
    assert entry["request_type"] == "update"
    assert entry["request_status"] in ("pending_confirmation", "completed"), entry
    [after] = [s for s in services(avanser) if s["service_number"] == number]
    if body is DISABLE_REPORTING:
        assert after["service"]["call_reporting"]["report"] == "none"
    else:
        assert after["service"]["answer_point_name"] == "Sidney Office New"


@pytest.mark.parametrize("slash", ["/", ""], ids=["as-written", "without-slash"])
def test_service_decommission(avanser, slash):
    number = new_service(avanser)
    path = f"/services/{number}{slash}"
    response = ok(avanser.delete(path), "DELETE", path)
    assert list(response) == ["request_id", "message", "code"]
    entry = settled(avanser, response["request_id"])
    assert entry["request_type"] == "delete"
    assert all(s["service_number"] != number for s in services(avanser))


# -- Manage Templates ------------------------------------------------------------------------

def test_templates_list_create_preview_delete(avanser):
    templates = ok(avanser.get("/templates"), "GET", "/templates")
    assert all(set(t) == {"name", "type", "country"} for t in templates)
    params = {"type": "email", "name": "template name", "country": "AU"}
    saved = avanser.post("/templates", params=params, data=TEMPLATE_BODY,
                         headers={"Content-Type": "text/html"})
    assert ok(saved) == SUCCESS
    assert_transaction(saved.json(), "POST",
                       "/templates?type=email&name=template+name&country=AU")
    preview = ok(avanser.get("/templates", params={"name": "template name", "country": "AU"}))
    assert {k: preview[k] for k in ("message", "code")} == SUCCESS
    assert ok(avanser.delete("/templates", params=params,
                             headers={"Content-Type": "text/html"})) == SUCCESS
    assert {"name": "template name", "type": "email", "country": "AU"} not in \
        ok(avanser.get("/templates"))


# -- The seed's error examples, and values its examples use ----------------------------------

def test_the_error_detail_example_names_answer_point_as_the_seed_does(avanser):
    """Error Detail: ``errors`` ``{"answer_point": "invalid number"}``, the field by its own
    name although the request nests it in ``service``."""
    body = {**NEW_TRANSFER, "service": {**NEW_TRANSFER["service"], "answer_point": "12"}}
    reply = avanser.post("/requests", json=body)
    assert reply.status_code == 400, reply.text
    assert reply.json()["error"] == {"message": "Bad Request", "code": 400}
    assert reply.json()["errors"] == {"answer_point": "invalid number"}


def test_the_accounts_error_example_names_account_id(avanser):
    """List Accounts' 400 example: ``errors`` ``{"account-id": "invalid account"}``."""
    reply = avanser.post("/accounts?account-id=1", data={"account-id": "1"})
    assert reply.status_code == 400, reply.text
    assert reply.json()["errors"] == {"account-id": "invalid account"}


def test_an_answer_point_of_the_seeds_callback_example_is_accepted(avanser):
    """The Callback Body's ``answer_point`` 614201010100 is "AnswerPoint submitted during
    service creation (E164 format)": E.164 format is all the seed asks of it."""
    body = {**NEW_TRANSFER, "service": {**NEW_TRANSFER["service"],
                                        "answer_point": "614201010100"}}
    ack = acknowledged(avanser.post("/requests", json=body))
    assert find_request(avanser, ack["request_id"])["answer_point"] == "614201010100"


def test_a_number_search_takes_any_e164_number_of_the_country(avanser):
    """Matching prefix: "Valid phone number (E164 format)"; 614200220001, the seed's own
    sample mobile, is one, although no carrier has it."""
    reply = avanser.get("/numbers", params={"country": "AU", "number": "614200220001"})
    assert_search_element(ok(reply))
