"""No stricter than the seed (seed 004, issue 11): what the seed lets a client send is
accepted.

- "The value does not have to be in any specific format" (Send MMS ``To`` and ``From``),
  "This allows you to use any formatting you wish ... XXX-XXX-XXXX" (Make Call ``To``,
  ``From`` and ``ForwardedFrom``): national numbers are read as numbers of the From
  number's country (the US when that is unknown).
- List Notifications ``Log``: "Allowed values are 1,2 or 3, where 2=INFO, 1=WARNING,
  0=ERROR": all four, and the level names.
- "use the ampersand XML entity instead of &" (Request): parameters joined with ``&amp;``
  filter, page and post as if joined with ``&``.
- A POST body without a Content-Type (as an older official Avaya SDK sends it) is read as
  form-encoded, the only encoding the seed's examples use.
"""
from __future__ import annotations

from urllib.parse import quote

import pytest

from ..conftest import Reply
from .helpers import ok_json, path_of, query_of, rest_exception
from .test_notifications import newest, refuse_a_view
from .test_sms import TO, buy

MEDIA = "https://media.example.com/cat.gif"
APP = "https://example.com/app.xml"


def national(e164: str) -> str:
    """A US number as a US client writes it: ``(415) 555-2671``."""
    digits = e164[2:]
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"


@pytest.fixture
def number(avaya) -> str:
    """A (US) number of the test's account, SMS and MMS capable."""
    return buy(avaya)


# -- "does not have to be in any specific format" ---------------------------------------------

@pytest.mark.orders
@pytest.mark.parametrize("to", [national(TO), "415-555-2671", "1 (415) 555-2671",
                                "+1 415 555 2671"])
def test_mms_to_and_from_may_be_national(avaya, number, to):
    mms = ok_json(avaya.post("/MMS/Messages.json",
                             data={"To": to, "From": national(number), "MediaUrl": MEDIA}))
    assert (mms["to"], mms["from"]) == (TO, number)


@pytest.mark.orders
def test_mms_list_filters_by_a_national_number(avaya, number):
    ok_json(avaya.post("/MMS/Messages.json", data={"To": TO, "From": number,
                                                   "MediaUrl": MEDIA}))
    listed = ok_json(avaya.get("/MMS/Messages.json", params={"To": national(TO)}))
    assert [m["to"] for m in listed["mms_messages"]] == [TO]


@pytest.mark.orders
def test_mms_to_that_is_no_number_is_still_21211(avaya, number):
    rest_exception(avaya.post("/MMS/Messages.json", data={
        "To": "555-26", "From": number, "MediaUrl": MEDIA}), 400, 21211)


@pytest.mark.orders
@pytest.mark.parametrize("to", ["415-555-2671", "(415) 555-2671", "1 (415) 555-2671"])
def test_call_to_in_the_seeds_formats(avaya, to):
    call = ok_json(avaya.post("/Calls.json", data={
        "To": to, "From": "+1 415 555 0199", "Url": APP,
        "ForwardedFrom": "(415) 555-0123"}))
    assert call["to"] == TO and call["forwarded_from"] == "+14155550123"


@pytest.mark.orders
def test_call_list_filters_by_a_national_to(avaya):
    made = ok_json(avaya.post("/Calls.json", data={"To": TO, "From": "8143", "Url": APP}))
    listed = ok_json(avaya.get("/Calls.json", params={"To": "415-555-2671"}))
    assert [c["sid"] for c in listed["calls"]] == [made["sid"]]


# -- List Notifications: "Allowed values are 1,2 or 3, where 2=INFO, 1=WARNING, 0=ERROR" -------

@pytest.mark.parametrize("log, kept", [("0", True), ("1", False), ("2", False), ("3", False),
                                       ("ERROR", True), ("error", True), ("WARNING", False),
                                       ("Info", False)])
