"""SIP IP access control lists and their IP addresses (seed 004, View/List/Create/Update/
Delete IP ACL, View/List/Add/Update/Delete ACL IP) in JSON, XML and CSV, with the codes
62004, 62005, 62006, 62016, 20002 and 21227, and that a refused request changes nothing.

Against the real service the lists a test made are deleted when it ends (which deletes
their addresses).
"""
from __future__ import annotations

import pytest

from .conftest import SUSPENDED, account_api
from .helpers import (RFC2822, assert_paging, ok_csv, ok_json, ok_xml, path_of,
                      rest_exception, sid_of)

ACL_FIELDS = ["sid", "friendly_name", "account_sid", "date_created", "date_updated", "uri",
              "ip_addresses_count", "subresource_uris"]
IP_FIELDS = ["sid", "friendly_name", "ip_address", "account_sid", "date_created",
             "date_updated", "uri", "subresource_uris"]
AL = "/SIP/IpAccessControlLists"
UNKNOWN_AL = "AL" + "0" * 32
UNKNOWN_IP = "IP" + "0" * 32
INVALID = ["", "   ", "abc", "256.1.1.1", "10.0.0", "10.0.0.1.5", "::1", "2001:db8::1",
           "10.0.0.0/24", "010.0.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255",
           "10.0.0.1:5060"]


class Acls:
    """Creates IP ACLs and addresses; against the real service deletes the ACLs after."""

    def __init__(self, api, real: bool) -> None:
        self.api = api
        self.real = real
        self.made: list[str] = []

    def create(self, name: str = "My ACL") -> dict:
        """A new IP ACL (JSON)."""
        body = ok_json(self.api.post(f"{AL}.json", data={"FriendlyName": name}))
        self.made.append(body["sid"])
        return body

    def add(self, al_sid: str, address: str, name: str = "An address") -> dict:
        """A new address in ACL ``al_sid`` (JSON)."""
        return ok_json(self.api.post(f"{AL}/{al_sid}/IpAddresses.json",
                                     data={"FriendlyName": name, "IpAddress": address}))

    def view(self, al_sid: str) -> dict:
        """The ACL as viewed now (JSON)."""
        return ok_json(self.api.get(f"{AL}/{al_sid}.json"))

    def addresses(self, al_sid: str) -> list[dict]:
        """The ACL's addresses (first page, JSON)."""
        return ok_json(self.api.get(f"{AL}/{al_sid}/IpAddresses.json"))["ip_addresses"]

    def cleanup(self) -> None:
        """Delete what was made, against the real service only."""
        if self.real:
            for sid in self.made:
                self.api.delete(f"{AL}/{sid}.json")


@pytest.fixture
def acls(avaya, is_real):
    """The test's IP ACL factory."""
    factory = Acls(avaya, is_real)
    yield factory
    factory.cleanup()


def total_acls(avaya) -> int:
    """How many IP ACLs the account has."""
    return ok_json(avaya.get(f"{AL}.json"))["total"]


# -- IP access control lists --------------------------------------------------------------

def test_create_acl_answers_the_documented_fields(avaya, acls, account):
    body = acls.create("Office")
    assert list(body) == ACL_FIELDS
    assert sid_of("AL").fullmatch(body["sid"])
    assert body["friendly_name"] == "Office" and body["account_sid"] == account[0]
    assert body["ip_addresses_count"] == 0
    assert RFC2822.fullmatch(body["date_created"]) and body["date_updated"] == body["date_created"]
    assert body["uri"].endswith(f"/SIP/IpAccessControlLists/{body['sid']}")
    assert body["subresource_uris"]["credentials"] == body["uri"] + "/IpAddresses"
    assert ok_json(avaya.get(path_of(body["uri"], avaya) + ".json")) == body
    listed = ok_json(avaya.get(path_of(body["subresource_uris"]["credentials"], avaya)
                               + ".json"))
    assert listed["ip_addresses"] == [] and listed["total"] == 0


def test_create_acl_answers_in_xml_by_default(avaya, acls):
    (element,) = list(ok_xml(avaya.post(AL, data={"FriendlyName": "In XML"})))
    acls.made.append(element.findtext("Sid"))
    assert element.tag == "IpAccessControlList"
    assert [child.tag for child in element] == ["Sid", "FriendlyName", "AccountSid",
                                                "DateCreated", "DateUpdated", "Uri",
                                                "IpAddressesCount", "SubresourceUris"]
    assert element.findtext("IpAddressesCount") == "0"
    assert element.find("SubresourceUris/Credentials").text.endswith("/IpAddresses")


