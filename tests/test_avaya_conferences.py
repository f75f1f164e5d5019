"""Avaya conferences as only the mock can show them (seed 004, View/List Conferences,
View/List Participants, Mute / Deaf, Play Audio, Hangup Participant; the Dial->Conference
and Conference error codes): calls are put in conferences through the backend's
``join_conference`` (what the InboundXML engine's Dial calls), the clock is frozen and
advanced, conference callbacks land on a local server."""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs

import pytest

from avaya_mock import AvayaMock, account_root, basic_auth
from mockserver.providers.avaya.errors import AvayaError

pytestmark = pytest.mark.mock_only
SID = "AC" + "c" * 32
ROOT, H = account_root(SID), basic_auth(SID)
START = "2030-04-01T09:00:00Z"
PARTICIPANT_KEYS = ["sid", "caller_name", "caller_number", "duration", "conference_sid",
                    "call_sid", "date_created", "date_updated", "account_sid", "muted", "deaf",
                    "uri"]
CONFERENCE_KEYS = ["sid", "friendly_name", "account_sid", "active_participants_count",
                   "run_time", "status", "date_created", "date_updated", "subresource_uris",
                   "uri"]


class Mock(AvayaMock):
    """An app with a frozen clock, and live calls made straight in the account's state."""

    def __init__(self) -> None:
        super().__init__(SID, START)
        self.backend = self.services.backends["avaya"]
        self.callers = 0

    def live_call(self, direction: str = "inbound") -> dict:
        """A connected call (its record, as stored)."""
        self.callers += 1
        caller = f"+1415555{self.callers:04d}"
        with self.backend.locked(SID) as state:
            call = self.backend.new_call(state, to="+12125550100" if direction == "inbound"
                                         else caller, from_=caller if direction == "inbound"
                                         else "+12125550100", direction=direction)
            call["status"] = "in-progress"
            call["_answered_at"] = self.backend.clock.now().isoformat()
            return dict(call)

    def join(self, call: dict, name: str = "room", **attributes) -> dict:
        """The call joins a conference, as a Dial with a Conference noun does."""
        with self.backend.locked(SID) as state:
            return dict(self.backend.join_conference(state, state.calls[call["sid"]], name,
                                                     {k: str(v) for k, v in
                                                      attributes.items()}))

    def refused_join(self, call: dict, name: str = "room", **attributes) -> int:
        """The code of the AvayaError joining the conference raises."""
        with pytest.raises(AvayaError) as caught:
            self.join(call, name, **attributes)
        return caught.value.code

    def hang_up(self, call: dict) -> None:
        """The far end hangs up."""
        with self.backend.locked(SID) as state:
            self.backend.end_call(state, state.calls[call["sid"]], "completed")

    def call(self, sid: str) -> dict:
        """View Call."""
        return self.get(f"/Calls/{sid}.json")

    def request(self, method: str, path: str, **data):
        """A request to ``path`` under the account's root; the reply, whatever it is."""
        return self.send(method, path, **data)

    def refused(self, method: str, path: str, status: int = 400, **data) -> int:
        """A request refused with ``status``: its error code."""
        got, code = self.refusal(method, path, **data)
        assert got == status, code
        return code

    def member(self, participant: dict) -> str:
        """The participant's path under the account's root."""
        return f"/Conferences/{participant['conference_sid']}/Participants/{participant['sid']}"


@pytest.fixture
def mock():
    """A fresh mock."""
    return Mock()


# -- joining --------------------------------------------------------------------------------

def test_first_call_creates_the_conference_and_is_its_participant(mock):
    call = mock.live_call()
    participant = mock.join(call, "standup")
    room = mock.get(f"/Conferences/{participant['conference_sid']}.json")
    assert list(room) == CONFERENCE_KEYS
    assert room["sid"].startswith("CF") and len(room["sid"]) == 34
    assert (room["friendly_name"], room["status"], room["active_participants_count"],
            room["run_time"]) == ("standup", "in-progress", 1, 0)
    assert room["subresource_uris"]["participants"] == \
        f"{ROOT}/Conferences/{room['sid']}/Participants"
    shown = mock.get(f"{mock.member(participant)}.json")
    assert list(shown) == PARTICIPANT_KEYS
    assert shown["sid"].startswith("PA") and shown["call_sid"] == call["sid"]
    assert shown["caller_number"] == call["from"][1:]          # as recorded: 17325551234
    assert (shown["muted"], shown["deaf"], shown["duration"]) == (False, False, 0)
    assert shown["uri"] == f"{ROOT}/Conferences/{room['sid']}/Participants/{shown['sid']}"

    mock.advance(42)
    assert mock.get(f"/Conferences/{room['sid']}.json")["run_time"] == 42
    assert mock.get(f"{mock.member(participant)}.json")["duration"] == 42


