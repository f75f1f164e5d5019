"""Avaya SMS and MMS as only the mock can show them (seed 004, Send SMS, Send MMS, Supported
opt-in and opt-out keywords): statuses moved by the mock clock, StatusCallbacks and inbound
deliveries received by a local server, retries, Notifications of failed deliveries,
inbound SMS through ``POST /_mock/avaya/sms`` with its opt-out and opt-in keywords."""
from __future__ import annotations

from decimal import Decimal
from urllib.parse import parse_qs

import pytest

from avaya_mock import AvayaMock, closed_port

pytestmark = pytest.mark.mock_only
SID = "AC" + "5" * 32
START = "2030-01-15T00:00:00Z"
TO = "+14155552671"
OTHER = "+14155550199"


class Mock(AvayaMock):
    """An app with a frozen clock, as the tests drive it."""

    def __init__(self, config: dict | None = None) -> None:
        super().__init__(SID, START, config)

    def refused(self, path: str, **data) -> int:
        """POST ``data`` to ``path``: refused (4xx or 5xx); its error code."""
        status, code = self.refusal("POST", path, **data)
        assert status >= 400, (status, code)
        return code

    def buy(self, area_code: str = "212", **settings) -> dict:
        """A number of the account's (its resource), with Update Number settings."""
        number = self.post("/IncomingPhoneNumbers.json", AreaCode=area_code)
        if settings:
            number = self.post(f"/IncomingPhoneNumbers/{number['sid']}.json", **settings)
        return number

    def inbound(self, **body) -> dict:
        """An SMS from outside to the account (``POST /_mock/avaya/sms``); the mock's answer."""
        return self.control("/_mock/avaya/sms", expect=200, **{"account_sid": SID, **body})

    def notifications(self, code: int) -> list[dict]:
        """The account's Notifications of one error ``code``."""
        return [n for n in self.get("/Notifications.json")["notifications"]
                if n["error_code"] == code]


@pytest.fixture
def mock():
    """A fresh mock."""
    return Mock()


@pytest.fixture
def number(mock) -> str:
    """A number of the account's, in E.164."""
    return mock.buy()["phone_number"]


# -- statuses on the clock -------------------------------------------------------------------

@pytest.mark.parametrize("kind, params, sid_key", [
    ("SMS", {"Body": "hi"}, "sid"), ("MMS", {"MediaUrl": "https://x.example/a.png"}, "mms_sid")])
def test_a_message_is_queued_then_sending_then_sent(mock, number, kind, params, sid_key):
    message = mock.post(f"/{kind}/Messages.json", To=TO, From=number, **params)
    path = f"/{kind}/Messages/{message[sid_key]}.json"
    mock.advance(0.9)
    assert mock.get(path)["status"] == "queued"
    mock.advance(0.1)
    sending = mock.get(path)
    assert sending["status"] == "sending" and sending["date_sent"] is None
    assert sending["date_updated"] == "Tue, 15 Jan 2030 00:00:01 -0000"
    mock.advance(4.9)
    assert mock.get(path)["status"] == "sending"
    mock.advance(0.1)
    done = mock.get(path)
    assert done["status"] == "sent"
    assert done["date_sent"] == done["date_updated"] == "Tue, 15 Jan 2030 00:00:06 -0000"
    assert done["date_created"] == "Tue, 15 Jan 2030 00:00:00 -0000"


def test_the_list_filters_by_the_status_reached(mock, number):
    mock.post("/SMS/Messages.json", To=TO, From=number, Body="hi")
    mock.advance(1)
    mock.post("/SMS/Messages.json", To=TO, From=number, Body="hi")
    totals = {status: mock.get("/SMS/Messages.json", Status=status)["total"]
              for status in ("queued", "sending", "sent")}
    assert totals == {"queued": 1, "sending": 1, "sent": 0}


def test_the_delays_follow_the_config():
    mock = Mock({"AVAYA_MESSAGE_SENDING_DELAY": 10, "AVAYA_MESSAGE_SENT_DELAY": "20"})
    number = mock.buy()["phone_number"]
    sms = mock.post("/SMS/Messages.json", To=TO, From=number, Body="hi")
    path = f"/SMS/Messages/{sms['sid']}.json"
    mock.advance(9)
    assert mock.get(path)["status"] == "queued"
    mock.advance(1)
    assert mock.get(path)["status"] == "sending"
    mock.advance(19)
    assert mock.get(path)["status"] == "sending"
    mock.advance(1)
    assert mock.get(path)["status"] == "sent"