def test_view_acl_in_three_formats(avaya, acls):
    made = acls.create("Viewed")
    sid = made["sid"]
    assert ok_json(avaya.get(f"{AL}/{sid}.json")) == made
    element = ok_xml(avaya.get(f"{AL}/{sid}"))[0]
    assert element.tag == "IpAccessControlList" and element.findtext("Sid") == sid
    (row,) = ok_csv(avaya.get(f"{AL}/{sid}.csv"))
    assert list(row) == ACL_FIELDS and row["friendly_name"] == "Viewed"


@pytest.mark.parametrize("data", [{}, {"FriendlyName": ""}, {"FriendlyName": "  "},
                                  {"FriendlyName": "x" * 65}])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_acl_friendly_name_is_required_20002(avaya, data, fmt):
    before = total_acls(avaya)
    suffix = ".json" if fmt == "json" else ""
    rest_exception(avaya.post(f"{AL}{suffix}", data=data), 400, 20002, fmt)
    assert total_acls(avaya) == before


def test_unknown_acl_parameter_is_20001(avaya):
    before = total_acls(avaya)
    rest_exception(avaya.post(f"{AL}.json", data={"FriendlyName": "a", "IpAddress": "1.2.3.4"}),
                   400, 20001)
    assert total_acls(avaya) == before


def test_update_acl_renames_it(avaya, acls):
    made = acls.create("Before")
    updated = ok_json(avaya.post(f"{AL}/{made['sid']}.json", data={"FriendlyName": "After"}))
    assert updated["friendly_name"] == "After"
    assert {k: v for k, v in updated.items() if k not in ("friendly_name", "date_updated")} \
        == {k: v for k, v in made.items() if k not in ("friendly_name", "date_updated")}
    assert acls.view(made["sid"]) == updated
    element = ok_xml(avaya.post(f"{AL}/{made['sid']}", data={"FriendlyName": "Again"}))[0]
    assert element.tag == "IpAccessControlList" and element.findtext("FriendlyName") == "Again"


@pytest.mark.parametrize("data", [{}, {"FriendlyName": " "}, {"FriendlyName": "y" * 65}])
def test_update_acl_without_a_good_name_is_20002_and_changes_nothing(avaya, acls, data):
    made = acls.create("Kept")
    rest_exception(avaya.post(f"{AL}/{made['sid']}.json", data=data), 400, 20002)
    assert acls.view(made["sid"]) == made


@pytest.mark.parametrize("method", ["get", "post", "delete"])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_acl_is_21227(avaya, method, fmt):
    suffix = ".json" if fmt == "json" else ""
    data = {"FriendlyName": "x"} if method == "post" else None
    rest_exception(getattr(avaya, method)(f"{AL}/{UNKNOWN_AL}{suffix}", data=data),
                   404, 21227, fmt)


def test_delete_acl_answers_it_and_takes_its_addresses(avaya, acls):
    made = acls.create("Doomed")
    address = acls.add(made["sid"], "192.0.2.10")
    before = acls.view(made["sid"])
    gone = ok_json(avaya.delete(f"{AL}/{made['sid']}.json"))
    assert gone == before and gone["ip_addresses_count"] == 1
    rest_exception(avaya.get(f"{AL}/{made['sid']}.json"), 404, 21227)
    rest_exception(avaya.get(f"{AL}/{made['sid']}/IpAddresses/{address['sid']}.json"),
                   404, 21227)
    rest_exception(avaya.get(f"{AL}/{made['sid']}/IpAddresses.json"), 404, 21227)
    rest_exception(avaya.delete(f"{AL}/{made['sid']}.json"), 404, 21227)
    listed = ok_json(avaya.get(f"{AL}.json"))["ip_access_control"]
    assert made["sid"] not in [item["sid"] for item in listed]


def test_delete_acl_answers_in_xml_by_default(avaya, acls):
    made = acls.create()
    element = ok_xml(avaya.delete(f"{AL}/{made['sid']}"))[0]
    assert element.tag == "IpAccessControlList" and element.findtext("Sid") == made["sid"]


