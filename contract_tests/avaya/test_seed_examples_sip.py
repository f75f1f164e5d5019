"""Seed 004_0bee4f3fb019fb3f.txt's SIP examples, replayed as written (see
test_seed_examples.py for the rest): each documented URL of SIP domains, their credential
list and IP ACL mappings, credential lists, credentials, IP access control lists and their
IP addresses, with only the parameters its table marks required, checked against the
fields its Response Parameters list (under the spellings the docs record: ``account_sid``
for the seed's ``accound_sid``, ``domain_sip_url`` for ``domain-sip_url``, the list key
``credential_lists`` for ``credentials_lists``).

``:DomainSid``, ``:CLSid``, ``:CredentialSid``, ``:IpAccessControlListSid`` / ``:AclSid`` /
``:ALSid`` and ``:IpSid`` are made first by the seed's own create requests; a domain name is
unique across the mock, so each test invents one.
"""
from __future__ import annotations

import pytest

from .helpers import ok_json, rest_exception
from .test_seed_examples import a_page, has_fields
from .test_sip_acls import ACL_FIELDS, IP_FIELDS
from .test_sip_credentials import CREDENTIAL_FIELDS, LIST_FIELDS
from .test_sip_domains import FIELDS as DOMAIN_FIELDS, new_name

pytestmark = pytest.mark.orders
CL = "/SIP/CredentialLists"
AL = "/SIP/IpAccessControlLists"


def crud(avaya, collection: str, created: dict, update: dict, fields, list_key: str) -> None:
    """View, update (with ``update``), list and delete ``created`` at the seed's URLs; each
    answer has ``fields``; the deleted item is then 21227."""
    item = f"{collection}/{created['sid']}.json"
    assert ok_json(avaya.get(item)) == created
    updated = has_fields(ok_json(avaya.post(item, data=update)), fields)
    listed = a_page(ok_json(avaya.get(f"{collection}.json")), list_key)
    assert [entry["sid"] for entry in listed] == [created["sid"]]
    assert has_fields(ok_json(avaya.delete(item)), fields)["sid"] == updated["sid"]
    rest_exception(avaya.get(item), 404, 21227)


def test_domain_create_view_update_list_delete(avaya):
    """Create Domain ``/SIP/Domains.json`` with DomainName (required), View, Update (only
    DomainSid required), List, Delete."""
    made = has_fields(ok_json(avaya.post("/SIP/Domains.json",
                                         data={"DomainName": new_name()})), DOMAIN_FIELDS)
    crud(avaya, "/SIP/Domains", made, {}, DOMAIN_FIELDS, "domains")


def test_credential_list_and_credential_examples(avaya):
    """Create, View, Update (FriendlyName required), List and Delete Credentials List;
    Create Credential (Username and Password required), View, Update (Password required),
    List and Delete Credential."""
    made = has_fields(ok_json(avaya.post(f"{CL}.json", data={"FriendlyName": "seedlist"})),
                      LIST_FIELDS)
    credentials = f"{CL}/{made['sid']}/Credentials"
    credential = has_fields(ok_json(avaya.post(f"{credentials}.json", data={
        "Username": "seeduser", "Password": "Sekrit-Pass42"})), CREDENTIAL_FIELDS)
    crud(avaya, credentials, credential, {"Password": "Another-Pass77"}, CREDENTIAL_FIELDS,
         "credentials")
    made = ok_json(avaya.get(f"{CL}/{made['sid']}.json"))
    crud(avaya, CL, made, {"FriendlyName": "renamed"}, LIST_FIELDS, "credential_lists")


def test_ip_acl_and_ip_address_examples(avaya):
    """Create, View, Update (FriendlyName required), List and Delete IP ACL; Add ACL IP
    (FriendlyName and IpAddress required), View, Update (both required again), List and
    Delete ACL IP."""
    made = has_fields(ok_json(avaya.post(f"{AL}.json", data={"FriendlyName": "seedacl"})),
                      ACL_FIELDS)
    addresses = f"{AL}/{made['sid']}/IpAddresses"
    address = has_fields(ok_json(avaya.post(f"{addresses}.json", data={
        "FriendlyName": "office", "IpAddress": "10.0.0.1"})), IP_FIELDS)
    crud(avaya, addresses, address, {"FriendlyName": "office", "IpAddress": "10.0.0.2"},
         IP_FIELDS, "ip_addresses")
    made = ok_json(avaya.get(f"{AL}/{made['sid']}.json"))
    crud(avaya, AL, made, {"FriendlyName": "renamed"}, ACL_FIELDS, "ip_access_control")


@pytest.mark.parametrize("kind, collection, parameter, fields, list_key", [
    ("CredentialListMappings", CL, "CredentialListSid", LIST_FIELDS, "credential_lists"),
    ("IpAccessControlListMappings", AL, "IpAccessControlListSid", ACL_FIELDS,
     "ip_access_control")], ids=["credential-lists", "ip-acls"])
def test_map_list_and_delete_mappings(avaya, kind, collection, parameter, fields, list_key):
    """Map Credentials List / Map IP ACL ``/SIP/Domains/:DomainSid/{Kind}.json`` (the
    list's SID required), List Mapped, Delete Mapped ``.../{Kind}/:CLSid.json`` /
    ``:ALSid.json``: each answers with the list (View Credentials List, View IP ACL)."""
    domain = ok_json(avaya.post("/SIP/Domains.json", data={"DomainName": new_name()}))
    listing = ok_json(avaya.post(f"{collection}.json", data={"FriendlyName": "mapped"}))
    path = f"/SIP/Domains/{domain['sid']}/{kind}"
    mapped = has_fields(ok_json(avaya.post(f"{path}.json", data={parameter: listing["sid"]})),
                        fields)
    assert mapped["sid"] == listing["sid"]
    (listed,) = a_page(ok_json(avaya.get(f"{path}.json")), list_key)
    assert listed["sid"] == listing["sid"]
    unmapped = ok_json(avaya.delete(f"{path}/{listing['sid']}.json"))
    assert has_fields(unmapped, fields)["sid"] == listing["sid"]
    assert a_page(ok_json(avaya.get(f"{path}.json")), list_key) == []