def test_a_reset_forgets_the_pending_changes(mock, number):
    def changes() -> list:
        return [e for e in mock.services.scheduler.pending("avaya", SID)
                if e.kind == "message-status"]
    mock.post("/SMS/Messages.json", To=TO, From=number, Body="hi")
    assert len(changes()) == 1
    mock.client.post("/_mock/reset")
    assert changes() == []


def test_pending_messages_survive_a_state_round_trip(mock, number, httpserver):
    httpserver.expect_request("/cb").respond_with_data("ok")
    sms = mock.post("/SMS/Messages.json", To=TO, From=number, Body="hi",
                    StatusCallback=httpserver.url_for("/cb"))
    saved = mock.client.get("/_mock/state").json
    assert mock.client.put("/_mock/state", json=saved).status_code == 200
    mock.advance(6)
    assert mock.get(f"/SMS/Messages/{sms['sid']}.json")["status"] == "sent"
    assert len(httpserver.log) == 2


# -- status callbacks ------------------------------------------------------------------------

def test_each_change_is_posted_to_the_status_callback(mock, number, httpserver):
    httpserver.expect_request("/status", method="POST").respond_with_data("ok")
    sms = mock.post("/SMS/Messages.json", To=TO, From=number, Body="Hello ✓",
                    StatusCallback=httpserver.url_for("/status"))
    mock.advance(6)
    assert len(httpserver.log) == 2
    (first, _), (second, _) = httpserver.log
    assert first.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert first.form.to_dict() == {
        "AccountSid": SID, "SmsSid": sms["sid"], "From": number, "To": TO,
        "Body": "Hello ✓", "SmsStatus": "sending", "Direction": "outbound-api",
        "DateSent": "", "Price": sms["price"], "ApiVersion": "v2"}
    assert second.form["SmsStatus"] == "sent"
    assert second.form["DateSent"] == "Tue, 15 Jan 2030 00:00:06 -0000"
    assert mock.notifications(11200) == mock.notifications(11205) == []


def test_a_get_status_callback_carries_the_fields_in_the_query(mock, number, httpserver):
    httpserver.expect_request("/status", method="GET").respond_with_data("ok")
    mock.post("/SMS/Messages.json", To=TO, From=number, Body="hi",
              StatusCallback=httpserver.url_for("/status"), StatusCallbackMethod="get")
    mock.advance(1)
    [(request, _)] = httpserver.log
    assert request.method == "GET" and request.get_data() == b""
    assert request.args["SmsStatus"] == "sending" and request.args["To"] == TO


def test_an_mms_status_callback_names_the_mms(mock, number, httpserver):
    httpserver.expect_request("/status").respond_with_data("ok")
    mms = mock.post("/MMS/Messages.json", To=TO, From=number, MediaUrl="https://x.example/a.gif",
                    StatusCallback=httpserver.url_for("/status"))
    mock.advance(6)
    (first, _), (second, _) = httpserver.log
    assert first.form["MmsSid"] == mms["mms_sid"] and first.form["MmsStatus"] == "sending"
    assert first.form["MediaUrl"] == "https://x.example/a.gif" and first.form["Body"] == ""
    assert second.form["MmsStatus"] == "sent" and "SmsSid" not in second.form


def test_a_failing_callback_is_retried_then_notified(mock, number, httpserver):
    httpserver.expect_request("/status").respond_with_data("broken", status=500)
    url = httpserver.url_for("/status")
    mock.post("/SMS/Messages.json", To=TO, From=number, Body="hi", StatusCallback=url)
    mock.advance(1)                                    # "sending": first attempt
    mock.advance(5)                                    # "sent": first attempt
    assert len(httpserver.log) == 2 and mock.notifications(11200) == []
    mock.advance(10)                                   # both first retries (at 11 and 16)
    assert len(httpserver.log) == 4 and mock.notifications(11200) == []
    mock.advance(59)                                   # the "sending" second retry (71)
    assert len(httpserver.log) == 5
    [note] = mock.notifications(11200)
    assert note["log"] == 0 and note["request_url"] == url and note["request_method"] == "POST"
    assert parse_qs(note["request_variables"])["SmsStatus"] == ["sending"]
    assert note["response_body"] == "broken"
    assert note["date_created"] == "Tue, 15 Jan 2030 00:01:11 -0000"
    mock.advance(5)
    assert len(httpserver.log) == 6 and len(mock.notifications(11200)) == 2