def test_acls_are_listed_newest_first_and_paged(avaya, acls):
    made = [acls.create(f"paged {n}")["sid"] for n in range(3)]
    body = ok_json(avaya.get(f"{AL}.json", params={"PageSize": 2}))
    total = body["total"]
    items = assert_paging(body, "ip_access_control", page=0, page_size=2, total=total)
    assert [item["sid"] for item in items] == made[::-1][:2]
    assert all(list(item) == ACL_FIELDS for item in items)
    following = ok_json(avaya.get(path_of(body["next_page_uri"], avaya)))
    assert following["ip_access_control"][0]["sid"] == made[0]
    (element,) = list(ok_xml(avaya.get(AL, params={"PageSize": 2})))
    assert element.tag == "IpAccessControl" and element.get("total") == str(total)
    assert [child.findtext("Sid") for child in element] == made[::-1][:2]
    assert all(child.tag == "IpAccessControlList" for child in element)
    rows = ok_csv(avaya.get(f"{AL}.csv", params={"PageSize": 2}))
    assert [row["sid"] for row in rows] == made[::-1][:2] and list(rows[0]) == ACL_FIELDS


@pytest.mark.parametrize("params", [{"Page": "-1"}, {"PageSize": "0"}, {"Page": "x"}])
def test_bad_paging_is_10022(avaya, params):
    rest_exception(avaya.get(f"{AL}.json", params=params), 400, 10022)


# -- IP addresses -------------------------------------------------------------------------

def test_add_ip_answers_the_documented_fields(avaya, acls, account):
    parent = acls.create()
    body = acls.add(parent["sid"], " 192.168.12.12 ", "My PBX")
    assert list(body) == IP_FIELDS
    assert sid_of("IP").fullmatch(body["sid"])
    assert body["ip_address"] == "192.168.12.12" and body["friendly_name"] == "My PBX"
    assert body["account_sid"] == account[0] and body["subresource_uris"] == {}
    assert body["uri"].endswith(f"{AL}/{parent['sid']}/IpAddresses/{body['sid']}")
    assert RFC2822.fullmatch(body["date_created"])
    assert ok_json(avaya.get(path_of(body["uri"], avaya) + ".json")) == body
    assert acls.view(parent["sid"])["ip_addresses_count"] == 1


def test_add_ip_answers_in_xml_by_default(avaya, acls):
    parent = acls.create()
    (element,) = list(ok_xml(avaya.post(f"{AL}/{parent['sid']}/IpAddresses",
                                        data={"FriendlyName": "x", "IpAddress": "10.1.2.3"})))
    assert element.tag == "IpAddress"
    assert [child.tag for child in element] == ["Sid", "FriendlyName", "IpAddress",
                                                "AccountSid", "DateCreated", "DateUpdated",
                                                "Uri", "SubresourceUris"]
    assert element.findtext("IpAddress") == "10.1.2.3"


def test_view_ip_in_three_formats(avaya, acls):
    parent = acls.create()
    made = acls.add(parent["sid"], "198.51.100.7", "Viewed")
    path = f"{AL}/{parent['sid']}/IpAddresses/{made['sid']}"
    assert ok_json(avaya.get(path + ".json")) == made
    element = ok_xml(avaya.get(path))[0]
    assert element.tag == "IpAddress" and element.findtext("IpAddress") == "198.51.100.7"
    (row,) = ok_csv(avaya.get(path + ".csv"))
    assert list(row) == IP_FIELDS and row["ip_address"] == "198.51.100.7"


def test_addresses_are_listed_newest_first_in_three_formats(avaya, acls):
    parent = acls.create()
    made = [acls.add(parent["sid"], f"203.0.113.{n}")["sid"] for n in range(1, 4)]
    path = f"{AL}/{parent['sid']}/IpAddresses"
    body = ok_json(avaya.get(path + ".json", params={"PageSize": 2}))
    items = assert_paging(body, "ip_addresses", page=0, page_size=2, total=3)
    assert [item["sid"] for item in items] == made[::-1][:2]
    last = ok_json(avaya.get(path_of(body["next_page_uri"], avaya)))
    assert [item["sid"] for item in last["ip_addresses"]] == made[:1]
    (element,) = list(ok_xml(avaya.get(path)))
    assert element.tag == "IpAddresses" and element.get("total") == "3"
    assert [child.findtext("Sid") for child in element] == made[::-1]
    rows = ok_csv(avaya.get(path + ".csv"))
    assert [row["sid"] for row in rows] == made[::-1] and list(rows[0]) == IP_FIELDS
    assert acls.view(parent["sid"])["ip_addresses_count"] == 3


