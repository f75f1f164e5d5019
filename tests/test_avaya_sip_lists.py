"""Avaya SIP credential lists and IP access control lists as only the mock can show them
(seed 004, Credentials List, Credential, IP ACL, ACL IP): dates moved by the frozen clock,
passwords masked in the Notifications of refused requests, the ``credentials_match`` and
``ip_allowed`` checks the SIP domains and calls use, and the stored shapes other parts read.
"""
from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from avaya_mock import AvayaMock

pytestmark = pytest.mark.mock_only
SID = "AC" + "6" * 32
START = "2030-02-01T00:00:00Z"
PASSWORD = "Sekrit-Pass42"
CL = "/SIP/CredentialLists"
AL = "/SIP/IpAccessControlLists"


@pytest.fixture
def mock() -> AvayaMock:
    """A fresh app with the clock frozen at START, driven as account SID."""
    return AvayaMock(SID, START)


def backend(mock: AvayaMock):
    """The app's Avaya backend."""
    return mock.services.backends["avaya"]


def test_dates_follow_the_clock_and_counts_do_not_move_the_list(mock):
    made = mock.post(f"{CL}.json", FriendlyName="Clocked")
    assert made["date_created"] == "Fri, 01 Feb 2030 00:00:00 -0000"
    mock.advance(60)
    credential = mock.post(f"{CL}/{made['sid']}/Credentials.json", Username="u1",
                           Password=PASSWORD)
    assert credential["date_created"] == "Fri, 01 Feb 2030 00:01:00 -0000"
    viewed = mock.get(f"{CL}/{made['sid']}.json")
    assert viewed["credentials_count"] == 1
    assert viewed["date_updated"] == made["date_updated"]
    mock.advance(60)
    updated = mock.post(f"{CL}/{made['sid']}/Credentials/{credential['sid']}.json",
                        Password="Rotated-Pass99")
    assert updated["date_updated"] == "Fri, 01 Feb 2030 00:02:00 -0000"
    assert updated["date_created"] == credential["date_created"]
    mock.advance(60)
    renamed = mock.post(f"{CL}/{made['sid']}.json", FriendlyName="Renamed")
    assert renamed["date_updated"] == "Fri, 01 Feb 2030 00:03:00 -0000"


def test_acl_address_update_moves_date_updated_only_when_something_is_given(mock):
    acl = mock.post(f"{AL}.json", FriendlyName="Clocked")
    address = mock.post(f"{AL}/{acl['sid']}/IpAddresses.json", FriendlyName="a",
                        IpAddress="10.0.0.1")
    mock.advance(30)
    same = mock.post(f"{AL}/{acl['sid']}/IpAddresses/{address['sid']}.json")
    assert same == address
    moved = mock.post(f"{AL}/{acl['sid']}/IpAddresses/{address['sid']}.json",
                      IpAddress="10.0.0.2")
    assert moved["date_updated"] == "Fri, 01 Feb 2030 00:00:30 -0000"
    assert mock.get(f"{AL}/{acl['sid']}.json")["date_updated"] == acl["date_updated"]


@pytest.mark.parametrize("path_of, data, code", [
    (lambda cl, sc: f"{CL}/{cl}/Credentials.json", {"Username": "dup", "Password": PASSWORD},
     62002),
    (lambda cl, sc: f"{CL}/{cl}/Credentials.json",
     {"Username": "new", "Password": PASSWORD, "Extra": "1"}, 20001),
    (lambda cl, sc: f"{CL}/{cl}/Credentials/{sc}.json", {"Password": "weak"}, 62003),
])
def test_refused_requests_log_the_password_masked(mock, path_of, data, code):
    made = mock.post(f"{CL}.json", FriendlyName="Logged")
    credential = mock.post(f"{CL}/{made['sid']}/Credentials.json", Username="dup",
                           Password=PASSWORD)
    assert mock.refusal("POST", path_of(made["sid"], credential["sid"]), **data)[1] == code
    (logged,) = mock.get("/Notifications.json")["notifications"]
    assert int(logged["error_code"]) == code
    variables = parse_qs(logged["request_variables"])
    assert variables["Password"] == ["********"]
    assert data["Password"] not in str(logged)