def test_a_callback_that_recovers_writes_no_notification(mock, number, httpserver):
    httpserver.expect_oneshot_request("/status").respond_with_data("down", status=503)
    httpserver.expect_request("/status").respond_with_data("ok")
    mock.post("/SMS/Messages.json", To=TO, From=number, Body="hi",
              StatusCallback=httpserver.url_for("/status"), StatusCallbackMethod="GET")
    mock.advance(1)                              # "sending" fails
    mock.advance(5)                              # "sent" goes through
    mock.advance(5)                              # the retry of "sending" goes through
    mock.advance(600)                            # and nothing more is tried
    assert [(r.args["SmsStatus"], reply.status_code) for r, reply in httpserver.log] == \
        [("sending", 503), ("sent", 200), ("sending", 200)]
    assert mock.notifications(11200) == []


def test_an_unreachable_callback_is_an_http_connection_failure():
    mock = Mock({"AVAYA_CALLBACK_RETRY_DELAYS": ""})          # no retries
    number = mock.buy()["phone_number"]
    url = f"http://127.0.0.1:{closed_port()}/status"
    mock.post("/SMS/Messages.json", To=TO, From=number, Body="hi", StatusCallback=url,
              StatusCallbackMethod="GET")
    mock.advance(1)
    [note] = mock.notifications(11205)
    assert note["request_url"] == url and note["request_method"] == "GET"
    assert "ConnectionError" in note["response_body"]
    assert note["message_text"].startswith("ErrorCode=11205&Msg=HTTP+connection+failure")


# -- inbound SMS, opt-out and opt-in ---------------------------------------------------------

def test_an_inbound_sms_is_listed_incoming_and_charged(mock, number):
    before = Decimal(mock.get(".json")["account_balance"])
    got = mock.inbound(**{"from": "+1 415 555 2671", "to": number, "body": "x" * 161})
    sms = got["sms_message"]
    assert got["keyword"] is None and got["opted_out"] == [] and got["sms_url"] is None
    assert (sms["status"], sms["direction"], sms["from"], sms["to"]) == \
        ("received", "incoming", TO, number)
    assert sms["date_sent"] == sms["date_created"] == "Tue, 15 Jan 2030 00:00:00 -0000"
    listed = mock.get("/SMS/Messages.json", Direction="incoming")["sms_messages"]
    assert [s["sid"] for s in listed] == [sms["sid"]]
    assert mock.get("/SMS/Messages.json", Direction="inbound")["total"] == 1
    assert mock.get("/SMS/Messages.json", Direction="outbound-api")["total"] == 0
    assert before - Decimal(mock.get(".json")["account_balance"]) == Decimal(sms["price"])
    [usage] = [u for u in mock.get("/Usages.json")["usages"] if u["product_id"] == 4]
    assert usage["quantity"] == 2 and usage["total_cost"].startswith(sms["price"])
    mock.advance(60)
    assert mock.get(f"/SMS/Messages/{sms['sid']}.json")["status"] == "received"


def test_an_opt_out_keyword_blacklists_the_sender_for_that_number(mock, number):
    second = mock.buy("415")["phone_number"]
    got = mock.inbound(**{"from": TO, "to": number, "body": "  Stop \n"})
    assert got["keyword"] == "opt-out" and got["opted_out"] == [TO]
    assert mock.refused("/SMS/Messages.json", To=TO, From=number, Body="hi") == 80000
    assert mock.refused("/MMS/Messages.json", To=TO, From=number,
                        MediaUrl="https://x.example/a.gif") == 80000
    assert mock.post("/SMS/Messages.json", To=TO, From=second, Body="hi")["to"] == TO
    assert mock.post("/SMS/Messages.json", To=OTHER, From=number, Body="hi")["to"] == OTHER
    got = mock.inbound(**{"from": TO, "to": number, "body": "unstop"})
    assert got["keyword"] == "opt-in" and got["opted_out"] == []
    assert mock.post("/SMS/Messages.json", To=TO, From=number, Body="hi")["to"] == TO


@pytest.mark.parametrize("body", ["UNSUBSCRIBE", "cancel", "Quit", "STOP"])
def test_every_opt_out_keyword(mock, number, body):
    assert mock.inbound(**{"from": TO, "to": number, "body": body})["keyword"] == "opt-out"
    assert mock.refused("/SMS/Messages.json", To=TO, From=number, Body="hi") == 80000


@pytest.mark.parametrize("body", ["SUBSCRIBE", "resume", "Unstop", "START", "yes"])
def test_every_opt_in_keyword(mock, number, body):
    mock.inbound(**{"from": TO, "to": number, "body": "STOP"})
    assert mock.inbound(**{"from": TO, "to": number, "body": body})["keyword"] == "opt-in"
    assert mock.post("/SMS/Messages.json", To=TO, From=number, Body="hi")["to"] == TO