@pytest.mark.parametrize("method", ["get", "post"])
def test_addresses_of_an_unknown_acl_are_21227(avaya, method):
    data = {"FriendlyName": "x", "IpAddress": "10.0.0.1"} if method == "post" else None
    rest_exception(getattr(avaya, method)(f"{AL}/{UNKNOWN_AL}/IpAddresses.json", data=data),
                   404, 21227)


@pytest.mark.parametrize("method", ["get", "post", "delete"])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_address_is_21227(avaya, acls, method, fmt):
    parent = acls.create()
    suffix = ".json" if fmt == "json" else ""
    data = {"FriendlyName": "x"} if method == "post" else None
    reply = getattr(avaya, method)(f"{AL}/{parent['sid']}/IpAddresses/{UNKNOWN_IP}{suffix}",
                                   data=data)
    rest_exception(reply, 404, 21227, fmt)


@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_an_address_under_another_acls_path_is_21227(avaya, acls, method):
    home, other = acls.create(), acls.create()
    made = acls.add(home["sid"], "192.0.2.1")
    data = {"IpAddress": "192.0.2.2"} if method == "post" else None
    reply = getattr(avaya, method)(f"{AL}/{other['sid']}/IpAddresses/{made['sid']}.json",
                                   data=data)
    rest_exception(reply, 404, 21227)
    assert ok_json(avaya.get(f"{AL}/{home['sid']}/IpAddresses/{made['sid']}.json")) == made
    assert acls.view(home["sid"])["ip_addresses_count"] == 1


@pytest.mark.parametrize("address", [None, *INVALID])
def test_invalid_address_on_add_is_62005_and_adds_nothing(avaya, acls, address):
    parent = acls.create()
    data = {"FriendlyName": "Bad"}
    if address is not None:
        data["IpAddress"] = address
    error = rest_exception(avaya.post(f"{AL}/{parent['sid']}/IpAddresses.json", data=data),
                           400, 62005)
    assert error["message"].endswith("in order to create record")
    assert acls.view(parent["sid"])["ip_addresses_count"] == 0 and acls.addresses(
        parent["sid"]) == []


def test_invalid_address_on_add_in_xml(avaya, acls):
    parent = acls.create()
    rest_exception(avaya.post(f"{AL}/{parent['sid']}/IpAddresses",
                              data={"FriendlyName": "Bad", "IpAddress": "::1"}),
                   400, 62005, "xml")


@pytest.mark.parametrize("data", [{"IpAddress": "10.0.0.1"},
                                  {"FriendlyName": " ", "IpAddress": "10.0.0.1"},
                                  {"FriendlyName": "z" * 65, "IpAddress": "10.0.0.1"}])
def test_address_friendly_name_is_required_20002(avaya, acls, data):
    parent = acls.create()
    rest_exception(avaya.post(f"{AL}/{parent['sid']}/IpAddresses.json", data=data), 400, 20002)
    assert acls.view(parent["sid"])["ip_addresses_count"] == 0


def test_duplicate_address_on_add_is_62006(avaya, acls):
    parent = acls.create()
    first = acls.add(parent["sid"], "192.0.2.50")
    for fmt, suffix in (("json", ".json"), ("xml", "")):
        error = rest_exception(avaya.post(f"{AL}/{parent['sid']}/IpAddresses{suffix}",
                                          data={"FriendlyName": "Again",
                                                "IpAddress": "192.0.2.50"}), 400, 62006, fmt)
        assert error["message"] == ("Ip Address for specified addresses already exist. "
                                    "Please pick different ip address")
    assert [a["sid"] for a in acls.addresses(parent["sid"])] == [first["sid"]]
    assert acls.view(parent["sid"])["ip_addresses_count"] == 1


def test_the_same_address_may_be_in_another_acl(acls):
    first, second = acls.create(), acls.create()
    acls.add(first["sid"], "192.0.2.60")
    assert acls.add(second["sid"], "192.0.2.60")["ip_address"] == "192.0.2.60"


