"""Google Dialogflow agents (seed 004, List Agents, View Agent Profile, Update Agent Profile)
in the three formats, every documented field of Update Agent Profile and every error it
answers with, with the agent unchanged after each refusal.

Agents are not created through the API: the tests use the account's own (every mock
account has one or two; a real account without any skips them). Against the real service
the tests that update an agent put its profile back afterwards.
"""
from __future__ import annotations

import pytest

from .conftest import SUSPENDED, account_api
from .helpers import RFC2822, assert_paging, ok_csv, ok_json, ok_xml, path_of, rest_exception

#: the documented profile fields (View Agent Profile, then Update's two methods)
PROFILE = ["friendly_name", "timeout", "callback_url", "language", "event_callback_url",
           "events", "callback_method", "event_callback_method"]
UNKNOWN = "AG" + "0" * 32
#: each documented parameter of Update Agent Profile (seed spelling) and a valid value
EVERY_PARAMETER = {
    "Friendly_name": "Support bot", "Timeout": "12",
    "Callback_url": "https://example.com/dialogflow", "Language": "de-DE:de-DE-Wavenet-C:Female",
    "Event_callback_url": "http://eventwebhook.com",
    "Events": "onConversationStarted; onAgentRespond; onConversationEnded",
    "Callback_method": "POST", "Event_ Callback_method": "POST",
}


@pytest.fixture
def agents(avaya) -> list[dict]:
    """The account's agents (JSON); skipped when it has none."""
    found = ok_json(avaya.get("/Agents.json"))["agents"]
    if not found:
        pytest.skip("the account has no Dialogflow agent")
    return found


@pytest.fixture
def agent(avaya, agents, is_real):
    """The account's first agent; its profile is put back afterwards on a real account."""
    first = agents[0]
    yield first
    if is_real:
        avaya.post(f"/Agents/{first['sid']}/ConfigProfile.json", data={
            "Friendly_name": first["friendly_name"], "Timeout": str(first["timeout"]),
            "Callback_url": first["callback_url"], "Language": first["language"],
            "Event_callback_url": first["event_callback_url"], "Events": first["events"]})


def update(avaya, sid: str, fmt: str = "json", **params):
    """POST /Agents/{sid}/ConfigProfile."""
    return avaya.post(f"/Agents/{sid}/ConfigProfile{'.json' if fmt == 'json' else ''}",
                      data=params)


def view(avaya, sid: str) -> dict:
    """View Agent Profile (JSON)."""
    return ok_json(avaya.get(f"/Agents/{sid}.json"))


# -- List and View ---------------------------------------------------------------------------

def test_the_list_in_three_formats(avaya, agents):
    body = ok_json(avaya.get("/Agents.json"))
    assert_paging(body, "agents", page=0, page_size=50, total=len(agents))
    root = ok_xml(avaya.get("/Agents"))
    assert root[0].tag == "Agents" and [e.tag for e in root[0]] == ["Agent"] * len(agents)
    assert [e.find("Sid").text for e in root[0]] == [a["sid"] for a in agents]
    assert [row["sid"] for row in ok_csv(avaya.get("/Agents.csv"))] == \
        [a["sid"] for a in agents]


def test_the_list_pages(avaya, agents):
    body = ok_json(avaya.get("/Agents.json", params={"Page": "0", "PageSize": "1"}))
    assert assert_paging(body, "agents", page=0, page_size=1, total=len(agents)) == agents[:1]


def test_an_agent_has_every_profile_field(agents, account):
    for agent in agents:
        for field in PROFILE:
            assert field in agent, (field, agent)
        assert isinstance(agent["timeout"], int) and isinstance(agent["events"], str)
        assert agent["sid"].startswith("AG") and agent["account_sid"] == account[0]
        assert RFC2822.fullmatch(agent["date_created"])


