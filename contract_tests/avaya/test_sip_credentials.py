"""SIP credential lists and credentials (seed 004, View/List/Create/Update/Delete Credentials
List, View/List/Create/Update/Delete Credential) in JSON, XML and CSV, with the SIP error
codes 62000-62003, 20002 and 21227, and that a refused request changes nothing.

A password is accepted and never answered: each test that sets one checks that the reply
text (every format) does not contain it. Against the real service the lists a test made
are deleted when it ends (which deletes their credentials).
"""
from __future__ import annotations

import uuid

import pytest

from .conftest import SUSPENDED, account_api
from .helpers import (RFC2822, assert_paging, ok_csv, ok_json, ok_xml, path_of,
                      rest_exception, sid_of)

LIST_FIELDS = ["sid", "account_sid", "friendly_name", "date_created", "date_updated",
               "credentials_count", "uri", "subresource_uris"]
CREDENTIAL_FIELDS = ["sid", "account_sid", "friendly_name", "username", "date_created",
                     "date_updated", "credential_list", "uri", "subresource_uris"]
PASSWORD = "Sekrit-Pass42"
OTHER_PASSWORD = "Another-Pass77"
CL = "/SIP/CredentialLists"
UNKNOWN_CL = "CL" + "0" * 32
UNKNOWN_SC = "SC" + "0" * 32


class Lists:
    """Creates credential lists and credentials; against the real service deletes the
    lists afterwards."""

    def __init__(self, api, real: bool) -> None:
        self.api = api
        self.real = real
        self.made: list[str] = []

    def create(self, name: str = "My list") -> dict:
        """A new credential list (JSON)."""
        body = ok_json(self.api.post(f"{CL}.json", data={"FriendlyName": name}))
        self.made.append(body["sid"])
        return body

    def credential(self, cl_sid: str, username: str | None = None,
                   password: str = PASSWORD) -> dict:
        """A new credential in list ``cl_sid`` (JSON); the password is not in the reply."""
        username = username or f"user{uuid.uuid4().hex[:8]}"
        reply = self.api.post(f"{CL}/{cl_sid}/Credentials.json",
                              data={"Username": username, "Password": password})
        assert password not in reply.text
        return ok_json(reply)

    def view(self, cl_sid: str) -> dict:
        """The list as viewed now (JSON)."""
        return ok_json(self.api.get(f"{CL}/{cl_sid}.json"))

    def cleanup(self) -> None:
        """Delete what was made, against the real service only."""
        if self.real:
            for sid in self.made:
                self.api.delete(f"{CL}/{sid}.json")


@pytest.fixture
def lists(avaya, is_real):
    """The test's credential list factory."""
    factory = Lists(avaya, is_real)
    yield factory
    factory.cleanup()


def total_lists(avaya) -> int:
    """How many credential lists the account has."""
    return ok_json(avaya.get(f"{CL}.json"))["total"]


# -- credential lists ---------------------------------------------------------------------

def test_create_list_answers_the_documented_fields(avaya, lists, account):
    body = lists.create("Office phones")
    assert list(body) == LIST_FIELDS
    assert sid_of("CL").fullmatch(body["sid"])
    assert body["account_sid"] == account[0]
    assert body["friendly_name"] == "Office phones"
    assert body["credentials_count"] == 0
    assert RFC2822.fullmatch(body["date_created"]) and body["date_updated"] == body["date_created"]
    assert body["uri"].endswith(f"/SIP/CredentialLists/{body['sid']}")
    assert set(body["subresource_uris"]) == {"credentials"}
    assert ok_json(avaya.get(path_of(body["uri"], avaya) + ".json")) == body
    listed = ok_json(avaya.get(path_of(body["subresource_uris"]["credentials"], avaya)
                               + ".json"))
    assert listed["credentials"] == [] and listed["total"] == 0


def test_create_list_answers_in_xml_by_default(avaya, lists):
    reply = avaya.post(CL, data={"FriendlyName": "In XML"})
    (element,) = list(ok_xml(reply))
    lists.made.append(element.findtext("Sid"))
    assert element.tag == "CredentialList"
    assert [child.tag for child in element] == ["Sid", "AccountSid", "FriendlyName",
                                                "DateCreated", "DateUpdated",
                                                "CredentialsCount", "Uri", "SubresourceUris"]
    assert element.findtext("FriendlyName") == "In XML"
    assert element.findtext("CredentialsCount") == "0"
    assert element.find("SubresourceUris/Credentials").text.endswith("/Credentials")