@pytest.mark.parametrize("body", ["please stop", "STOP!", "stop it", "STOPSTOP", ""])
def test_a_keyword_in_a_sentence_changes_nothing(mock, number, body):
    assert mock.inbound(**{"from": TO, "to": number, "body": body})["keyword"] is None
    assert mock.post("/SMS/Messages.json", To=TO, From=number, Body="hi")["to"] == TO


def test_an_inbound_sms_is_delivered_to_the_sms_url(mock, httpserver):
    httpserver.expect_request("/sms", method="GET").respond_with_data("<Response/>")
    number = mock.buy(SmsUrl=httpserver.url_for("/sms"), SmsMethod="GET")["phone_number"]
    got = mock.inbound(**{"from": TO, "to": number, "body": "STOP"})
    assert got["sms_url"] == httpserver.url_for("/sms")
    mock.settle()
    [(request, _)] = httpserver.log
    assert request.args.to_dict() == {
        "AccountSid": SID, "SmsSid": got["sms_message"]["sid"], "From": TO, "To": number,
        "Body": "STOP", "SmsStatus": "received", "Direction": "incoming",
        "DateSent": "Tue, 15 Jan 2030 00:00:00 -0000", "ApiVersion": "v2"}


def test_an_sms_application_takes_the_inbound_sms(mock, httpserver):
    httpserver.expect_request("/app", method="POST").respond_with_data("ok")
    app = mock.post("/Applications.json", FriendlyName="texts",
                    SmsUrl=httpserver.url_for("/app"))
    number = mock.buy(SmsUrl=httpserver.url_for("/number"),
                      SmsApplicationSid=app["sid"])["phone_number"]
    mock.inbound(**{"from": TO, "to": number, "body": "hello"})
    mock.settle()
    [(request, _)] = httpserver.log
    assert request.path == "/app" and request.form["Body"] == "hello"


def test_a_failed_sms_url_falls_back_and_is_notified(httpserver):
    mock = Mock({"AVAYA_CALLBACK_RETRY_DELAYS": [5]})
    httpserver.expect_request("/sms").respond_with_data("nope", status=404)
    httpserver.expect_request("/fallback", method="GET").respond_with_data("ok")
    number = mock.buy(SmsUrl=httpserver.url_for("/sms"),
                      SmsFallbackUrl=httpserver.url_for("/fallback"),
                      SmsFallbackMethod="GET")["phone_number"]
    mock.inbound(**{"from": TO, "to": number, "body": "hello"})
    mock.settle()
    assert [r.path for r, _ in httpserver.log] == ["/sms"]
    mock.advance(5)
    mock.settle()
    assert [r.path for r, _ in httpserver.log] == ["/sms", "/sms", "/fallback"]
    [note] = mock.notifications(11200)
    assert note["request_url"] == httpserver.url_for("/sms") and note["response_body"] == "nope"


@pytest.mark.parametrize("body, status", [
    ({"account_sid": "AC" + "9" * 32, "from": TO, "to": "+12125550123", "body": "x"}, 404),
    ({"account_sid": SID, "from": TO, "to": "+12125550123", "body": "x"}, 404),
    ({"account_sid": SID, "from": "+1555", "to": "+12125550123", "body": "x"}, 400),
    ({"account_sid": SID, "from": TO, "to": "+12125550123"}, 400),
    ({"account_sid": SID, "from": TO, "to": "+12125550123", "body": 5}, 400),
])
def test_control_refusals(mock, number, body, status):
    reply = mock.client.post("/_mock/avaya/sms", json=body)
    assert reply.status_code == status and "error" in reply.json


# -- rules that need the mock's internals ----------------------------------------------------

def test_a_number_that_cannot_text_is_14108(mock, number):
    backend = mock.services.backends["avaya"]
    with backend.locked(SID) as state:
        for held in state.numbers.values():
            held["capabilities"] = {"voice": "true", "sms": "false", "mms": "false"}
    assert mock.refused("/SMS/Messages.json", To=TO, From=number, Body="hi") == 14108
    assert mock.refused("/MMS/Messages.json", To=TO, From=number,
                        MediaUrl="https://x.example/a.gif") == 14108
    reply = mock.client.post("/_mock/avaya/sms",
                             json={"account_sid": SID, "from": TO, "to": number, "body": "x"})
    assert reply.status_code == 400


def test_sending_charges_outbound_sms_by_units(mock, number):
    mock.post("/SMS/Messages.json", To=TO, From=number, Body="x" * 200)
    mock.post("/MMS/Messages.json", To=TO, From=number, MediaUrl="https://x.example/a.gif")
    [usage] = [u for u in mock.get("/Usages.json")["usages"] if u["product_id"] == 3]
    assert (usage["quantity"], usage["total"]) == (3, 2)
