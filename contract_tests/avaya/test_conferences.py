"""Conferences and participants (seed 004, View/List Conferences, View/List Participants,
Mute / Deaf Participant, Play Audio to Participant, Hangup Participant) through the
documented API only. No REST call creates a conference (a call joins one through
InboundXML), so these tests cover what a fresh account shows: empty lists in the three
formats, their filters, and unknown SIDs. Conferences with calls in them are tested in
tests/test_avaya_conferences.py and tests/test_avaya_voice_flows.py.
"""
from __future__ import annotations

import pytest

from .helpers import assert_paging, ok_csv, ok_json, ok_xml, rest_exception

UNKNOWN_CONFERENCE = "CF" + "0" * 32
UNKNOWN_PARTICIPANT = "PA" + "0" * 32
MEMBER = f"/Conferences/{UNKNOWN_CONFERENCE}/Participants/{UNKNOWN_PARTICIPANT}"


@pytest.fixture
def fresh(target):
    """Skip against the real service, whose account may have had conferences."""
    if target == "real":
        pytest.skip("a real account may have conferences already")


def test_a_new_account_has_no_conferences(avaya, fresh):
    body = ok_json(avaya.get("/Conferences.json"))
    assert assert_paging(body, "conferences", page=0, page_size=50, total=0) == []
    assert body["previous_page_uri"] == "" and body["next_page_uri"] == ""
    root = ok_xml(avaya.get("/Conferences"))
    listing = root.find("Conferences")
    assert listing is not None and listing.get("total") == "0" and len(listing) == 0
    assert ok_csv(avaya.get("/Conferences.csv")) == []


@pytest.mark.parametrize("query", [
    {"FriendlyName": "nobody"}, {"Status": "in-progress"}, {"Status": "completed"},
    {"Status": "init"}, {"DateCreated>": "2020-01-01"}, {"DateUpdated<": "2020-01-01"},
    {"DateCreated": "2020-01-01"}, {"Page": "1", "PageSize": "10"},
])
def test_conference_filters_on_an_empty_account(avaya, fresh, query):
    body = ok_json(avaya.get("/Conferences.json", params=query))
    assert body["conferences"] == [] and body["total"] == 0


def test_a_malformed_date_filter_is_32005(avaya):
    rest_exception(avaya.get("/Conferences.json", params={"DateCreated": "yesterday"}),
                   400, 32005)


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("path", [f"/Conferences/{UNKNOWN_CONFERENCE}",
                                  f"/Conferences/{UNKNOWN_CONFERENCE}/Participants",
                                  MEMBER])
def test_unknown_conference_or_participant_is_21227(avaya, path, fmt):
    suffix = ".json" if fmt == "json" else ""
    rest_exception(avaya.get(path + suffix), 404, 21227, fmt)


@pytest.mark.parametrize("method, path, data", [
    ("post", MEMBER + ".json", {"Muted": "true"}),
    ("post", MEMBER + ".json", {"Deaf": "false"}),
    ("delete", MEMBER + ".json", None),
    ("post", MEMBER + "/Play.json", {"AudioUrl": "https://example.com/a.mp3"}),
])
def test_operations_on_an_unknown_participant_are_21227(avaya, method, path, data):
    reply = getattr(avaya, method)(path, data=data) if data else getattr(avaya, method)(path)
    rest_exception(reply, 404, 21227)
