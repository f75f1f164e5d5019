"""Avaya fraud control as only the mock can show it (seed 004, Authorize Destination's "Unless
extended, authorized destination will expire after 30 days", Extend's "by 30 days", the
Fraud Error Codes): expiry and extension on the frozen mock clock, and the rules refusing a
Make Call, a Dial leg (Notification, FallbackUrl), an InboundXML Sms and a Send SMS, each
refusal written once as a Notification (docs/providers/avaya.md, "Fraud control (part 3)")."""
from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from avaya_mock import AvayaMock, basic_auth

pytestmark = pytest.mark.mock_only
SID = "AC" + "7" * 32
START = "2030-03-01T10:00:00Z"
XML = "application/xml"
FR_MOBILE, FR_LANDLINE = "+33612345678", "+33123456789"
HR_LANDLINE = "+38512345678"
CALLER = "+14155550100"
DAY = 24 * 3600


class Mock(AvayaMock):
    """An app with a frozen clock and an application server, as the tests drive it."""

    def __init__(self, httpserver, sid: str = SID, token: str = "token") -> None:
        super().__init__(sid, START)
        self.auth = basic_auth(sid, token)
        self.http = httpserver

    def rule(self, action: str, country: str, **switches) -> dict:
        """A successful Block/Authorize/Extend/Whitelist: the rule inside its status."""
        body = self.post(f"/Fraud/{action}/{country}.json", **switches)
        (fields,) = body.values()
        return fields

    def listed(self) -> dict[str, tuple[str, dict]]:
        """Every listed rule by country: (status, fields)."""
        found = {}
        for item in self.get("/Fraud.json")["frauds"]:
            (status, fields), = item.items()
            found[fields["country_code"]] = (status, fields)
        return found

    def call_to(self, to: str) -> tuple[int, int | None]:
        """Make Call to ``to``: (HTTP status, error code)."""
        return self.refusal("POST", "/Calls.json", To=to, From=CALLER,
                            Url="https://example.com/app.xml")

    def serve(self, path: str, document: str) -> str:
        """Serve ``<Response>document</Response>`` at ``path``; its URL."""
        self.http.expect_request(path).respond_with_data(
            f"<Response>{document}</Response>", content_type=XML)
        return self.http.url_for(path)

    def call_in(self, document: str, fallback: str | None = None) -> dict:
        """A call from outside to a new number whose VoiceUrl serves ``document``."""
        settings = {"VoiceUrl": self.serve("/voice", document)}
        if fallback:
            settings["VoiceFallbackUrl"] = self.serve("/fallback", fallback)
        number = self.post("/IncomingPhoneNumbers.json", AreaCode="212")
        self.post(f"/IncomingPhoneNumbers/{number['sid']}.json", **settings)
        return self.control("/_mock/avaya/calls", account_sid=SID,
                            to=number["phone_number"], **{"from": CALLER})

    def received(self, path: str) -> list[dict[str, str]]:
        """The form fields of every POST the application server got at ``path``."""
        return [{k: v[0] for k, v in parse_qs(request.get_data(as_text=True)).items()}
                for request, _ in self.http.log if request.path == path]

    def notifications(self, code: int) -> list[dict]:
        """The account's Notifications of one error ``code``."""
        return [n for n in self.get("/Notifications.json")["notifications"]
                if n["error_code"] == code]


@pytest.fixture
def mock(httpserver):
    """A fresh mock with its clock frozen at START."""
    return Mock(httpserver)


# -- expiry and extension on the clock ------------------------------------------------------

def test_an_authorization_lasts_30_days_then_the_country_is_fully_blocked(mock):
    given = mock.rule("Authorize", "FR", MobileEnabled="false")
    assert given["sid"].startswith("FC") and len(given["sid"]) == 34
    assert given["date_created"] == "Fri, 01 Mar 2030 10:00:00 -0000"
    assert given["expiration_date"] == "Sun, 31 Mar 2030 10:00:00 -0000"
    mock.advance(30 * DAY - 1)
    assert mock.listed()["FR"][0] == "authorized"
    assert mock.call_to(FR_LANDLINE)[0] == 200
    assert mock.call_to(FR_MOBILE) == (403, 70010)

    mock.advance(1)
    status, fields = mock.listed()["FR"]
    assert status == "blocked" and "expiration_date" not in fields
    assert (fields["mobile_enabled"], fields["landline_enabled"], fields["sms_enabled"]) == \
        (False, False, False)
    assert fields["date_updated"] == given["expiration_date"]
    assert fields["sid"] == given["sid"]
    assert mock.call_to(FR_LANDLINE) == (403, 70012)
    assert mock.refusal("POST", "/Fraud/Block/FR.json") == (400, 70003)
    assert mock.refusal("POST", "/Fraud/Extend/FR.json") == (400, 70001)


