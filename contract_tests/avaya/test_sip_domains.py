"""SIP domains and their credential-list and IP-ACL mappings (seed 004, View/List/Create/
Update/Delete Domain, List Mapped Credentials Lists, Map Credentials List, Delete Mapped
Credentials List, List Mapped IP ACLs, Map IP ACL, Delete Mapped IP ACL) in JSON, XML and
CSV, with the SIP error codes 62006-62015, the URL codes, 20001, 20002 and 21227, and that a
refused request changes nothing.

Domain names are unique on the whole platform, so every test makes its own with a random
part; against the real service the domains and lists a test made are deleted when it ends.
"""
from __future__ import annotations

import uuid

import pytest

from .conftest import SUSPENDED, account_api
from .helpers import (RFC2822, assert_paging, ok_csv, ok_json, ok_xml, path_of,
                      rest_exception, sid_of)

FIELDS = ["sid", "friendly_name", "account_sid", "domain_name", "auth_type", "voice_url",
          "voice_method", "voice_fallback_url", "voice_fallback_method",
          "voice_heartbeat_callback", "voice_heartbeat_callback_method",
          "voice_status_callback_url", "voice_status_callback_method", "date_created",
          "date_updated", "uri", "domain_sip_url", "subresource_uris"]
DOMAIN_SID = sid_of("SD")
DOMAINS = "/SIP/Domains"
UNKNOWN_SD = "SD" + "0" * 32
EVERY_PARAMETER = {
    "FriendlyName": "Every parameter", "VoiceUrl": "https://example.com/voice",
    "VoiceMethod": "GET", "VoiceFallbackUrl": "https://example.com/fallback",
    "VoiceFallbackMethod": "GET", "HeartbeatUrl": "https://example.com/heartbeat",
    "HeartbeatMethod": "GET", "VoiceStatusCallback": "https://example.com/status",
    "VoiceStatusCallbackMethod": "GET",
}
KEYS = {"FriendlyName": "friendly_name", "VoiceUrl": "voice_url",
        "VoiceMethod": "voice_method", "VoiceFallbackUrl": "voice_fallback_url",
        "VoiceFallbackMethod": "voice_fallback_method",
        "HeartbeatUrl": "voice_heartbeat_callback",
        "HeartbeatMethod": "voice_heartbeat_callback_method",
        "VoiceStatusCallback": "voice_status_callback_url",
        "VoiceStatusCallbackMethod": "voice_status_callback_method"}
#: each mapping kind: the mappings path, the body parameter, the list key, the XML element,
#: where the lists are made, and the codes (unknown on map, mapped already, unknown on
#: unmap, not mapped)
KINDS = {
    "credential_lists": ("CredentialListMappings", "CredentialListSid", "credential_lists",
                         "CredentialList", "/SIP/CredentialLists", "CL",
                         (62012, 62013, 62014, 62015)),
    "ip_acls": ("IpAccessControlListMappings", "IpAccessControlListSid", "ip_access_control",
                "IpAccessControlList", "/SIP/IpAccessControlLists", "AL",
                (62008, 62009, 62010, 62011)),
}


def new_name() -> str:
    """A domain name no one has."""
    return f"mock-{uuid.uuid4().hex[:12]}"


class Sip:
    """Creates domains and lists; against the real service deletes them afterwards."""

    def __init__(self, api, real: bool) -> None:
        self.api = api
        self.real = real
        self.made: list[str] = []

    def domain(self, **params) -> dict:
        """A new domain (JSON), named afresh unless ``DomainName`` is given."""
        params.setdefault("DomainName", new_name())
        body = ok_json(self.api.post(f"{DOMAINS}.json", data=params))
        self.made.append(f"{DOMAINS}/{body['sid']}.json")
        return body

    def list_of(self, kind: str, name: str = "Mapped") -> dict:
        """A new credential list or IP ACL (JSON)."""
        path = KINDS[kind][4]
        body = ok_json(self.api.post(f"{path}.json", data={"FriendlyName": name}))
        self.made.append(f"{path}/{body['sid']}.json")
        return body

    def view(self, sid: str) -> dict:
        """The domain as viewed now (JSON)."""
        return ok_json(self.api.get(f"{DOMAINS}/{sid}.json"))

    def map(self, domain_sid: str, kind: str, list_sid: str):
        """Map a list (JSON): the reply."""
        segment, param = KINDS[kind][:2]
        return self.api.post(f"{DOMAINS}/{domain_sid}/{segment}.json", data={param: list_sid})

    def mapped(self, domain_sid: str, kind: str, **params) -> dict:
        """The JSON page of lists mapped to the domain."""
        return ok_json(self.api.get(f"{DOMAINS}/{domain_sid}/{KINDS[kind][0]}.json",
                                    params=params))

    def cleanup(self) -> None:
        """Delete what was made (domains first), against the real service only."""
        if self.real:
            for path in self.made:
                self.api.delete(path)