def test_credentials_match(mock):
    first = mock.post(f"{CL}.json", FriendlyName="first")
    second = mock.post(f"{CL}.json", FriendlyName="second")
    mock.post(f"{CL}/{first['sid']}/Credentials.json", Username="alice", Password=PASSWORD)
    mock.post(f"{CL}/{second['sid']}/Credentials.json", Username="bob",
              Password="Bobs-Pass-1234")
    avaya = backend(mock)
    with avaya.locked(SID) as state:
        assert avaya.credentials_match(state, [first["sid"]], "alice", PASSWORD)
        assert avaya.credentials_match(state, [first["sid"], second["sid"]], "bob",
                                       "Bobs-Pass-1234")
        assert not avaya.credentials_match(state, [first["sid"]], "bob", "Bobs-Pass-1234")
        assert not avaya.credentials_match(state, [first["sid"]], "alice", "wrong")
        assert not avaya.credentials_match(state, [first["sid"]], "Alice", PASSWORD)
        assert not avaya.credentials_match(state, [], "alice", PASSWORD)
        assert not avaya.credentials_match(state, ["CL" + "0" * 32], "alice", PASSWORD)
    mock.send("DELETE", f"{CL}/{first['sid']}.json")
    with avaya.locked(SID) as state:
        assert not avaya.credentials_match(state, [first["sid"]], "alice", PASSWORD)


def test_a_new_password_replaces_the_old_one(mock):
    made = mock.post(f"{CL}.json", FriendlyName="rotate")
    credential = mock.post(f"{CL}/{made['sid']}/Credentials.json", Username="carol",
                           Password=PASSWORD)
    mock.post(f"{CL}/{made['sid']}/Credentials/{credential['sid']}.json",
              Password="Rotated-Pass99")
    avaya = backend(mock)
    with avaya.locked(SID) as state:
        assert avaya.credentials_match(state, [made["sid"]], "carol", "Rotated-Pass99")
        assert not avaya.credentials_match(state, [made["sid"]], "carol", PASSWORD)
        stored = state.credentials[credential["sid"]]
        assert stored["credential_list_sid"] == made["sid"] and stored["username"] == "carol"


def test_ip_allowed(mock):
    acl = mock.post(f"{AL}.json", FriendlyName="office")
    other = mock.post(f"{AL}.json", FriendlyName="other")
    mock.post(f"{AL}/{acl['sid']}/IpAddresses.json", FriendlyName="pbx", IpAddress="10.1.1.1")
    avaya = backend(mock)
    with avaya.locked(SID) as state:
        assert avaya.ip_allowed(state, [acl["sid"]], "10.1.1.1")
        assert avaya.ip_allowed(state, [other["sid"], acl["sid"]], " 10.1.1.1 ")
        assert not avaya.ip_allowed(state, [other["sid"]], "10.1.1.1")
        assert not avaya.ip_allowed(state, [acl["sid"]], "10.1.1.2")
        assert not avaya.ip_allowed(state, [acl["sid"]], "not an ip")
        assert not avaya.ip_allowed(state, [], "10.1.1.1")
        (stored,) = state.ip_addresses.values()
        assert stored["ip_access_control_list_sid"] == acl["sid"]
    mock.send("DELETE", f"{AL}/{acl['sid']}.json")
    with avaya.locked(SID) as state:
        assert not avaya.ip_allowed(state, [acl["sid"]], "10.1.1.1")
        assert state.ip_addresses == {}


def test_deleting_a_list_unmaps_it_from_sip_domains(mock):
    cl = mock.post(f"{CL}.json", FriendlyName="mapped")
    acl = mock.post(f"{AL}.json", FriendlyName="mapped")
    avaya = backend(mock)
    with avaya.locked(SID) as state:        # a domain as the SIP domains part stores one
        state.sip_domains["SD" + "1" * 32] = {"sid": "SD" + "1" * 32,
                                              "_credential_lists": [cl["sid"], "CLother"],
                                              "_ip_acls": [acl["sid"]]}
    mock.send("DELETE", f"{CL}/{cl['sid']}.json")
    mock.send("DELETE", f"{AL}/{acl['sid']}.json")
    with avaya.locked(SID) as state:
        domain = state.sip_domains["SD" + "1" * 32]
        assert domain["_credential_lists"] == ["CLother"] and domain["_ip_acls"] == []