def test_view_in_three_formats(avaya, agents):
    for agent in agents:
        assert view(avaya, agent["sid"]) == agent
        root = ok_xml(avaya.get(f"/Agents/{agent['sid']}"))
        assert root[0].tag == "Agent" and root[0].find("FriendlyName").text == \
            agent["friendly_name"]
        (row,) = ok_csv(avaya.get(f"/Agents/{agent['sid']}.csv"))
        assert row["timeout"] == str(agent["timeout"])
        assert ok_json(avaya.get(path_of(agent["uri"], avaya) + ".json")) == agent


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_agent_is_21227(avaya, fmt):
    suffix = ".json" if fmt == "json" else ""
    rest_exception(avaya.get(f"/Agents/{UNKNOWN}{suffix}"), 404, 21227, fmt)
    rest_exception(update(avaya, UNKNOWN, fmt, Timeout="5"), 404, 21227, fmt)


# -- Update Agent Profile --------------------------------------------------------------------

def test_every_documented_parameter_is_taken(avaya, agent):
    body = ok_json(update(avaya, agent["sid"], **EVERY_PARAMETER))
    assert {field: body[field] for field in PROFILE} == {
        "friendly_name": "Support bot", "timeout": 12,
        "callback_url": "https://example.com/dialogflow",
        "language": "de-DE:de-DE-Wavenet-C:Female",
        "event_callback_url": "http://eventwebhook.com",
        "events": "onConversationStarted; onAgentRespond; onConversationEnded",
        "callback_method": "POST", "event_callback_method": "POST"}
    assert view(avaya, agent["sid"]) == body
    assert body["sid"] == agent["sid"] and body["date_created"] == agent["date_created"]


def test_only_what_is_given_changes(avaya, agent):
    body = ok_json(update(avaya, agent["sid"], Timeout="30"))
    assert body["timeout"] == 30
    assert {k: v for k, v in body.items() if k not in ("timeout", "date_updated")} == \
        {k: v for k, v in agent.items() if k not in ("timeout", "date_updated")}


def test_update_answers_in_xml(avaya, agent):
    root = ok_xml(update(avaya, agent["sid"], "xml", Friendly_name="Night shift"))
    assert root[0].tag == "Agent" and root[0].find("FriendlyName").text == "Night shift"


def test_events_may_be_cleared_and_are_written_as_the_seed_writes_them(avaya, agent):
    body = ok_json(update(avaya, agent["sid"], Events="onagentrespond,onConversationStarted"))
    assert body["events"] == "onAgentRespond; onConversationStarted"
    assert ok_json(update(avaya, agent["sid"], Events=""))["events"] == ""


def test_urls_may_be_cleared(avaya, agent):
    ok_json(update(avaya, agent["sid"], Callback_url="https://example.com/a"))
    assert ok_json(update(avaya, agent["sid"], Callback_url=""))["callback_url"] == ""


@pytest.mark.parametrize("params, code", [
    ({"Friendly_name": ""}, 20002), ({"Friendly_name": "x" * 65}, 20002),
    ({"Timeout": "0"}, 21208), ({"Timeout": "1000"}, 21208), ({"Timeout": "soon"}, 21208),
    ({"Callback_url": "not a url"}, 21502), ({"Event_callback_url": "example.com"}, 21502),
    ({"Callback_url": "https://example.com/" + "a" * 181}, 12301),
    ({"Language": "English"}, 10022), ({"Language": "en-US:Standard-B:Male"}, 10022),
    ({"Language": "en-US:en-US-Standard-B:Robot"}, 10022),
    ({"Events": "onCallStarted"}, 10022), ({"Callback_method": "GET"}, 10022),
    ({"Event_ Callback_method": "PUT"}, 10022), ({"Voice": "x"}, 20001),
])
def test_a_bad_field_has_its_code_and_changes_nothing(avaya, agent, params, code):
    rest_exception(update(avaya, agent["sid"], **{"Friendly_name": "Changed", **params}),
                   400, code)
    assert view(avaya, agent["sid"]) == agent


def test_a_suspended_account_updates_nothing(target, mock_only):
    api = account_api(target, *SUSPENDED)
    (agent, *_) = ok_json(api.get("/Agents.json"))["agents"]
    rest_exception(update(api, agent["sid"], Timeout="9"), 403, 20005)
    assert view(api, agent["sid"]) == agent
