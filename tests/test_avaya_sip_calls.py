"""SIP calls through SIP domains as only the mock can show them (seed 004, Getting Started:
"Making calls with your SIP Domain", "Receiving calls on you SIP Domain"; Create Domain's
"uniquely associated"): a device calling into a domain (``POST /_mock/avaya/sip/calls``)
accepted by its digest credentials or its IP address and refused otherwise, the domain's
VoiceUrl run and the call charged as Inbound SIP, calls the account places to its own
domain's users, and domain names unique across every account of the mock.

A local application server (pytest-httpserver) serves the domain's InboundXML; the clock is
frozen and advanced, never slept on.
"""
from __future__ import annotations

import os
from urllib.parse import parse_qs

import pytest

from avaya_mock import AvayaMock, account_root, basic_auth

pytestmark = pytest.mark.mock_only
SID = "AC" + "5" * 32
OTHER = "AC" + "4" * 32
START = "2030-02-01T00:00:00Z"
XML = "application/xml"
USER, PASSWORD = "alice", "Sekrit-Pass42"
DEVICE_IP = "203.0.113.7"
INBOUND_SIP, OUTBOUND_SIP = 6, 5


def message_of(note: dict) -> str:
    """A Notification's ``Msg`` (its ``message_text`` is form-encoded)."""
    return parse_qs(note["message_text"])["Msg"][0]


class Mock(AvayaMock):
    """An app with a frozen clock, an application server, and one SIP domain."""

    def __init__(self, httpserver) -> None:
        super().__init__(SID, START)
        self.server = httpserver

    def serve(self, path: str, body: str) -> str:
        """Serve InboundXML ``body`` at ``path``; its URL."""
        self.server.expect_request(path).respond_with_data(body, content_type=XML)
        return self.server.url_for(path)

    def fetched(self) -> list[dict]:
        """The documents the mock requested, oldest first."""
        self.settle()
        return self.deliveries("ixml-fetch")

    def domain(self, name: str = "acme", **params) -> dict:
        """A new domain of the account (JSON)."""
        return self.post("/SIP/Domains.json", DomainName=name, **params)

    def credential_list(self, domain_sid: str, username: str = USER,
                        password: str = PASSWORD) -> dict:
        """A credential list with one credential, mapped to the domain."""
        made = self.post("/SIP/CredentialLists.json", FriendlyName="Devices")
        self.post(f"/SIP/CredentialLists/{made['sid']}/Credentials.json", Username=username,
                  Password=password)
        self.post(f"/SIP/Domains/{domain_sid}/CredentialListMappings.json",
                  CredentialListSid=made["sid"])
        return made

    def ip_acl(self, domain_sid: str, ip: str = DEVICE_IP) -> dict:
        """An IP ACL with one address, mapped to the domain."""
        made = self.post("/SIP/IpAccessControlLists.json", FriendlyName="Office")
        self.post(f"/SIP/IpAccessControlLists/{made['sid']}/IpAddresses.json",
                  FriendlyName="Desk", IpAddress=ip)
        self.post(f"/SIP/Domains/{domain_sid}/IpAccessControlListMappings.json",
                  IpAccessControlListSid=made["sid"])
        return made

    def sip_call(self, to: str, expect: int, **body):
        """A device's call into a domain: the control API's answer."""
        reply = self.client.post("/_mock/avaya/sip/calls",
                                 json={"from": f"sip:{USER}@acme.sip.zang.io", "to": to,
                                       **body})
        assert reply.status_code == expect, reply.get_data(as_text=True)
        return reply.json

    def notifications(self) -> list[dict]:
        """The account's notifications, newest first."""
        return self.get("/Notifications.json")["notifications"]

    def calls(self) -> list[dict]:
        """The account's calls, newest first."""
        return self.get("/Calls.json")["calls"]


@pytest.fixture
def mock(httpserver):
    """The app, its clock frozen at START."""
    return Mock(httpserver)


@pytest.fixture
def served(mock):
    """A domain whose VoiceUrl (GET) keeps the call 10 s, with a status callback; its JSON."""
    voice = mock.serve("/sip-voice", '<Response><Pause length="10"/></Response>')
    return mock.domain(VoiceUrl=voice, VoiceMethod="GET",
                       VoiceStatusCallback=mock.server.url_for("/sip-status"))


# -- calls into a domain ------------------------------------------------------------------

