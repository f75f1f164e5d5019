"""AVANSER's outside world through the control API: a simulated call sends the Call-URI
GET with every parameter of the seed's table and records the email and SMS call reports
its call_reporting asks for; a simulated SMS sends the SMS-Forward GET."""
from __future__ import annotations

import base64
import copy

import pytest

from mockserver import create_app

pytestmark = pytest.mark.mock_only
API = "/avanser/v1"
H = {"Authorization": "Basic " + base64.b64encode(b"sim:x").decode()}
CALL_PARAMS = {"clientid", "callid", "uniqueid", "bnum", "adname", "target", "targetname",
               "ani", "tzdate", "duration", "callstatus", "callcode", "clocation", "cstate",
               "ccountry"}
REPORTING = {"report": "missed",
             "email": {"subject": "Call for __adname__ from __ani__",
                       "email_to": ["ops@example.com"], "email_cc": ["cc@example.com"],
                       "template": "html_email_template"},
             "sms": {"mobile": "61420123123", "sms_id": "calls"}}


@pytest.fixture
def client():
    app = create_app()
    test_client = app.test_client()
    test_client.post("/_mock/clock", json={"freeze": "2030-01-15T00:00:00Z"})
    return test_client


def service(client, *, call_uri=None, sms_uri=None, reporting=None,
            number_type="mobile") -> str:
    body = {"name": "Sydney ads", "service_number": {"country": "AU", "search_type":
                                                     "number_type",
                                                     "number_type": number_type},
            "service": {"type": "transfer", "answer_point": "61290081596",
                        "answer_point_name": "Sydney Office", "record_call": True,
                        "call_reporting": copy.deepcopy(reporting or {"report": "none"})}}
    if call_uri:
        body["call_uri"] = call_uri
    if sms_uri:
        body["sms_forward_uri"] = sms_uri
    reply = client.post(f"{API}/requests", json=body, headers=H)
    assert reply.status_code == 200, reply.json
    client.post("/_mock/clock", json={"advance": 2})
    return reply.json["response"]["service_number"]


def call(client, number, **extra):
    return client.post("/_mock/avanser/calls", json={"tenant": "sim", "service_number": number,
                                                     "caller": "61410203045", **extra})


def test_a_call_sends_the_documented_call_uri_get(client, httpserver):
    httpserver.expect_request("/calls", method="GET").respond_with_data("ok")
    number = service(client, call_uri=httpserver.url_for("/calls") + "?src=avanser")
    reply = call(client, number, duration=42, location="Sydney")
    assert reply.status_code == 200
    client.get("/_mock/webhooks?wait=1")
    [(sent, _)] = httpserver.log
    got = dict(sent.args)
    assert set(got) == CALL_PARAMS | {"src"}
    assert got["clientid"] == "6999" and got["adname"] == "Sydney ads"
    assert got["bnum"] == f"+61-0{number[2:]}" and got["ani"] == "+61-0410203045"
    assert got["target"] == "+61-0290081596" and got["targetname"] == "Sydney Office"
    assert got["tzdate"] == "2030-01-15T11:00:02+11:00" and got["duration"] == "42"
    assert got["callstatus"] == "avanser_answered_call" and got["callcode"] == "1"
    assert got["clocation"] == "Sydney" and got["cstate"] == "MOB" and got["ccountry"] == "AU"
    assert got["callid"].isdigit() and got["uniqueid"].startswith("ECS1-")
    assert reply.json["reports"] == []                      # report: none


def test_a_missed_call_is_reported_by_email_and_sms(client):
    number = service(client, reporting=REPORTING)
    reply = call(client, number, status="busy", caller="61290081596")
    assert reply.json["call_uri"] is None
    assert reply.json["params"]["cstate"] == "NSW" and reply.json["params"]["clocation"] == "Sydney"
    email, sms = reply.json["reports"]
    assert email["channel"] == "email" and email["to"] == ["ops@example.com"]
    assert email["cc"] == ["cc@example.com"] and email["bcc"] == []
    assert email["subject"] == "Call for Sydney ads from +61-0290081596"
    assert email["template"] == "html_email_template"
    assert f"Sydney ads (+61-0{number[2:]}) at 2030-01-15 11:00:02" in email["body"]
    assert "__" not in email["body"]
    assert sms["channel"] == "sms" and sms["to"] == "61420123123" and sms["from"] == "calls"
    assert sms["template"] is None and "Busy" in sms["body"]        # the standard template
    kept = client.get("/_mock/avanser/reports?tenant=sim").json["reports"]
    assert kept == reply.json["reports"]