@pytest.fixture
def sip(avaya, is_real):
    """The test's domain and list factory."""
    factory = Sip(avaya, is_real)
    yield factory
    factory.cleanup()


# -- domains ----------------------------------------------------------------------------

def test_create_with_only_a_name_takes_the_defaults(sip, account):
    name = new_name()
    body = sip.domain(DomainName=name)
    assert list(body) == FIELDS
    assert DOMAIN_SID.fullmatch(body["sid"])
    assert body["account_sid"] == account[0]
    assert body["domain_name"] == name
    assert body["domain_sip_url"] == f"{name}.sip.zang.io"
    assert body["auth_type"] == "no_traffic"
    assert isinstance(body["voice_url"], str) and body["voice_url"]   # "auto-populated"
    for key in ("voice_fallback_url", "voice_heartbeat_callback", "voice_status_callback_url"):
        assert body[key] is None, key
    for key in KEYS.values():
        if key.endswith("method"):
            assert body[key] == "POST", key
    assert RFC2822.fullmatch(body["date_created"])
    assert body["date_created"] == body["date_updated"]
    assert body["uri"].endswith(f"/v2/Accounts/{account[0]}/SIP/Domains/{body['sid']}")
    assert body["subresource_uris"] == {
        "ip_access_control_list_mappings": body["uri"] + "/IpAccessControlListMappings",
        "credential_list_mappings": body["uri"] + "/CredentialListMappings"}


def test_create_takes_every_documented_parameter(sip):
    body = sip.domain(**EVERY_PARAMETER)
    for param, key in KEYS.items():
        assert body[key] == EVERY_PARAMETER[param], param


@pytest.mark.parametrize("name", ["acme", "Acme-2", "my-test.domain.com", "0-9"])
def test_letters_digits_and_dashes_in_dotted_labels_are_valid(sip, name):
    name = f"{name}-{uuid.uuid4().hex[:6]}"
    body = sip.domain(DomainName=name)
    assert body["domain_name"] == name and body["domain_sip_url"] == name + ".sip.zang.io"


def test_create_answers_in_xml_by_default(avaya, sip):
    name = new_name()
    reply = avaya.post(DOMAINS, data={"DomainName": name, "FriendlyName": "In XML"})
    (element,) = list(ok_xml(reply))
    sip.made.append(f"{DOMAINS}/{element.findtext('Sid')}.json")
    assert element.tag == "Domain"
    assert [child.tag for child in element][:5] == ["Sid", "FriendlyName", "AccountSid",
                                                    "DomainName", "AuthType"]
    assert element.findtext("DomainSipUrl") == f"{name}.sip.zang.io"
    assert element.findtext("AuthType") == "no_traffic"
    assert element.findtext("VoiceFallbackUrl") == ""
    uris = element.find("SubresourceUris")
    assert uris.findtext("CredentialListMappings").endswith("/CredentialListMappings")


def test_view_in_three_formats(avaya, sip):
    made = sip.domain(FriendlyName="Viewed", VoiceUrl="https://example.com/v")
    sid = made["sid"]
    assert sip.view(sid) == made
    element = ok_xml(avaya.get(f"{DOMAINS}/{sid}"))[0]
    assert element.tag == "Domain" and element.findtext("Sid") == sid
    assert element.findtext("VoiceUrl") == "https://example.com/v"
    (row,) = ok_csv(avaya.get(f"{DOMAINS}/{sid}.csv"))
    assert list(row) == FIELDS
    assert row["sid"] == sid and row["domain_name"] == made["domain_name"]
    assert row["voice_fallback_url"] == ""