def test_an_expired_authorization_can_be_given_again_for_30_days_from_now(mock):
    first = mock.rule("Authorize", "FR", SmsEnabled="false")
    mock.advance(45 * DAY)
    again = mock.rule("Authorize", "FR")
    assert again["sid"] == first["sid"] and again["date_created"] == first["date_created"]
    assert again["sms_enabled"] is True            # an expired rule's switches are not kept
    assert again["date_updated"] == "Mon, 15 Apr 2030 10:00:00 -0000"
    assert again["expiration_date"] == "Wed, 15 May 2030 10:00:00 -0000"
    assert mock.call_to(FR_LANDLINE)[0] == 200


def test_extend_moves_the_expiry_30_days_on(mock):
    mock.rule("Authorize", "FR")
    mock.advance(10 * DAY)
    extended = mock.rule("Extend", "FR")
    assert extended["expiration_date"] == "Tue, 30 Apr 2030 10:00:00 -0000"
    assert extended["date_updated"] == "Mon, 11 Mar 2030 10:00:00 -0000"
    mock.advance(50 * DAY - 1)                     # the day before the new expiry
    assert mock.listed()["FR"][0] == "authorized"
    mock.advance(1)
    assert mock.listed()["FR"][0] == "blocked"
    assert mock.call_to(FR_MOBILE) == (403, 70012)


def test_reauthorizing_a_live_authorization_restarts_its_30_days(mock):
    mock.rule("Authorize", "FR", MobileEnabled="false")
    mock.advance(20 * DAY)
    again = mock.rule("Authorize", "FR", SmsEnabled="false")
    assert again["expiration_date"] == "Sat, 20 Apr 2030 10:00:00 -0000"
    assert (again["mobile_enabled"], again["sms_enabled"]) == (False, False)


def test_a_whitelisting_never_expires(mock):
    mock.rule("Authorize", "FR")
    mock.rule("Whitelist", "FR")
    mock.advance(400 * DAY)
    assert mock.listed()["FR"][0] == "whitelisted"
    assert mock.call_to(FR_MOBILE)[0] == 200


# -- enforcement ----------------------------------------------------------------------------

def test_a_refused_make_call_is_one_notification_and_no_call(mock):
    mock.rule("Block", "HR")
    assert mock.call_to(HR_LANDLINE) == (403, 70006)
    [note] = mock.notifications(70006)
    assert note["request_url"].endswith(f"/Accounts/{SID}/Calls.json")
    assert "To=%2B38512345678" in note["request_variables"]
    assert mock.get("/Calls.json")["total"] == 0


def test_a_dial_leg_to_a_blocked_country_is_a_notification_then_the_fallback(mock):
    mock.rule("Block", "HR")
    call = mock.call_in(f"<Dial><Number>{FR_MOBILE}</Number><Number>{HR_LANDLINE}</Number>"
                        "</Dial>", fallback="<Say>Sorry</Say><Hangup/>")
    mock.advance(30)
    [note] = mock.notifications(70006)
    assert note["call_sid"] == call["sid"]
    [fallback] = mock.received("/fallback")
    assert fallback["ErrorCode"] == "70006"
    legs = [c for c in mock.get("/Calls.json")["calls"] if c["parent_call_sid"] == call["sid"]]
    assert legs == []                             # neither destination was dialled


def test_a_dial_leg_the_rules_allow_is_dialled(mock):
    mock.rule("Whitelist", "HR", MobileEnabled="false")
    call = mock.call_in(f"<Dial><Number>{HR_LANDLINE}</Number></Dial>")
    mock.advance(5)
    legs = [c for c in mock.get("/Calls.json")["calls"] if c["parent_call_sid"] == call["sid"]]
    assert [leg["to"] for leg in legs] == [HR_LANDLINE]
    assert mock.notifications(70011) == []