def test_update_address_changes_what_is_given(avaya, acls):
    parent = acls.create()
    made = acls.add(parent["sid"], "192.0.2.70", "Before")
    path = f"{AL}/{parent['sid']}/IpAddresses/{made['sid']}"
    moved = ok_json(avaya.post(path + ".json", data={"IpAddress": "192.0.2.71"}))
    assert moved["ip_address"] == "192.0.2.71" and moved["friendly_name"] == "Before"
    renamed = ok_json(avaya.post(path + ".json", data={"FriendlyName": "After"}))
    assert renamed["ip_address"] == "192.0.2.71" and renamed["friendly_name"] == "After"
    both = ok_json(avaya.post(path + ".json", data={"FriendlyName": "Both",
                                                    "IpAddress": "192.0.2.71"}))
    assert both["friendly_name"] == "Both"                 # its own address is no duplicate
    assert {k: v for k, v in both.items() if k not in ("friendly_name", "ip_address",
                                                       "date_updated")} == \
        {k: v for k, v in made.items() if k not in ("friendly_name", "ip_address",
                                                    "date_updated")}
    assert ok_json(avaya.get(path + ".json")) == both
    element = ok_xml(avaya.post(path, data={"IpAddress": "192.0.2.72"}))[0]
    assert element.tag == "IpAddress" and element.findtext("IpAddress") == "192.0.2.72"


@pytest.mark.parametrize("address", INVALID)
def test_invalid_address_on_update_is_62004_and_changes_nothing(avaya, acls, address):
    parent = acls.create()
    made = acls.add(parent["sid"], "192.0.2.80", "Kept")
    path = f"{AL}/{parent['sid']}/IpAddresses/{made['sid']}.json"
    error = rest_exception(avaya.post(path, data={"FriendlyName": "Changed",
                                                  "IpAddress": address}), 400, 62004)
    assert error["message"].endswith("in order to update record")
    assert ok_json(avaya.get(path)) == made


def test_duplicate_address_on_update_is_62016_and_changes_nothing(avaya, acls):
    parent = acls.create()
    acls.add(parent["sid"], "192.0.2.90")
    made = acls.add(parent["sid"], "192.0.2.91", "Kept")
    path = f"{AL}/{parent['sid']}/IpAddresses/{made['sid']}"
    for fmt, suffix in (("json", ".json"), ("xml", "")):
        error = rest_exception(avaya.post(path + suffix, data={"FriendlyName": "Changed",
                                                               "IpAddress": "192.0.2.90"}),
                               400, 62016, fmt)
        assert error["message"] == "Ip address already exist for specified ip access control list"
    assert ok_json(avaya.get(path + ".json")) == made


def test_blank_friendly_name_on_update_is_20002(avaya, acls):
    parent = acls.create()
    made = acls.add(parent["sid"], "192.0.2.95", "Kept")
    path = f"{AL}/{parent['sid']}/IpAddresses/{made['sid']}.json"
    rest_exception(avaya.post(path, data={"FriendlyName": "", "IpAddress": "192.0.2.96"}),
                   400, 20002)
    assert ok_json(avaya.get(path)) == made


def test_delete_address_answers_it_and_counts_down(avaya, acls):
    parent = acls.create()
    kept = acls.add(parent["sid"], "192.0.2.100")
    made = acls.add(parent["sid"], "192.0.2.101")
    path = f"{AL}/{parent['sid']}/IpAddresses/{made['sid']}"
    assert ok_json(avaya.delete(path + ".json")) == made
    rest_exception(avaya.get(path + ".json"), 404, 21227)
    rest_exception(avaya.delete(path + ".json"), 404, 21227)
    assert acls.view(parent["sid"])["ip_addresses_count"] == 1
    assert [a["sid"] for a in acls.addresses(parent["sid"])] == [kept["sid"]]
    again = acls.add(parent["sid"], "192.0.2.101")          # the address is free again
    element = ok_xml(avaya.delete(f"{AL}/{parent['sid']}/IpAddresses/{again['sid']}"))[0]
    assert element.tag == "IpAddress" and element.findtext("IpAddress") == "192.0.2.101"


def test_suspended_account_may_list_but_not_change(target, mock_only):
    api = account_api(target, *SUSPENDED)
    assert ok_json(api.get(f"{AL}.json"))["total"] == 0
    rest_exception(api.post(f"{AL}.json", data={"FriendlyName": "x"}), 403, 20005)
    assert ok_json(api.get(f"{AL}.json"))["total"] == 0