def test_view_list_in_three_formats(avaya, lists):
    made = lists.create("Viewed")
    sid = made["sid"]
    assert ok_json(avaya.get(f"{CL}/{sid}.json")) == made
    element = ok_xml(avaya.get(f"{CL}/{sid}"))[0]
    assert element.tag == "CredentialList" and element.findtext("Sid") == sid
    (row,) = ok_csv(avaya.get(f"{CL}/{sid}.csv"))
    assert list(row) == LIST_FIELDS
    assert row["sid"] == sid and row["friendly_name"] == "Viewed"
    assert row["credentials_count"] == "0"


@pytest.mark.parametrize("data", [{}, {"FriendlyName": ""}, {"FriendlyName": "   "},
                                  {"FriendlyName": "x" * 65}])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_list_friendly_name_is_required_20002(avaya, data, fmt):
    before = total_lists(avaya)
    suffix = ".json" if fmt == "json" else ""
    rest_exception(avaya.post(f"{CL}{suffix}", data=data), 400, 20002, fmt)
    assert total_lists(avaya) == before


def test_list_friendly_name_of_64_characters_is_accepted(lists):
    assert lists.create("x" * 64)["friendly_name"] == "x" * 64


def test_unknown_list_parameter_is_20001(avaya):
    before = total_lists(avaya)
    rest_exception(avaya.post(f"{CL}.json", data={"FriendlyName": "a", "Name": "b"}),
                   400, 20001)
    assert total_lists(avaya) == before


def test_update_list_renames_it(avaya, lists):
    made = lists.create("Before")
    updated = ok_json(avaya.post(f"{CL}/{made['sid']}.json", data={"FriendlyName": "After"}))
    assert updated["friendly_name"] == "After"
    assert {k: v for k, v in updated.items() if k not in ("friendly_name", "date_updated")} \
        == {k: v for k, v in made.items() if k not in ("friendly_name", "date_updated")}
    assert RFC2822.fullmatch(updated["date_updated"])
    assert lists.view(made["sid"]) == updated
    element = ok_xml(avaya.post(f"{CL}/{made['sid']}", data={"FriendlyName": "Again"}))[0]
    assert element.tag == "CredentialList" and element.findtext("FriendlyName") == "Again"


@pytest.mark.parametrize("data", [{}, {"FriendlyName": " "}, {"FriendlyName": "y" * 65}])
def test_update_list_without_a_good_name_is_20002_and_changes_nothing(avaya, lists, data):
    made = lists.create("Kept")
    rest_exception(avaya.post(f"{CL}/{made['sid']}.json", data=data), 400, 20002)
    assert lists.view(made["sid"]) == made


@pytest.mark.parametrize("method", ["get", "post", "delete"])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_list_is_21227(avaya, method, fmt):
    suffix = ".json" if fmt == "json" else ""
    data = {"FriendlyName": "x"} if method == "post" else None
    reply = getattr(avaya, method)(f"{CL}/{UNKNOWN_CL}{suffix}", data=data)
    rest_exception(reply, 404, 21227, fmt)


def test_delete_list_answers_it_and_takes_its_credentials(avaya, lists):
    made = lists.create("Doomed")
    credential = lists.credential(made["sid"])
    before = lists.view(made["sid"])
    gone = ok_json(avaya.delete(f"{CL}/{made['sid']}.json"))
    assert gone == before and gone["credentials_count"] == 1
    rest_exception(avaya.get(f"{CL}/{made['sid']}.json"), 404, 21227)
    rest_exception(avaya.get(f"{CL}/{made['sid']}/Credentials/{credential['sid']}.json"),
                   404, 21227)
    rest_exception(avaya.get(f"{CL}/{made['sid']}/Credentials.json"), 404, 21227)
    rest_exception(avaya.delete(f"{CL}/{made['sid']}.json"), 404, 21227)
    listed = ok_json(avaya.get(f"{CL}.json"))["credential_lists"]
    assert made["sid"] not in [item["sid"] for item in listed]


def test_delete_list_answers_in_xml_by_default(avaya, lists):
    made = lists.create()
    element = ok_xml(avaya.delete(f"{CL}/{made['sid']}"))[0]
    assert element.tag == "CredentialList" and element.findtext("Sid") == made["sid"]