def test_callers_of_the_same_name_meet_and_the_last_to_leave_completes_it(mock):
    first, second = mock.live_call(), mock.live_call("outbound-api")
    one = mock.join(first, "room")
    mock.advance(10)
    two = mock.join(second, "room", muted="true")
    assert one["conference_sid"] == two["conference_sid"]
    assert two["caller_number"] == second["to"][1:] and two["muted"] is True
    sid = one["conference_sid"]
    listed = mock.get(f"/Conferences/{sid}/Participants.json")["participants"]
    assert [p["sid"] for p in listed] == [two["sid"], one["sid"]]      # newest first
    assert mock.get(f"/Conferences/{sid}.json")["active_participants_count"] == 2

    mock.advance(20)
    mock.hang_up(first)
    room = mock.get(f"/Conferences/{sid}.json")
    assert (room["status"], room["active_participants_count"]) == ("in-progress", 1)
    mock.advance(5)
    mock.hang_up(second)
    room = mock.get(f"/Conferences/{sid}.json")
    assert (room["status"], room["active_participants_count"], room["run_time"]) == \
        ("completed", 0, 35)
    mock.advance(100)                       # durations and run time no longer grow
    assert mock.get(f"/Conferences/{sid}.json")["run_time"] == 35
    durations = {p["sid"]: p["duration"] for p in
                 mock.get(f"/Conferences/{sid}/Participants.json")["participants"]}
    assert durations == {one["sid"]: 30, two["sid"]: 25}

    again = mock.join(mock.live_call(), "room")            # a new conference of that name
    assert again["conference_sid"] != sid
    assert len(mock.get("/Conferences.json")["conferences"]) == 2


def test_a_conference_waits_for_a_participant_who_starts_it(mock):
    waiting = mock.join(mock.live_call(), "moderated", startConferenceOnEnter="false")
    sid = waiting["conference_sid"]
    mock.advance(30)
    room = mock.get(f"/Conferences/{sid}.json")
    assert (room["status"], room["active_participants_count"], room["run_time"]) == \
        ("init", 1, 0)
    mock.join(mock.live_call(), "moderated", startConferenceOnEnter="True")
    mock.advance(7)
    room = mock.get(f"/Conferences/{sid}.json")
    assert (room["status"], room["active_participants_count"], room["run_time"]) == \
        ("in-progress", 2, 7)


def test_end_conference_on_exit_takes_everyone_out_and_their_calls_go_on(mock, monkeypatch):
    resumed = []
    monkeypatch.setattr(mock.backend, "ixml_continue",
                        lambda state, call, fields=None, action=None:
                        resumed.append((call["sid"], fields)))
    host, guest, other = mock.live_call(), mock.live_call(), mock.live_call()
    mock.join(host, "talk", endConferenceOnExit="true")
    mock.join(guest, "talk")
    mock.join(other, "talk")
    mock.advance(12)
    mock.hang_up(host)
    room = mock.get("/Conferences.json")["conferences"][0]
    assert (room["status"], room["active_participants_count"]) == ("completed", 0)
    assert sorted(resumed) == sorted([(guest["sid"], {"DialCallStatus": "completed"}),
                                      (other["sid"], {"DialCallStatus": "completed"})])
    assert mock.call(guest["sid"])["status"] == "in-progress"
    assert all(p["duration"] == 12 for p in
               mock.get(f"/Conferences/{room['sid']}/Participants.json")["participants"])


def test_a_participant_who_may_not_stay_alone_leaves_with_the_last_other(mock, monkeypatch):
    monkeypatch.setattr(mock.backend, "ixml_continue", lambda *args, **kwargs: None)
    lonely, friend = mock.live_call(), mock.live_call()
    mock.join(lonely, "pair", stayAlone="false")
    mock.join(friend, "pair")
    mock.hang_up(friend)
    assert mock.get("/Conferences.json")["conferences"][0]["status"] == "completed"


def test_a_full_conference_refuses_the_next_call_and_changes_nothing(mock):
    mock.join(mock.live_call(), "small", maxParticipants="2")
    mock.join(mock.live_call(), "small")
    before = mock.get("/Conferences.json")
    assert mock.refused_join(mock.live_call(), "small") == 61004
    assert mock.get("/Conferences.json") == before
    sid = before["conferences"][0]["sid"]
    assert mock.get(f"/Conferences/{sid}/Participants.json")["total"] == 2