@pytest.mark.parametrize("caller,location,cstate", [
    ("61410203045", "Australia", "MOB"),          # an Australian mobile: its country
    ("61290081596", "Sydney", "NSW"),
])
def test_the_call_location_is_detected_from_the_caller(client, caller, location, cstate):
    """``clocation`` (the seed's "Call location", ``__location__`` "detected call location")
    is never empty for a caller whose country is known: calling code 61 is shared by
    Australia, Christmas Island and Cocos, so phonenumbers names no country for an
    Australian mobile, and the number's main region is used."""
    reply = call(client, service(client), caller=caller)
    params = reply.json["params"]
    assert params["clocation"] == location and params["cstate"] == cstate
    assert params["ccountry"] == "AU"


@pytest.mark.parametrize("report,status,voicemail,expected", [
    ("missed", "answered", False, 0),
    ("missed", "abandoned", False, 2),
    ("missed-voicemail", "unanswered", False, 0),
    ("missed-voicemail", "unanswered", True, 2),
    ("all-calls", "answered", False, 2),
    ("none", "busy", True, 0),
])
def test_which_calls_are_reported(client, report, status, voicemail, expected):
    number = service(client, reporting={**REPORTING, "report": report})
    reply = call(client, number, status=status, voicemail=voicemail)
    assert len(reply.json["reports"]) == expected


def test_the_recording_link_is_rendered_for_a_recorded_call(client):
    number = service(client, reporting={**REPORTING, "report": "all-calls"})
    email = call(client, number).json["reports"][0]
    assert '<a href="https://recordings.avanser.invalid/' in email["body"]


def test_an_sms_is_forwarded_with_the_documented_parameters(client, httpserver):
    httpserver.expect_request("/sms", method="GET").respond_with_data("ok")
    number = service(client, sms_uri=httpserver.url_for("/sms"))
    reply = client.post("/_mock/avanser/sms", json={"tenant": "sim", "to": number,
                                                    "from": "+61401020305",
                                                    "text": "this is a test message"})
    assert reply.status_code == 200
    client.get("/_mock/webhooks?wait=1")
    [(sent, _)] = httpserver.log
    assert dict(sent.args) == {"clientId": "6999", "to": f"+61-0{number[2:]}",
                               "from": "+61-0401020305", "txt": "this is a test message",
                               "date": "2030-01-15 11:00:02"}


def test_a_geographic_service_takes_no_sms(client):
    number = service(client, sms_uri="http://127.0.0.1:9/sms", number_type="GEO")
    reply = client.post("/_mock/avanser/sms", json={"tenant": "sim", "to": number,
                                                    "from": "61401020305", "text": "hi"})
    assert reply.status_code == 400 and "takes no SMS" in reply.json["error"]


@pytest.mark.parametrize("path,body,status,words", [
    ("/calls", {"tenant": "nobody", "service_number": "61412345678",
                "caller": "61410203045"}, 404, "no AVANSER tenant"),
    ("/calls", {"tenant": "sim", "service_number": "61412345678",
                "caller": "61410203045"}, 404, "no active service"),
    ("/calls", {"tenant": "sim", "service_number": "61412345678", "caller": "12",
                "status": "ringing"}, 400, "caller"),
    ("/sms", {"tenant": "sim", "to": "61412345678"}, 400, "text"),
])
def test_simulation_errors_are_control_api_errors(client, path, body, status, words):
    client.get(f"{API}/accounts", headers=H)
    before = client.get("/_mock/state").json
    reply = client.post(f"/_mock/avanser{path}", json=body)
    assert reply.status_code == status and words in reply.json["error"]
    assert client.get("/_mock/state").json == before
    assert client.get("/_mock/avanser/reports").status_code == 400