def test_lists_are_listed_newest_first_and_paged(avaya, lists):
    made = [lists.create(f"paged {n}")["sid"] for n in range(3)]
    body = ok_json(avaya.get(f"{CL}.json", params={"PageSize": 2}))
    total = body["total"]
    assert total >= 3
    items = assert_paging(body, "credential_lists", page=0, page_size=2, total=total)
    assert [item["sid"] for item in items] == made[::-1][:2]
    assert all(list(item) == LIST_FIELDS for item in items)
    following = ok_json(avaya.get(path_of(body["next_page_uri"], avaya)))
    assert following["credential_lists"][0]["sid"] == made[0]
    (element,) = list(ok_xml(avaya.get(CL, params={"PageSize": 2})))
    assert element.tag == "CredentialLists" and element.get("total") == str(total)
    assert [child.findtext("Sid") for child in element] == made[::-1][:2]
    assert all(child.tag == "CredentialList" for child in element)
    rows = ok_csv(avaya.get(f"{CL}.csv", params={"PageSize": 2}))
    assert [row["sid"] for row in rows] == made[::-1][:2]
    assert list(rows[0]) == LIST_FIELDS


@pytest.mark.parametrize("params", [{"Page": "-1"}, {"PageSize": "0"}, {"PageSize": "x"}])
def test_bad_paging_is_10022(avaya, params):
    rest_exception(avaya.get(f"{CL}.json", params=params), 400, 10022)


# -- credentials --------------------------------------------------------------------------

def test_create_credential_answers_without_the_password(avaya, lists, account):
    parent = lists.create()
    reply = avaya.post(f"{CL}/{parent['sid']}/Credentials.json",
                       data={"Username": "alice.smith_1", "Password": PASSWORD})
    body = ok_json(reply)
    assert PASSWORD not in reply.text
    assert list(body) == CREDENTIAL_FIELDS
    assert sid_of("SC").fullmatch(body["sid"])
    assert body["username"] == body["friendly_name"] == "alice.smith_1"
    assert body["credential_list"] == parent["sid"] and body["account_sid"] == account[0]
    assert body["subresource_uris"] == {}
    assert body["uri"].endswith(f"/SIP/CredentialLists/{parent['sid']}/Credentials/"
                                f"{body['sid']}")
    assert RFC2822.fullmatch(body["date_created"])
    assert ok_json(avaya.get(path_of(body["uri"], avaya) + ".json")) == body
    assert lists.view(parent["sid"])["credentials_count"] == 1


def test_create_credential_answers_in_xml_by_default(avaya, lists):
    parent = lists.create()
    reply = avaya.post(f"{CL}/{parent['sid']}/Credentials",
                       data={"Username": "xmluser", "Password": PASSWORD})
    assert PASSWORD not in reply.text
    (element,) = list(ok_xml(reply))
    assert element.tag == "Credential"
    assert [child.tag for child in element] == ["Sid", "AccountSid", "FriendlyName",
                                                "Username", "DateCreated", "DateUpdated",
                                                "CredentialList", "Uri", "SubresourceUris"]
    assert element.findtext("Username") == "xmluser"
    assert element.findtext("CredentialList") == parent["sid"]


def test_view_credential_in_three_formats_never_shows_the_password(avaya, lists):
    parent = lists.create()
    made = lists.credential(parent["sid"], "viewer")
    path = f"{CL}/{parent['sid']}/Credentials/{made['sid']}"
    reply = avaya.get(path + ".json")
    assert ok_json(reply) == made and PASSWORD not in reply.text
    reply = avaya.get(path)
    assert ok_xml(reply)[0].findtext("Username") == "viewer" and PASSWORD not in reply.text
    reply = avaya.get(path + ".csv")
    (row,) = ok_csv(reply)
    assert list(row) == CREDENTIAL_FIELDS and PASSWORD not in reply.text


def test_credentials_are_listed_newest_first_in_three_formats(avaya, lists):
    parent = lists.create()
    made = [lists.credential(parent["sid"], f"u{n}")["sid"] for n in range(3)]
    path = f"{CL}/{parent['sid']}/Credentials"
    reply = avaya.get(path + ".json", params={"PageSize": 2})
    assert PASSWORD not in reply.text
    body = ok_json(reply)
    items = assert_paging(body, "credentials", page=0, page_size=2, total=3)
    assert [item["sid"] for item in items] == made[::-1][:2]
    assert all(list(item) == CREDENTIAL_FIELDS for item in items)
    last = ok_json(avaya.get(path_of(body["next_page_uri"], avaya)))
    assert [item["sid"] for item in last["credentials"]] == made[:1]
    reply = avaya.get(path)
    (element,) = list(ok_xml(reply))
    assert element.tag == "Credentials" and element.get("total") == "3"
    assert [child.findtext("Sid") for child in element] == made[::-1]
    assert PASSWORD not in reply.text
    reply = avaya.get(path + ".csv")
    rows = ok_csv(reply)
    assert [row["sid"] for row in rows] == made[::-1] and list(rows[0]) == CREDENTIAL_FIELDS
    assert PASSWORD not in reply.text
    assert lists.view(parent["sid"])["credentials_count"] == 3