@pytest.mark.parametrize("attributes, code", [
    ({"muted": "maybe"}, 13230), ({"endConferenceOnExit": "yes please"}, 13231),
    ({"startConferenceOnEnter": "2"}, 13232), ({"waitUrl": "ftp://example.com/x"}, 13233),
    ({"waitMethod": "PUT"}, 13234), ({"beep": "loud"}, 13235),
    ({"maxParticipants": "0"}, 12200), ({"maxParticipants": "41"}, 12200),
    ({"maxParticipants": "many"}, 12200), ({"digitsMatch": "12a"}, 12200),
    ({"recordFileFormat": "ogg"}, 12200), ({"callbackMethod": "PUT"}, 12200),
    ({"hangupOnStar": "sometimes"}, 12200),
])
def test_bad_conference_attributes_are_refused_with_their_codes(mock, attributes, code):
    assert mock.refused_join(mock.live_call(), "room", **attributes) == code
    assert mock.get("/Conferences.json")["total"] == 0


@pytest.mark.parametrize("name", ["", "   ", "x" * 129])
def test_a_bad_conference_name_is_13237(mock, name):
    assert mock.refused_join(mock.live_call(), name) == 13237
    assert mock.get("/Conferences.json")["total"] == 0


def test_joining_again_the_conference_one_is_in_changes_nothing(mock):
    call = mock.live_call()
    first = mock.join(call, "room")
    assert mock.join(call, "room")["sid"] == first["sid"]
    assert mock.get(f"/Conferences/{first['conference_sid']}.json")[
        "active_participants_count"] == 1


# -- REST -----------------------------------------------------------------------------------

def test_list_conferences_filters(mock):
    done = mock.live_call()
    mock.join(done, "old")
    mock.hang_up(done)
    mock.advance(86400 * 2)
    mock.join(mock.live_call(), "new")
    names = lambda **q: [c["friendly_name"] for c in  # noqa: E731
                         mock.get("/Conferences.json", **q)["conferences"]]
    assert names() == ["new", "old"]
    assert names(FriendlyName=" old ") == ["old"]
    assert names(Status="completed") == ["old"]
    assert names(Status="in-progress") == ["new"]
    assert names(Status="init") == []
    assert names(**{"DateCreated>": "2030-04-02"}) == ["new"]
    assert names(**{"DateUpdated<": "2030-04-01"}) == ["old"]
    assert names(DateCreated="2030-04-01") == ["old"]
    assert mock.refused("GET", "/Conferences.json?Status=running") == 10022
    assert mock.refused("GET", "/Conferences.json?DateCreated=April") == 32005


def test_conference_lists_in_xml_and_csv(mock):
    participant = mock.join(mock.live_call(), "room")
    reply = mock.client.get(f"{ROOT}/Conferences", headers=H)
    root = ET.fromstring(reply.data)
    listing = root.find("Conferences")
    assert listing.get("total") == "1"
    conference = listing.find("Conference")
    assert conference.findtext("FriendlyName") == "room"
    assert conference.find("SubresourceUris").findtext("Participants").endswith(
        "/Participants")
    reply = mock.client.get(f"{ROOT}/Conferences.csv", headers=H)
    rows = list(csv.DictReader(io.StringIO(reply.get_data(as_text=True))))
    assert [row["status"] for row in rows] == ["in-progress"]

    path = f"{ROOT}/Conferences/{participant['conference_sid']}/Participants"
    root = ET.fromstring(mock.client.get(path, headers=H).data)
    member = root.find("Participants").find("Participant")
    assert (member.findtext("Sid"), member.findtext("Muted"), member.findtext("Deaf")) == \
        (participant["sid"], "false", "false")
    rows = list(csv.DictReader(io.StringIO(
        mock.client.get(f"{path}.csv", headers=H).get_data(as_text=True))))
    assert [row["call_sid"] for row in rows] == [participant["call_sid"]]
    root = ET.fromstring(mock.client.get(f"{ROOT}{mock.member(participant)}",
                                         headers=H).data)
    assert root.find("Participant").findtext("CallSid") == participant["call_sid"]


def test_mute_and_deaf(mock):
    participant = mock.join(mock.live_call())
    mock.advance(3)
    shown = mock.post(f"{mock.member(participant)}.json", Muted="true")
    assert (shown["muted"], shown["deaf"]) == (True, False)
    assert shown["date_updated"] != participant["date_updated"]
    shown = mock.post(f"{mock.member(participant)}.json", Deaf="True", Muted="False")
    assert (shown["muted"], shown["deaf"]) == (False, True)
    sid = participant["conference_sid"]
    other = mock.join(mock.live_call())
    listed = lambda **q: [p["sid"] for p in mock.get(  # noqa: E731
        f"/Conferences/{sid}/Participants.json", **q)["participants"]]
    assert listed(Deaf="true") == [participant["sid"]]
    assert listed(Deaf="false", Muted="false") == [other["sid"]]
    assert mock.refused("GET", f"/Conferences/{sid}/Participants.json?Muted=often") == 10022

    before = mock.get(f"{mock.member(participant)}.json")
    assert mock.refused("POST", f"{mock.member(participant)}.json", Muted="perhaps") == 10022
    assert mock.refused("POST", f"{mock.member(participant)}.json", Muted="true",
                        Deaf="no way") == 10022
    assert mock.refused("POST", f"{mock.member(participant)}.json", Loud="true") == 20001
    assert mock.get(f"{mock.member(participant)}.json") == before