def test_a_device_with_mapped_credentials_gets_the_domain_s_voice_url(mock, served):
    mock.server.expect_request("/sip-status").respond_with_data("ok")
    mock.credential_list(served["sid"])
    to = "sip:+14155550100@acme.sip.zang.io"
    call = mock.sip_call(to, 201, username=USER, password=PASSWORD)
    assert (call["direction"], call["to"], call["status"]) == ("inbound", to, "ringing")
    assert call["from"] == f"sip:{USER}@acme.sip.zang.io"
    mock.advance(0)
    (fetch,) = mock.fetched()
    assert (fetch["path"], fetch["method"], fetch["at"]) == ("/sip-voice", "GET", 0.0)
    assert fetch["fields"]["Direction"] == "inbound" and fetch["fields"]["To"] == to
    mock.advance(10)
    ended = mock.get(f"/Calls/{call['sid']}.json")
    assert (ended["status"], ended["duration"], ended["price"]) == ("completed", 10, "0.0005")
    assert [(u["quantity"], u["total_cost"]) for u in mock.usage(INBOUND_SIP)] == \
        [(1, "0.000500")]
    mock.settle()
    statuses = [d["fields"]["CallStatus"] for d in mock.deliveries("call-callback")]
    assert statuses == ["in-progress", "completed"]
    listed = mock.get("/Calls.json", SipDomain="acme.sip.zang.io")["calls"]
    assert [c["sid"] for c in listed] == [call["sid"]]


@pytest.mark.parametrize("credentials", [{}, {"username": USER},
                                         {"username": USER, "password": "Wrong-Pass42"},
                                         {"username": "bob", "password": PASSWORD}])
def test_a_device_without_matching_credentials_is_refused(mock, served, credentials):
    mock.credential_list(served["sid"])
    refused = mock.sip_call("sip:+14155550100@acme.sip.zang.io", 403, **credentials)
    assert refused["code"] == 10004 and refused["error"]
    call = refused["call"]
    assert (call["status"], call["direction"], call["price"]) == ("failed", "inbound",
                                                                  "0.0000")
    (note,) = mock.notifications()
    assert (note["sid"], note["error_code"], note["call_sid"]) == \
        (refused["notification_sid"], 10004, call["sid"])
    assert message_of(note) == "Invalid credentials supplied"
    assert PASSWORD not in str(note) and "Wrong-Pass42" not in str(note)
    mock.advance(30)
    assert mock.fetched() == []
    assert mock.get(f"/Calls/{call['sid']}.json")["status"] == "failed"
    assert mock.usage(INBOUND_SIP) == [] and mock.deliveries("call-callback") == []


def test_a_device_from_a_mapped_ip_is_accepted_and_others_refused(mock, served):
    mock.ip_acl(served["sid"])
    call = mock.sip_call("sip:100@acme.sip.zang.io", 201, ip=DEVICE_IP)
    mock.advance(0)
    assert [f["path"] for f in mock.fetched()] == ["/sip-voice"]
    assert mock.get(f"/Calls/{call['sid']}.json")["status"] == "in-progress"
    refused = mock.sip_call("sip:100@acme.sip.zang.io", 403, ip="198.51.100.1")
    assert refused["code"] == 10004 and refused["call"]["status"] == "failed"
    mock.sip_call("sip:100@acme.sip.zang.io", 403, ip="not an ip")
    mock.advance(0)
    assert len(mock.fetched()) == 1


def test_credentials_or_ip_either_one_will_do(mock, served):
    mock.credential_list(served["sid"])
    mock.ip_acl(served["sid"])
    mock.sip_call("sip:1@acme.sip.zang.io", 201, username=USER, password=PASSWORD,
                  ip="198.51.100.1")
    mock.sip_call("sip:1@acme.sip.zang.io", 201, username=USER, password="nope",
                  ip=DEVICE_IP)


def test_a_domain_with_nothing_mapped_blocks_every_call(mock, served):
    refused = mock.sip_call("sip:1@acme.sip.zang.io", 403, username=USER, password=PASSWORD,
                            ip=DEVICE_IP)
    assert refused["code"] == 10004 and "blocked" in refused["error"]