def test_credentials_of_another_list_are_not_listed(avaya, lists):
    first, second = lists.create(), lists.create()
    lists.credential(first["sid"], "only-first")
    body = ok_json(avaya.get(f"{CL}/{second['sid']}/Credentials.json"))
    assert body["total"] == 0 and body["credentials"] == []


@pytest.mark.parametrize("method", ["get", "post"])
def test_credentials_of_an_unknown_list_are_21227(avaya, method):
    data = {"Username": "u", "Password": PASSWORD} if method == "post" else None
    reply = getattr(avaya, method)(f"{CL}/{UNKNOWN_CL}/Credentials.json", data=data)
    rest_exception(reply, 404, 21227)


@pytest.mark.parametrize("method", ["get", "post", "delete"])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_credential_is_21227(avaya, lists, method, fmt):
    parent = lists.create()
    suffix = ".json" if fmt == "json" else ""
    data = {"Password": PASSWORD} if method == "post" else None
    reply = getattr(avaya, method)(f"{CL}/{parent['sid']}/Credentials/{UNKNOWN_SC}{suffix}",
                                   data=data)
    rest_exception(reply, 404, 21227, fmt)


@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_a_credential_under_another_lists_path_is_21227(avaya, lists, method):
    home, other = lists.create(), lists.create()
    made = lists.credential(home["sid"])
    data = {"Password": OTHER_PASSWORD} if method == "post" else None
    reply = getattr(avaya, method)(f"{CL}/{other['sid']}/Credentials/{made['sid']}.json",
                                   data=data)
    rest_exception(reply, 404, 21227)
    assert ok_json(avaya.get(f"{CL}/{home['sid']}/Credentials/{made['sid']}.json")) == made
    assert lists.view(home["sid"])["credentials_count"] == 1


@pytest.mark.parametrize("username", [None, "", "   ", "has space", "x" * 33, "bob@example",
                                      "ümlaut", "semi;colon"])
def test_invalid_username_is_62000_and_creates_nothing(avaya, lists, username):
    parent = lists.create()
    data = {"Password": PASSWORD}
    if username is not None:
        data["Username"] = username
    error = rest_exception(avaya.post(f"{CL}/{parent['sid']}/Credentials.json", data=data),
                           400, 62000)
    assert error["message"].startswith("Invalid username provided")
    assert lists.view(parent["sid"])["credentials_count"] == 0
    assert ok_json(avaya.get(f"{CL}/{parent['sid']}/Credentials.json"))["total"] == 0


def test_username_of_32_characters_is_accepted(lists):
    parent = lists.create()
    assert lists.credential(parent["sid"], "a" * 32)["username"] == "a" * 32


@pytest.mark.parametrize("password", [None, "", "pass", "3F#Af2af3@!", "alllowercase12",
                                      "ALLUPPERCASE12", "NoDigitsAtAllHere"])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_weak_password_on_create_is_62001_and_creates_nothing(avaya, lists, password, fmt):
    parent = lists.create()
    data = {"Username": "weak"}
    if password is not None:
        data["Password"] = password
    suffix = ".json" if fmt == "json" else ""
    error = rest_exception(avaya.post(f"{CL}/{parent['sid']}/Credentials{suffix}", data=data),
                           400, 62001, fmt)
    assert "in order to create SIP credential" in error["message"]
    assert lists.view(parent["sid"])["credentials_count"] == 0


def test_password_of_12_characters_with_every_class_is_accepted(lists):
    parent = lists.create()
    assert lists.credential(parent["sid"], "exact", "Abcdefghij12")["username"] == "exact"


def test_username_is_checked_before_the_password(avaya, lists):
    parent = lists.create()
    rest_exception(avaya.post(f"{CL}/{parent['sid']}/Credentials.json",
                              data={"Username": "bad user", "Password": "pass"}), 400, 62000)