def test_the_uri_and_the_mapping_uris_can_be_followed(avaya, sip):
    made = sip.domain()
    assert ok_json(avaya.get(path_of(made["uri"], avaya) + ".json"))["sid"] == made["sid"]
    for uri in made["subresource_uris"].values():
        body = ok_json(avaya.get(path_of(uri, avaya) + ".json"))
        assert body["total"] == 0


def test_list_in_three_formats_and_pages(avaya, sip):
    made = [sip.domain()["sid"] for _ in range(3)]
    body = ok_json(avaya.get(f"{DOMAINS}.json"))
    total = body["total"]
    items = assert_paging(body, "domains", page=0, page_size=50, total=total)
    assert [d["sid"] for d in items][-3:] == made        # oldest first, as created
    assert all(list(d) == FIELDS for d in items)
    small = ok_json(avaya.get(f"{DOMAINS}.json", params={"PageSize": 2}))
    assert_paging(small, "domains", page=0, page_size=2, total=total)
    root = ok_xml(avaya.get(DOMAINS))
    (element,) = list(root)
    assert element.tag == "Domains" and element.get("total") == str(total)
    assert [d.findtext("Sid") for d in element][-3:] == made
    assert all(d.tag == "Domain" for d in element)
    rows = ok_csv(avaya.get(f"{DOMAINS}.csv"))
    assert [row["sid"] for row in rows][-3:] == made
    assert list(rows[0]) == FIELDS


def test_update_changes_only_what_is_given(sip):
    made = sip.domain(**EVERY_PARAMETER)
    updated = ok_json(sip.api.post(f"{DOMAINS}/{made['sid']}.json",
                                   data={"VoiceUrl": "https://example.com/new",
                                         "VoiceMethod": "post", "FriendlyName": "Renamed"}))
    assert updated["voice_url"] == "https://example.com/new"
    assert updated["voice_method"] == "POST" and updated["friendly_name"] == "Renamed"
    for key in ("domain_name", "domain_sip_url", "voice_fallback_url",
                "voice_heartbeat_callback", "voice_status_callback_method", "date_created"):
        assert updated[key] == made[key], key
    assert RFC2822.fullmatch(updated["date_updated"])
    assert sip.view(made["sid"]) == updated


def test_update_takes_every_documented_parameter(sip):
    made = sip.domain()
    updated = ok_json(sip.api.post(f"{DOMAINS}/{made['sid']}.json", data=EVERY_PARAMETER))
    for param, key in KEYS.items():
        assert updated[key] == EVERY_PARAMETER[param], param


def test_update_clears_a_url_given_empty(sip):
    made = sip.domain(VoiceStatusCallback="https://example.com/status")
    updated = ok_json(sip.api.post(f"{DOMAINS}/{made['sid']}.json",
                                   data={"VoiceStatusCallback": ""}))
    assert updated["voice_status_callback_url"] is None


def test_update_answers_in_xml_by_default(avaya, sip):
    made = sip.domain()
    element = ok_xml(avaya.post(f"{DOMAINS}/{made['sid']}", data={"FriendlyName": "X"}))[0]
    assert element.tag == "Domain" and element.findtext("FriendlyName") == "X"


def test_delete_returns_the_domain_and_frees_its_name(avaya, sip):
    made = sip.domain()
    gone = ok_json(avaya.delete(f"{DOMAINS}/{made['sid']}.json"))
    assert gone == made
    rest_exception(avaya.get(f"{DOMAINS}/{made['sid']}.json"), 404, 21227)
    rest_exception(avaya.delete(f"{DOMAINS}/{made['sid']}.json"), 404, 21227)
    again = sip.domain(DomainName=made["domain_name"])
    assert again["sid"] != made["sid"] and again["domain_name"] == made["domain_name"]


def test_delete_answers_in_xml_by_default(avaya, sip):
    made = sip.domain()
    element = ok_xml(avaya.delete(f"{DOMAINS}/{made['sid']}"))[0]
    assert element.tag == "Domain" and element.findtext("Sid") == made["sid"]