def test_an_sms_verb_to_a_country_with_sms_off_is_a_notification_on_the_call(mock):
    mock.rule("Whitelist", "CA", SmsEnabled="false")
    call = mock.call_in('<Sms to="+14165550123">Hi</Sms><Hangup/>')
    mock.advance(5)
    [note] = mock.notifications(70008)
    assert note["call_sid"] == call["sid"]
    assert mock.get("/SMS/Messages.json")["total"] == 0


def test_a_refused_send_sms_is_one_notification(mock):
    number = mock.post("/IncomingPhoneNumbers.json", AreaCode="212")["phone_number"]
    mock.rule("Block", "FR")
    status, code = mock.refusal("POST", "/SMS/Messages.json", To=FR_MOBILE, From=number,
                                Body="hi")
    assert (status, code) == (403, 70008)
    assert len(mock.notifications(70008)) == 1
    assert mock.get("/SMS/Messages.json")["total"] == 0


def test_the_locked_us_and_unruled_countries_are_always_allowed(mock):
    assert mock.call_to("+14155552671")[0] == 200
    assert mock.call_to(FR_MOBILE)[0] == 200
    assert mock.call_to("+5352345678") == (403, 70013)       # Cuba: blocked by default


# -- the limits the account and the fraud system set ---------------------------------------

CAPPED = ("ACa0000000000000000000000000000003", "capped-token")   # max_outbound_limit 0.05


def test_a_call_pricier_than_the_account_s_limit_is_70005(httpserver):
    """The seed's max_outbound_rate: "Calls which cost more will be rejected". The capped
    fixture account allows 0.05 a minute: the US (0.0130) goes, Croatia (0.1500) does not."""
    mock = Mock(httpserver, *CAPPED)
    assert mock.call_to(HR_LANDLINE) == (403, 70005)
    assert mock.get("/Calls.json")["total"] == 0
    notes = mock.get("/Notifications.json")["notifications"]
    assert [n["error_code"] for n in notes] == [70005]
    assert mock.post("/Calls.json", To="+14155552671", From=CALLER,
                     Url="https://example.com/app.xml")["status"] == "queued"


def test_a_full_account_calls_any_rated_destination(mock):
    """The default limit (0.40 a minute) is above every rate the mock charges."""
    assert mock.post("/Calls.json", To=HR_LANDLINE, From=CALLER,
                     Url="https://example.com/app.xml")["status"] == "queued"


def test_blocking_a_country_writes_an_info_notification_70007(mock):
    mock.rule("Block", "HR")
    notes = mock.get("/Notifications.json")["notifications"]
    assert [(n["error_code"], n["log"]) for n in notes] == [(70007, 2)]
    assert "Country+added+to+blacklisted+destinations" in notes[0]["message_text"]


@pytest.mark.parametrize("kind, path, code", [("sms", "/SMS/Messages.json", 70015),
                                              ("mms", "/MMS/Messages.json", 70016)])
def test_the_same_body_ten_times_a_minute_is_a_flood(mock, kind, path, code):
    """"A large number of messages with the same body sent in a short period of time": the
    eleventh within 60 seconds is refused; a different body, or a minute later, goes."""
    number = mock.post("/IncomingPhoneNumbers.json", AreaCode="212")["phone_number"]
    message = {"From": number, "To": "+14155552671", "Body": "Win a prize"}
    if kind == "mms":
        message["MediaUrl"] = "https://example.com/prize.jpg"
    for _ in range(10):
        mock.post(path, **message)
        mock.advance(5)
    assert mock.refusal("POST", path, **message) == (403, code)
    assert mock.get(path)["total"] == 10
    mock.post(path, **dict(message, Body="Something else"))
    mock.advance(15)                   # the first of the ten is now over 60 seconds old
    mock.post(path, **message)


def test_the_flood_count_survives_a_restored_snapshot(mock):
    """The flood check reads an index of the bodies sent, beside the account's state and not
    in its snapshot: after the state is put back, it is rebuilt from the messages."""
    number = mock.post("/IncomingPhoneNumbers.json", AreaCode="212")["phone_number"]
    message = {"From": number, "To": "+14155552671", "Body": "Win a prize"}
    for _ in range(10):
        mock.post("/SMS/Messages.json", **message)
    snapshot = mock.client.get("/_mock/state").get_json()
    assert mock.client.put("/_mock/state", json=snapshot).status_code == 200
    assert mock.refusal("POST", "/SMS/Messages.json", **message) == (403, 70015)
    mock.post("/SMS/Messages.json", **dict(message, Body="Something else"))