def test_duplicate_username_in_the_list_is_62002(avaya, lists):
    parent = lists.create()
    first = lists.credential(parent["sid"], "twin")
    error = rest_exception(avaya.post(f"{CL}/{parent['sid']}/Credentials.json",
                                      data={"Username": "twin", "Password": OTHER_PASSWORD}),
                           400, 62002)
    assert error["message"].startswith("SIP credential for specified username already exist")
    body = ok_json(avaya.get(f"{CL}/{parent['sid']}/Credentials.json"))
    assert [item["sid"] for item in body["credentials"]] == [first["sid"]]
    assert lists.view(parent["sid"])["credentials_count"] == 1


def test_the_same_username_may_be_in_another_list(lists):
    first, second = lists.create(), lists.create()
    lists.credential(first["sid"], "shared")
    assert lists.credential(second["sid"], "shared")["credential_list"] == second["sid"]


def test_update_credential_changes_the_password_only(avaya, lists):
    parent = lists.create()
    made = lists.credential(parent["sid"], "rotating")
    reply = avaya.post(f"{CL}/{parent['sid']}/Credentials/{made['sid']}.json",
                       data={"Password": OTHER_PASSWORD})
    updated = ok_json(reply)
    assert OTHER_PASSWORD not in reply.text
    assert {k: v for k, v in updated.items() if k != "date_updated"} == \
        {k: v for k, v in made.items() if k != "date_updated"}
    assert RFC2822.fullmatch(updated["date_updated"])
    reply = avaya.post(f"{CL}/{parent['sid']}/Credentials/{made['sid']}",
                       data={"Password": PASSWORD})
    element = ok_xml(reply)[0]
    assert element.tag == "Credential" and element.findtext("Sid") == made["sid"]
    assert PASSWORD not in reply.text


@pytest.mark.parametrize("password", [None, "", "pass", "3f#2f2af3@!", "3F#Af2af3@!"])
def test_weak_password_on_update_is_62003_and_changes_nothing(avaya, lists, password):
    parent = lists.create()
    made = lists.credential(parent["sid"])
    data = {} if password is None else {"Password": password}
    error = rest_exception(avaya.post(f"{CL}/{parent['sid']}/Credentials/{made['sid']}.json",
                                      data=data), 400, 62003)
    assert "in order to updated SIP credential" in error["message"]
    assert ok_json(avaya.get(f"{CL}/{parent['sid']}/Credentials/{made['sid']}.json")) == made


def test_username_cannot_be_updated_20001(avaya, lists):
    parent = lists.create()
    made = lists.credential(parent["sid"], "fixed")
    rest_exception(avaya.post(f"{CL}/{parent['sid']}/Credentials/{made['sid']}.json",
                              data={"Username": "moved", "Password": OTHER_PASSWORD}),
                   400, 20001)
    assert ok_json(avaya.get(f"{CL}/{parent['sid']}/Credentials/{made['sid']}.json")) == made


def test_delete_credential_answers_it_and_counts_down(avaya, lists):
    parent = lists.create()
    kept = lists.credential(parent["sid"], "kept")
    made = lists.credential(parent["sid"], "gone")
    path = f"{CL}/{parent['sid']}/Credentials/{made['sid']}"
    reply = avaya.delete(path + ".json")
    assert ok_json(reply) == made and PASSWORD not in reply.text
    rest_exception(avaya.get(path + ".json"), 404, 21227)
    rest_exception(avaya.delete(path + ".json"), 404, 21227)
    assert lists.view(parent["sid"])["credentials_count"] == 1
    listed = ok_json(avaya.get(f"{CL}/{parent['sid']}/Credentials.json"))["credentials"]
    assert [item["sid"] for item in listed] == [kept["sid"]]
    again = lists.credential(parent["sid"], "gone")           # the username is free again
    element = ok_xml(avaya.delete(f"{CL}/{parent['sid']}/Credentials/{again['sid']}"))[0]
    assert element.tag == "Credential" and element.findtext("Username") == "gone"


def test_suspended_account_may_list_but_not_change(target, mock_only):
    api = account_api(target, *SUSPENDED)
    assert ok_json(api.get(f"{CL}.json"))["total"] == 0
    rest_exception(api.post(f"{CL}.json", data={"FriendlyName": "x"}), 403, 20005)
    assert ok_json(api.get(f"{CL}.json"))["total"] == 0