# -- domain errors ----------------------------------------------------------------------

@pytest.mark.parametrize("name", [None, "", "  ", "bad_name", "bad name", "a..b", ".a", "a.",
                                  "ünï", "a@b", "x" * 65])
def test_invalid_domain_name_is_62006(avaya, name):
    data = {"FriendlyName": "x"} if name is None else {"DomainName": name}
    error = rest_exception(avaya.post(f"{DOMAINS}.json", data=data), 400, 62006)
    assert error["message"] == ("Domain name is not valid. Please make sure domain name is "
                                "set and contains only letters, digits and/or dash")


def test_a_name_taken_is_62007_in_any_case(avaya, sip):
    made = sip.domain()
    for name in (made["domain_name"], made["domain_name"].upper()):
        error = rest_exception(avaya.post(f"{DOMAINS}.json", data={"DomainName": name}),
                               400, 62007)
        assert error["message"] == "Domain name is not available. Please pick another name"
    rest_exception(avaya.post(DOMAINS, data={"DomainName": made["domain_name"]}), 400, 62007,
                   "xml")


@pytest.mark.parametrize("method", ["get", "post", "delete"])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_domain_is_21227(avaya, method, fmt):
    suffix = ".json" if fmt == "json" else ""
    reply = getattr(avaya, method)(f"{DOMAINS}/{UNKNOWN_SD}{suffix}")
    rest_exception(reply, 404, 21227, fmt)


@pytest.mark.parametrize("param", ["VoiceUrl", "VoiceFallbackUrl", "HeartbeatUrl",
                                   "VoiceStatusCallback"])
def test_url_longer_than_200_characters_is_12301(avaya, param):
    url = "https://example.com/" + "a" * 181
    rest_exception(avaya.post(f"{DOMAINS}.json", data={"DomainName": new_name(), param: url}),
                   400, 12301)


@pytest.mark.parametrize("param, code", [("VoiceUrl", 21402), ("VoiceFallbackUrl", 21402),
                                         ("HeartbeatUrl", 21232),
                                         ("VoiceStatusCallback", 21229)])
def test_malformed_url_is_refused(avaya, param, code):
    data = {"DomainName": new_name(), param: "not a url"}
    rest_exception(avaya.post(f"{DOMAINS}.json", data=data), 400, code)


def test_fallback_without_voice_url_is_21405(avaya, sip):
    data = {"DomainName": new_name(), "VoiceUrl": "",
            "VoiceFallbackUrl": "https://example.com/f"}
    rest_exception(avaya.post(f"{DOMAINS}.json", data=data), 400, 21405)
    made = sip.domain(VoiceFallbackUrl="https://example.com/f")
    rest_exception(avaya.post(f"{DOMAINS}/{made['sid']}.json", data={"VoiceUrl": ""}),
                   400, 21405)
    assert sip.view(made["sid"]) == made


def test_friendly_name_longer_than_64_or_blank_is_20002(avaya, sip):
    rest_exception(avaya.post(f"{DOMAINS}.json",
                              data={"DomainName": new_name(), "FriendlyName": "x" * 65}),
                   400, 20002)
    made = sip.domain()
    rest_exception(avaya.post(f"{DOMAINS}/{made['sid']}.json", data={"FriendlyName": " "}),
                   400, 20002)


def test_unknown_parameter_is_20001(avaya, sip):
    rest_exception(avaya.post(f"{DOMAINS}.json",
                              data={"DomainName": new_name(), "AuthType": "IP_ACL"}),
                   400, 20001)
    made = sip.domain()
    rest_exception(avaya.post(f"{DOMAINS}/{made['sid']}.json",
                              data={"DomainName": new_name()}), 400, 20001)


def test_refused_update_changes_nothing(avaya, sip):
    made = sip.domain(FriendlyName="Unchanged")
    reply = avaya.post(f"{DOMAINS}/{made['sid']}.json",
                       data={"FriendlyName": "Changed", "VoiceUrl": "https://example.com/n",
                             "HeartbeatUrl": "bad url"})
    rest_exception(reply, 400, 21232)
    assert sip.view(made["sid"]) == made