def test_play_audio_to_a_participant(mock):
    participant = mock.join(mock.live_call())
    path = f"{mock.member(participant)}/Play.json"
    reply = mock.client.post(f"{ROOT}{path}", headers=H, data={
        "AudioUrl": ["https://example.com/a.mp3", "https://example.com/b.wav"]})
    assert reply.status_code == 200 and reply.json["sid"] == participant["sid"]
    with mock.backend.locked(SID) as state:
        plays = [p["url"] for p in state.participants[participant["sid"]]["_plays"]]
    assert plays == ["https://example.com/a.mp3", "https://example.com/b.wav"]
    assert mock.refused("POST", path) == 61003
    assert mock.refused("POST", path, AudioUrl="") == 61003
    assert mock.refused("POST", path, AudioUrl="not a url") == 61003
    assert mock.refused("POST", path, AudioUrl="https://example.com/" + "a" * 200) == 12301
    assert mock.refused("POST", path, AudioUrl="https://example.com/a.mp3", Loop="2") == 20001
    with mock.backend.locked(SID) as state:
        assert len(state.participants[participant["sid"]]["_plays"]) == 2


def test_hangup_participant_ends_its_call(mock):
    call = mock.live_call()
    participant = mock.join(call)
    mock.advance(9)
    reply = mock.request("DELETE", f"{mock.member(participant)}.json")
    assert reply.status_code == 200, reply.json
    assert (reply.json["sid"], reply.json["duration"]) == (participant["sid"], 9)
    assert mock.call(call["sid"])["status"] == "completed"
    room = mock.get(f"/Conferences/{participant['conference_sid']}.json")
    assert room["status"] == "completed"


def test_a_participant_who_left_is_listed_but_not_operated_on(mock):
    call = mock.live_call()
    participant = mock.join(call)
    mock.join(mock.live_call())
    mock.hang_up(call)
    member = mock.member(participant)
    assert mock.get(f"{member}.json")["sid"] == participant["sid"]
    assert mock.refused("POST", f"{member}.json", Muted="true") == 61000
    assert mock.refused("POST", f"{member}/Play.json",
                        AudioUrl="https://example.com/a.mp3") == 61000
    assert mock.refused("DELETE", f"{member}.json") == 61000
    assert mock.get(f"{member}.json")["muted"] is False


def test_unknown_conferences_and_participants_are_404(mock):
    one = mock.join(mock.live_call(), "one")
    other = mock.join(mock.live_call(), "other")
    crossed = f"/Conferences/{other['conference_sid']}/Participants/{one['sid']}.json"
    for method in ("GET", "POST", "DELETE"):
        assert mock.refused(method, crossed, 404) == 21227
    assert mock.refused("GET", "/Conferences/CF" + "0" * 32 + ".json", 404) == 21227
    assert mock.refused("GET", "/Conferences/CF" + "0" * 32 + "/Participants.json",
                        404) == 21227
    assert mock.get(f"{mock.member(one)}.json")["muted"] is False


# -- callbacks ------------------------------------------------------------------------------

def test_conference_events_go_to_the_first_callback_url(mock, httpserver):
    httpserver.expect_request("/events").respond_with_data("ok")
    httpserver.expect_request("/ignored").respond_with_data("ok")
    first, second = mock.live_call(), mock.live_call()
    mock.join(first, "room", callbackUrl=httpserver.url_for("/events"))
    mock.join(second, "room", callbackUrl=httpserver.url_for("/ignored"),
              callbackMethod="GET")
    mock.advance(5)
    mock.hang_up(first)
    mock.hang_up(second)
    assert mock.services.webhooks.wait_idle(10)
    requests = [r for r, _ in httpserver.log]
    assert {r.path for r in requests} == {"/events"}
    events = [{k: v[0] for k, v in parse_qs(r.get_data(as_text=True)).items()}
              for r in requests]
    assert [e["StatusCallbackEvent"] for e in events] == [
        "participant-join", "conference-start", "participant-join", "participant-leave",
        "participant-leave", "conference-end"]
    join, leave, end = events[0], events[3], events[5]
    assert join["CallSid"] == first["sid"] and join["FriendlyName"] == "room"
    assert join["AccountSid"] == SID and join["ConferenceSid"].startswith("CF")
    assert (leave["CallSid"], leave["Duration"], leave["ActiveParticipantsCount"]) == \
        (first["sid"], "5", "1")
    assert (end["ConferenceStatus"], end["RunTime"], end["ActiveParticipantsCount"]) == \
        ("completed", "5", "0")