def test_unmapping_or_deleting_the_list_blocks_the_device_again(mock, served):
    made = mock.credential_list(served["sid"])
    mock.sip_call("sip:1@acme.sip.zang.io", 201, username=USER, password=PASSWORD)
    mock.send("DELETE", f"/SIP/Domains/{served['sid']}/CredentialListMappings/{made['sid']}")
    mock.sip_call("sip:1@acme.sip.zang.io", 403, username=USER, password=PASSWORD)
    again = mock.credential_list(served["sid"])
    mock.sip_call("sip:1@acme.sip.zang.io", 201, username=USER, password=PASSWORD)
    mock.send("DELETE", f"/SIP/CredentialLists/{again['sid']}")
    mock.sip_call("sip:1@acme.sip.zang.io", 403, username=USER, password=PASSWORD)


def test_the_domain_is_found_by_its_name_and_its_owner_without_account_sid(mock, served):
    mock.credential_list(served["sid"])
    by_name = mock.sip_call("sip:1@ACME", 201, username=USER, password=PASSWORD)
    assert by_name["account_sid"] == SID
    given = mock.sip_call("sip:1@acme.sip.zang.io", 201, username=USER, password=PASSWORD,
                          account_sid=SID)
    assert given["account_sid"] == SID
    mock.sip_call("sip:1@acme.sip.zang.io", 404, username=USER, password=PASSWORD,
                  account_sid=OTHER)
    mock.sip_call("sip:1@nobody.sip.zang.io", 404)
    mock.sip_call("+14155550100", 400)
    mock.sip_call("sip:1@acme.sip.zang.io", 400, ip=7)


def test_a_domain_without_voice_url_cannot_take_calls(mock):
    made = mock.domain(VoiceUrl="")
    assert made["voice_url"] is None
    mock.credential_list(made["sid"])
    mock.sip_call("sip:1@acme.sip.zang.io", 400, username=USER, password=PASSWORD)
    assert mock.calls() == []


def test_an_inactive_account_s_domain_rejects_calls_with_10003(mock, served):
    mock.credential_list(served["sid"])
    backend = mock.services.backends["avaya"]
    with backend.locked(SID) as state:
        state.account["status"] = "suspended"
    refused = mock.sip_call("sip:1@acme.sip.zang.io", 403, username=USER, password=PASSWORD)
    assert refused["code"] == 10003
    assert mock.notifications()[0]["error_code"] == 10003


# -- calls the account places to its domain -----------------------------------------------

def test_a_call_to_a_registered_user_of_the_domain_rings_the_device(mock, served):
    mock.credential_list(served["sid"])
    hold = mock.serve("/hold", '<Response><Pause length="20"/></Response>')
    call = mock.post("/Calls.json", To=f"sip:{USER}@acme.sip.zang.io", From="+14155550123",
                     Url=hold)
    mock.advance(4)
    assert mock.get(f"/Calls/{call['sid']}.json")["status"] == "in-progress"
    mock.advance(10)
    mock.post(f"/Calls/{call['sid']}.json", Status="completed")
    (used,) = mock.usage(OUTBOUND_SIP)
    assert (used["quantity"], used["total_cost"]) == (1, "0.001500")
    assert mock.notifications() == []


@pytest.mark.parametrize("to", ["sip:bob@acme.sip.zang.io", "sip:ALICE@acme.sip.zang.io"])
def test_a_call_to_an_unregistered_user_fails_with_32004(mock, served, to):
    mock.credential_list(served["sid"])
    hold = mock.serve("/hold", '<Response><Pause length="20"/></Response>')
    call = mock.post("/Calls.json", To=to, From="+14155550123", Url=hold,
                     SipAuthUsername=USER, SipAuthPassword=PASSWORD)
    assert call["status"] == "queued"
    mock.advance(5)
    assert mock.get(f"/Calls/{call['sid']}.json")["status"] == "failed"
    (note,) = mock.notifications()
    assert (note["error_code"], note["call_sid"]) == (32004, call["sid"])
    assert message_of(note) == "SIP user is not available."
    assert mock.fetched() == [] and mock.usage(OUTBOUND_SIP) == []


def test_a_dial_to_an_unregistered_user_of_the_domain_fails_its_leg(mock, served):
    action = mock.serve("/after", "<Response><Hangup/></Response>")
    voice = mock.serve("/dial", f'<Response><Dial action="{action}">'
                                f'<Sip>sip:nobody@acme.sip.zang.io</Sip></Dial></Response>')
    call = mock.post("/Calls.json", To="+14155550100", From="+14155550123", Url=voice)
    mock.advance(10)
    legs = [c for c in mock.calls() if c["parent_call_sid"] == call["sid"]]
    assert [(leg["to"], leg["status"]) for leg in legs] == \
        [("sip:nobody@acme.sip.zang.io", "failed")]
    assert [n["error_code"] for n in mock.notifications()] == [32004]
    (after,) = [f for f in mock.fetched() if f["path"] == "/after"]
    assert after["fields"]["DialCallStatus"] == "failed"