def test_refused_create_creates_nothing(avaya, sip):
    before = ok_json(avaya.get(f"{DOMAINS}.json"))["total"]
    name = new_name()
    rest_exception(avaya.post(f"{DOMAINS}.json",
                              data={"DomainName": name, "VoiceUrl": "nope"}), 400, 21402)
    assert ok_json(avaya.get(f"{DOMAINS}.json"))["total"] == before
    assert sip.domain(DomainName=name)["domain_name"] == name    # the name was not claimed


def test_suspended_account_may_list_but_not_create(target, mock_only):
    api = account_api(target, *SUSPENDED)
    assert ok_json(api.get(f"{DOMAINS}.json"))["total"] == 0
    rest_exception(api.post(f"{DOMAINS}.json", data={"DomainName": new_name()}), 403, 20005)


# -- mappings ---------------------------------------------------------------------------

@pytest.mark.parametrize("kind", list(KINDS))
def test_map_list_and_unmap(avaya, sip, kind):
    segment, param, list_key, element_name, _, _, _ = KINDS[kind]
    domain = sip.domain()
    first, second = sip.list_of(kind, "First"), sip.list_of(kind, "Second")
    assert ok_json(sip.map(domain["sid"], kind, first["sid"])) == first
    assert ok_json(sip.map(domain["sid"], kind, second["sid"])) == second
    assert sip.view(domain["sid"])["auth_type"] == "ip_and_credential"
    body = sip.mapped(domain["sid"], kind)
    items = assert_paging(body, list_key, page=0, page_size=50, total=2)
    assert items == [first, second]                         # in the order mapped
    page = sip.mapped(domain["sid"], kind, PageSize=1, Page=1)
    assert assert_paging(page, list_key, page=1, page_size=1, total=2) == [second]
    root = ok_xml(avaya.get(f"{DOMAINS}/{domain['sid']}/{segment}"))
    (listing,) = list(root)
    assert listing.get("total") == "2"
    assert [(e.tag, e.findtext("Sid")) for e in listing] == \
        [(element_name, first["sid"]), (element_name, second["sid"])]
    rows = ok_csv(avaya.get(f"{DOMAINS}/{domain['sid']}/{segment}.csv"))
    assert [row["sid"] for row in rows] == [first["sid"], second["sid"]]
    assert list(rows[0]) == list(first)
    gone = ok_json(avaya.delete(f"{DOMAINS}/{domain['sid']}/{segment}/{first['sid']}.json"))
    assert gone == first
    assert sip.mapped(domain["sid"], kind)[list_key] == [second]
    element = ok_xml(avaya.delete(f"{DOMAINS}/{domain['sid']}/{segment}/{second['sid']}"))[0]
    assert element.tag == element_name and element.findtext("Sid") == second["sid"]
    assert sip.view(domain["sid"])["auth_type"] == "no_traffic"
    assert ok_json(avaya.get(f"{KINDS[kind][4]}/{first['sid']}.json")) == first  # kept


@pytest.mark.parametrize("kind", list(KINDS))
def test_map_answers_in_xml_by_default(avaya, sip, kind):
    segment, param, _, element_name = KINDS[kind][:4]
    domain, made = sip.domain(), sip.list_of(kind)
    element = ok_xml(avaya.post(f"{DOMAINS}/{domain['sid']}/{segment}",
                                data={param: made["sid"]}))[0]
    assert element.tag == element_name and element.findtext("Sid") == made["sid"]


@pytest.mark.parametrize("kind", list(KINDS))
def test_mapping_errors_change_nothing(avaya, sip, kind):
    segment, param, list_key, _, _, prefix, codes = KINDS[kind]
    unknown_on_map, already, unknown_on_unmap, not_mapped = codes
    domain, made, other = sip.domain(), sip.list_of(kind), sip.list_of(kind, "Other")
    unknown = prefix + "0" * 32
    base = f"{DOMAINS}/{domain['sid']}/{segment}"
    rest_exception(avaya.post(f"{base}.json", data={param: unknown}), 400, unknown_on_map)
    rest_exception(avaya.post(f"{base}.json", data={}), 400, unknown_on_map)
    rest_exception(avaya.post(base, data={param: unknown}), 400, unknown_on_map, "xml")
    assert ok_json(sip.map(domain["sid"], kind, made["sid"]))["sid"] == made["sid"]
    rest_exception(sip.map(domain["sid"], kind, made["sid"]), 400, already)
    rest_exception(avaya.delete(f"{base}/{unknown}.json"), 400, unknown_on_unmap)
    rest_exception(avaya.delete(f"{base}/{other['sid']}.json"), 400, not_mapped)
    rest_exception(avaya.delete(f"{base}/{other['sid']}"), 400, not_mapped, "xml")
    assert sip.mapped(domain["sid"], kind)[list_key] == [made]
    rest_exception(avaya.post(f"{base}.json", data={param: made["sid"], "Extra": "1"}),
                   400, 20001)