@pytest.mark.parametrize("fmt", [".json", ""])
def test_every_allowed_log_value_is_accepted(avaya, log, kept, fmt):
    refuse_a_view(avaya)
    (note,) = newest(avaya)
    reply = avaya.get(f"/Notifications{fmt}", params={"Log": log})
    assert reply.status_code == 200, reply.text
    if fmt:
        listed = [n["sid"] for n in ok_json(reply)["notifications"]]
        assert (note["sid"] in listed) is kept


# -- "use the ampersand XML entity instead of &" -----------------------------------------------

@pytest.mark.orders
def test_amp_joined_query_filters_and_pages(avaya, number):
    other = buy(avaya, "646")
    for sender in (number, other, number):
        ok_json(avaya.post("/SMS/Messages.json", data={"To": TO, "From": sender,
                                                       "Body": "hi"}))
    query = f"To={quote(TO)}&amp;From={quote(number)}&amp;PageSize=1"
    first = ok_json(avaya.get(f"/SMS/Messages.json?{query}"))
    assert first["total"] == 2 and first["page_size"] == 1
    assert [m["from"] for m in first["sms_messages"]] == [number]
    link = first["next_page_uri"]
    assert "amp;" not in link
    assert query_of(link) == {"To": TO, "From": number, "Page": "1", "PageSize": "1"}
    second = ok_json(avaya.get(path_of(link, avaya)))
    assert second["page"] == 1 and [m["from"] for m in second["sms_messages"]] == [number]


@pytest.mark.orders
def test_amp_joined_post_parameters_are_read(avaya, number):
    for content_type in ("application/x-www-form-urlencoded", None):
        headers = {"Content-Type": content_type} if content_type else {}
        body = f"To={quote(TO)}&amp;From={quote(number)}&amp;Body=Hello"
        sms = ok_json(avaya.post("/SMS/Messages.json", data=body.encode(), headers=headers))
        assert (sms["to"], sms["from"], sms["body"]) == (TO, number, "Hello")


@pytest.mark.orders
def test_amp_joined_query_on_a_post_is_read(avaya, number):
    query = f"To={quote(TO)}&amp;From={quote(number)}&amp;Body=Hello"
    sms = ok_json(avaya.post(f"/SMS/Messages.json?{query}"))
    assert (sms["to"], sms["from"]) == (TO, number)


# -- a POST body without a Content-Type --------------------------------------------------------

@pytest.fixture
def in_process(target):
    """Skip unless in-process: the test sends raw bytes with Flask's test client."""
    if target:
        pytest.skip("sends a body without a Content-Type through Flask's test client")


def post_untyped(api, path: str, raw: bytes):
    """POST raw bytes with no Content-Type header at all (Flask's test client); the
    Reply, and the request as it was sent."""
    resp = api._client.post(api.base + path, data=raw, headers=api.headers)
    return Reply(resp.status_code, resp.headers, resp.get_data(as_text=True)), resp.request


@pytest.mark.usefixtures("in_process")
def test_a_body_without_content_type_is_read_as_form(avaya, number):
    raw = f"To={quote(TO)}&From={quote(number)}&Body=No+type".encode()
    reply, sent = post_untyped(avaya, "/SMS/Messages.json", raw)
    assert "Content-Type" not in sent.headers and sent.content_length == len(raw)
    sms = ok_json(reply)
    assert (sms["to"], sms["from"], sms["body"]) == (TO, number, "No type")


@pytest.mark.usefixtures("in_process")
def test_a_refused_body_without_content_type_is_refused_for_its_parameters(avaya, number):
    rest_exception(post_untyped(avaya, "/SMS/Messages.json", b"To=&Body=x")[0], 400, 21604)
    rest_exception(post_untyped(avaya, "/SMS/Messages.json", b"Nope=1")[0], 400, 20001)
    (note,) = newest(avaya)
    assert note["request_variables"] == "Nope=1"          # what the body carried


@pytest.mark.usefixtures("in_process")
def test_a_declared_other_type_is_still_12300(avaya):
    rest_exception(avaya.post("/SMS/Messages.json", data=b"To=1",
                              headers={"Content-Type": "text/plain"}), 415, 12300)