def test_a_sip_call_elsewhere_is_not_checked(mock, served):
    hold = mock.serve("/hold", '<Response><Pause length="20"/></Response>')
    call = mock.post("/Calls.json", To="sip:bob@pbx.example.com", From="+14155550123",
                     Url=hold)
    mock.advance(4)
    assert mock.get(f"/Calls/{call['sid']}.json")["status"] == "in-progress"


# -- domain names across accounts ---------------------------------------------------------

def test_a_domain_name_is_unique_across_accounts_until_deleted(mock):
    other_root, other_auth = account_root(OTHER), basic_auth(OTHER)
    made = mock.domain("shared-name")

    def create_other(name: str):
        return mock.client.post(f"{other_root}/SIP/Domains.json", data={"DomainName": name},
                                headers=other_auth)

    for name in ("shared-name", "SHARED-NAME"):
        reply = create_other(name)
        assert (reply.status_code, reply.json["code"]) == (400, 62007)
    listed = mock.client.get(f"{other_root}/SIP/Domains.json", headers=other_auth).json
    assert listed["total"] == 0
    mock.send("DELETE", f"/SIP/Domains/{made['sid']}")
    reply = create_other("shared-name")
    assert reply.status_code == 200 and reply.json["account_sid"] == OTHER
    assert mock.refusal("POST", "/SIP/Domains.json", DomainName="shared-name") == (400, 62007)


# -- the zang-python client ---------------------------------------------------------------

ZANG_PYTHON = "/tmp/zang-python"


def test_the_zang_python_client_manages_domains_and_mappings(mock_server, monkeypatch):
    """zang-python's SIP domains connector (an extracted copy at /tmp/zang-python) against a
    served mock: every call it makes parses, ``auth_type`` into its AuthType enum."""
    if not os.path.isdir(ZANG_PYTHON):
        pytest.skip("zang-python is not available at /tmp/zang-python")
    monkeypatch.syspath_prepend(ZANG_PYTHON)
    from zang.configuration.configuration import Configuration
    from zang.connectors.connector_factory import ConnectorFactory
    from zang.domain.enums.auth_type import AuthType
    from zang.domain.enums.http_method import HttpMethod

    config = Configuration(SID, "token", url=mock_server.url_for("avaya") + "/v2")
    factory = ConnectorFactory(config)
    domains = factory.sipDomainsConnector
    made = domains.createDomain("zang-client.example", friendlyName="MyDomain",
                                voiceUrl="https://example.com/v", voiceMethod=HttpMethod.GET,
                                heartbeatUrl="https://example.com/h",
                                heartbeatMethod=HttpMethod.POST)
    assert made.authType == AuthType.NO_TRAFFIC and made.voiceMethod == HttpMethod.GET
    assert made.domainSipUrl == "zang-client.example.sip.zang.io"
    assert made.voiceHeartbeatCallback == "https://example.com/h"
    cl = factory.sipCredentialsConnector.createCredentialsList("Devices")
    acl = factory.ipAccessControlListsConnector.createIpAcl("Office")
    assert domains.mapCredentialsLists(made.sid, cl.sid).sid == cl.sid
    assert domains.mapIpAccessControlList(made.sid, acl.sid).sid == acl.sid
    assert domains.viewDomain(made.sid).authType == AuthType.IP_AND_CREDENTIAL
    assert [c.sid for c in domains.listMappedCredentialsLists(made.sid).elements] == [cl.sid]
    assert [a.sid for a in domains.listMappedIpAccessControlLists(made.sid).elements] == \
        [acl.sid]
    assert domains.deleteMappedCredentialsList(made.sid, cl.sid).sid == cl.sid
    assert domains.deleteMappedIpAccessControlList(made.sid, acl.sid).sid == acl.sid
    updated = domains.updateDomain(made.sid, friendlyName="Renamed")
    assert updated.friendlyName == "Renamed"
    assert [d.sid for d in domains.listDomains().elements] == [made.sid]
    assert domains.deleteDomain(made.sid).sid == made.sid