@pytest.mark.parametrize("kind", list(KINDS))
def test_mapping_codes_carry_the_seed_messages(avaya, sip, kind):
    segment, param, _, _, _, prefix, codes = KINDS[kind]
    domain, made = sip.domain(), sip.list_of(kind)
    base = f"{DOMAINS}/{domain['sid']}/{segment}"
    texts = {62008: "Invalid ip access control list sid provided. Please sure one exist first",
             62009: "IP access control list is already assigned to domain",
             62011: "IP access control list is not assigned to domain. Removal rejected",
             62012: "Invalid credential list sid provided. Please sure one exist first",
             62013: "Credential list is already assigned to domain",
             62015: "Credential list is not assigned to domain. Removal rejected"}
    unknown = prefix + "0" * 32
    assert rest_exception(avaya.post(f"{base}.json", data={param: unknown}), 400,
                          codes[0])["message"] == texts[codes[0]]
    assert rest_exception(avaya.delete(f"{base}/{made['sid']}.json"), 400,
                          codes[3])["message"] == texts[codes[3]]
    sip.map(domain["sid"], kind, made["sid"])
    assert rest_exception(sip.map(domain["sid"], kind, made["sid"]), 400,
                          codes[1])["message"] == texts[codes[1]]


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("method", ["get", "post"])
def test_mappings_of_an_unknown_domain_are_21227(avaya, sip, kind, method):
    segment, param = KINDS[kind][:2]
    made = sip.list_of(kind)
    reply = getattr(avaya, method)(f"{DOMAINS}/{UNKNOWN_SD}/{segment}.json",
                                   **({"data": {param: made["sid"]}} if method == "post"
                                      else {}))
    rest_exception(reply, 404, 21227)
    rest_exception(avaya.delete(f"{DOMAINS}/{UNKNOWN_SD}/{segment}/{made['sid']}.json"),
                   404, 21227)


@pytest.mark.parametrize("kind", list(KINDS))
def test_deleting_a_list_drops_it_from_the_domain(avaya, sip, kind):
    domain, made = sip.domain(), sip.list_of(kind)
    sip.map(domain["sid"], kind, made["sid"])
    ok_json(avaya.delete(f"{KINDS[kind][4]}/{made['sid']}.json"))
    assert sip.mapped(domain["sid"], kind)["total"] == 0
    assert sip.view(domain["sid"])["auth_type"] == "no_traffic"


def test_deleting_a_domain_keeps_its_lists(avaya, sip):
    domain = sip.domain()
    lists = {kind: sip.list_of(kind) for kind in KINDS}
    for kind, made in lists.items():
        sip.map(domain["sid"], kind, made["sid"])
    assert ok_json(avaya.delete(f"{DOMAINS}/{domain['sid']}.json"))["auth_type"] == \
        "ip_and_credential"
    for kind, made in lists.items():
        assert ok_json(avaya.get(f"{KINDS[kind][4]}/{made['sid']}.json"))["sid"] == made["sid"]
    again = sip.domain(DomainName=domain["domain_name"])
    for kind in KINDS:
        assert sip.mapped(again["sid"], kind)["total"] == 0


def test_one_list_may_serve_two_domains(sip):
    first, second = sip.domain(), sip.domain()
    made = sip.list_of("credential_lists")
    for domain in (first, second):
        assert ok_json(sip.map(domain["sid"], "credential_lists", made["sid"]))["sid"] == \
            made["sid"]
        assert sip.mapped(domain["sid"], "credential_lists")["total"] == 1
