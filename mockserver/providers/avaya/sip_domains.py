"""SIP domains and their credential-list and IP-ACL mappings (seed 004, Getting Started,
View/List/Create/Update/Delete Domain, List Mapped Credentials Lists, Map Credentials List,
Delete Mapped Credentials List, List Mapped IP ACLs, Map IP ACL, Delete Mapped IP ACL).
Part of the Avaya backend (a mixin); no Flask here.

"Creating a SIP Domain specifies the domain that you want to register with:
{domain}.sip.zang.io". "DomainName: required. An address on Avaya Communications APIs
uniquely associated with your account and through which all your SIP traffic is routed."
"Before the domain can accept traffic, you must associate it with an authentication method."

A domain is stored in its JSON form (``state.sip_domains``, SID prefix ``SD``): the seed's
View Domain fields in the seed's order, spelled as the real API answered them (zang-python's
recorded ``domain.json``: ``domain_sip_url``, and the two mapping URIs inside
``subresource_uris``), then the bookkeeping ``_credential_lists`` and ``_ip_acls``: the SIDs
of the credential lists and IP ACLs mapped to it, in the order they were mapped (the SIP
list parts remove a deleted list's SID from them; listings also skip a SID that is gone).
``auth_type`` is computed when the domain is shown: ``no_traffic`` while nothing is mapped,
``ip_and_credential`` once anything is (the two values recorded, the only ones zang-python's
AuthType knows). Unset URLs are ``null``, as recorded.

Codes (the seed's SIP table): 62006 "Domain name is not valid" (missing, or not letters,
digits and dashes, in dot-separated labels as the recorded ``mytestdomain.com``), 62007 "Domain
name is not available" (any account of the mock has it, in any case); 62012 / 62013 / 62014
/ 62015 for credential lists and 62008 / 62009 / 62010 / 62011 for IP ACLs (unknown when
mapping, already mapped, unknown when unmapping, not mapped). URLs as Applications check
them (12301, 21402, 21232 HeartbeatUrl, 21229 VoiceStatusCallback, 21405 a fallback without
VoiceUrl); FriendlyName 20002. How SIP calls use domains: sip_calls.py.
"""
from __future__ import annotations

import re
import threading

from .accounts import MAX_FRIENDLY_NAME, account_path
from .errors import AvayaError, NotFound
from .paging import Listing, Window
from .params import Params
from .sip_calls import SipCalls
from .sip_credentials import present as present_list
from .state import AvayaState
from .wire import rfc2822

SUFFIX = ".sip.zang.io"
#: letters, digits and dashes, in labels separated by dots (the recorded ``mytestdomain.com``)
DOMAIN_NAME = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*")
MAX_DOMAIN_NAME = 64
#: each URL parameter: its key and the code a malformed value answers with (Applications')
URLS = {"VoiceUrl": ("voice_url", 21402), "VoiceFallbackUrl": ("voice_fallback_url", 21402),
        "HeartbeatUrl": ("voice_heartbeat_callback", 21232),
        "VoiceStatusCallback": ("voice_status_callback_url", 21229)}
METHODS = {"VoiceMethod": "voice_method", "VoiceFallbackMethod": "voice_fallback_method",
           "HeartbeatMethod": "voice_heartbeat_callback_method",
           "VoiceStatusCallbackMethod": "voice_status_callback_method"}
UPDATE_PARAMS = ("FriendlyName", *URLS, *METHODS)
CREATE_PARAMS = ("DomainName", *UPDATE_PARAMS)
#: "we have auto-populated the Voice URL with our default voice InboundXML": the recorded
#: domain's VoiceUrl (config AVAYA_SIP_DEFAULT_VOICE_URL)
DEFAULT_VOICE_URL = "https://telapi.com/ivr/welcome/call"
#: the mapping kinds: bookkeeping key, the account's collection, codes (unknown on map,
#: already mapped, unknown on unmap, not mapped), and the name of the SID in messages
MAPPINGS = {
    "credential_lists": ("_credential_lists", "credential_lists", (62012, 62013, 62014, 62015),
                         "CredentialListSid"),
    "ip_acls": ("_ip_acls", "ip_access_control_lists", (62008, 62009, 62010, 62011),
                "IpAccessControlListSid"),
}


def domain_path(account_sid: str, sid: str = "") -> str:
    """``/v2/Accounts/{AccountSid}/SIP/Domains[/{DomainSid}]``."""
    return f"{account_path(account_sid)}/SIP/Domains" + (f"/{sid}" if sid else "")


def present_domain(record: dict) -> dict:
    """A stored domain as the API shows it: ``auth_type`` from its mappings, no
    bookkeeping."""
    shown = {key: value for key, value in record.items() if not key.startswith("_")}
    mapped = record.get("_credential_lists") or record.get("_ip_acls")
    shown["auth_type"] = "ip_and_credential" if mapped else "no_traffic"
    return shown


def domain_settings(params: Params, *, creating: bool) -> dict:
    """The keys FriendlyName, the URLs and the methods set, all checked (20002, 12301 and
    each URL's code); an empty URL clears it (``null``)."""
    changes: dict = {}
    name = params.text("FriendlyName")
    if name is not None and (name or not creating):
        if not name or len(name) > MAX_FRIENDLY_NAME:
            raise AvayaError(20002, details="FriendlyName must be 1 to "
                                            f"{MAX_FRIENDLY_NAME} characters")
        changes["friendly_name"] = name
    for param, (key, code) in URLS.items():
        url = params.url(param, invalid=code)
        if url is not None:
            changes[key] = url or None
    for param, key in METHODS.items():
        if param in params:
            changes[key] = params.method(param)
    return changes


def checked_domain_name(raw: str | None) -> str:
    """A DomainName as given (trimmed); 62006 when missing, longer than 64 characters, or
    not dot-separated labels of letters, digits and dashes."""
    name = (raw or "").strip()
    if not name or len(name) > MAX_DOMAIN_NAME or not DOMAIN_NAME.fullmatch(name):
        raise AvayaError(62006, details="DomainName must be 1 to "
                                        f"{MAX_DOMAIN_NAME} letters, digits and dashes "
                                        f"(labels separated by dots), got {raw!r}")
    return name


class SipDomains(SipCalls):
    """SIP domains and their mappings of the Avaya backend."""

    def setup_part(self) -> None:
        """The lock that makes a domain name's check and claim one step across accounts,
        and the default VoiceUrl."""
        self.sip_domain_names = threading.Lock()
        self.default_domain_voice_url = self.services.config.get(
            "AVAYA_SIP_DEFAULT_VOICE_URL", DEFAULT_VOICE_URL)

    # -- domains --------------------------------------------------------------------------

    def create_domain(self, sid: str, params: Params) -> dict:
        """Create Domain: ``DomainName`` required and unique across every account of the
        mock (62006, 62007); the other settings as ``domain_settings`` checks them."""
        with self.sip_domain_names:       # held while other accounts' names are read and the
            taken = self._names_elsewhere(sid)      # claim made: never under a tenant lock
            with self.locked(sid) as state:
                self.require_active(state)
                name = checked_domain_name(params.get("DomainName"))
                changes = domain_settings(params, creating=True)
                taken |= {d["domain_name"].lower() for d in state.sip_domains.values()}
                if name.lower() in taken:
                    raise AvayaError(62007, details=f"{name} is taken")
                domain_sid = self.new_sid(state, "SD")
                now = rfc2822(self.clock.now())
                uri = domain_path(sid, domain_sid)
                record = {
                    "sid": domain_sid, "friendly_name": name, "account_sid": sid,
                    "domain_name": name, "auth_type": "no_traffic",
                    "voice_url": self.default_domain_voice_url, "voice_method": "POST",
                    "voice_fallback_url": None, "voice_fallback_method": "POST",
                    "voice_heartbeat_callback": None,
                    "voice_heartbeat_callback_method": "POST",
                    "voice_status_callback_url": None, "voice_status_callback_method": "POST",
                    "date_created": now, "date_updated": now, "uri": uri,
                    "domain_sip_url": name + SUFFIX,
                    "subresource_uris": {
                        "ip_access_control_list_mappings": f"{uri}/IpAccessControlListMappings",
                        "credential_list_mappings": f"{uri}/CredentialListMappings"},
                    "_credential_lists": [], "_ip_acls": [],
                }
                _check_fallback({**record, **changes})
                record.update(changes)
                state.sip_domains[domain_sid] = record
                return present_domain(record)

    def _names_elsewhere(self, sid: str) -> set[str]:
        """The domain names (lower case) of every other account, each account's lock
        taken in turn, one at a time."""
        names: set[str] = set()
        for tenant in self.store:
            if tenant.id == sid:
                continue
            with tenant.lock:
                names |= {d["domain_name"].lower() for d in tenant.state.sip_domains.values()}
        return names

    def view_domain(self, sid: str, domain_sid: str) -> dict:
        """View Domain; 21227 (404) for an unknown SID."""
        with self.locked(sid) as state:
            return present_domain(self.domain_of(state, domain_sid))

    def list_domains(self, sid: str, window: Window) -> Listing:
        """List Domains, oldest first as created (as recorded)."""
        with self.locked(sid) as state:
            return window.slice(list(state.sip_domains.values()), present_domain)

    def update_domain(self, sid: str, domain_sid: str, params: Params) -> dict:
        """Update Domain: only the parameters given change (``DomainName`` cannot)."""
        with self.locked(sid) as state:
            self.require_active(state)
            record = self.domain_of(state, domain_sid)
            changes = domain_settings(params, creating=False)
            _check_fallback({**record, **changes})
            if changes:
                record.update(changes)
                record["date_updated"] = rfc2822(self.clock.now())
            return present_domain(record)

    def delete_domain(self, sid: str, domain_sid: str) -> dict:
        """Delete Domain: answers with the deleted domain; its mappings go with it and its
        name is free again (the lists themselves stay)."""
        with self.locked(sid) as state:
            self.require_active(state)
            record = present_domain(self.domain_of(state, domain_sid))
            del state.sip_domains[domain_sid]
            return record

    def domain_of(self, state: AvayaState, domain_sid: str) -> dict:
        """A domain of the account by SID; 21227 (404) when there is none."""
        record = state.sip_domains.get(domain_sid)
        if record is None:
            raise NotFound("SIP domain", domain_sid)
        return record

    # -- mappings -------------------------------------------------------------------------

    def list_mapped(self, sid: str, domain_sid: str, kind: str, window: Window) -> Listing:
        """List Mapped Credentials Lists / IP ACLs (``kind``: ``credential_lists`` or
        ``ip_acls``): the lists themselves, in the order they were mapped."""
        key, collection, _, _ = MAPPINGS[kind]
        with self.locked(sid) as state:
            domain = self.domain_of(state, domain_sid)
            lists = getattr(state, collection)
            return window.slice([lists[s] for s in domain[key] if s in lists], present_list)

    def map_list(self, sid: str, domain_sid: str, kind: str, list_sid: str | None) -> dict:
        """Map Credentials List / IP ACL: the list mapped (62012 / 62008 for a missing or
        unknown SID, 62013 / 62009 when it is mapped already); answers with the list."""
        key, collection, (unknown, already, _, _), param = MAPPINGS[kind]
        list_sid = (list_sid or "").strip()
        with self.locked(sid) as state:
            self.require_active(state)
            domain = self.domain_of(state, domain_sid)
            found = getattr(state, collection).get(list_sid)
            if found is None:
                raise AvayaError(unknown, details=f"{param} {list_sid!r} is no list of the "
                                                  "account")
            if list_sid in domain[key]:
                raise AvayaError(already, details=f"{list_sid} is mapped to {domain_sid}")
            domain[key].append(list_sid)
            return present_list(found)

    def unmap_list(self, sid: str, domain_sid: str, kind: str, list_sid: str) -> dict:
        """Delete Mapped Credentials List / IP ACL (62014 / 62010 for an unknown list,
        62015 / 62011 for one not mapped to the domain); answers with the list."""
        key, collection, (_, _, unknown, not_mapped), param = MAPPINGS[kind]
        with self.locked(sid) as state:
            self.require_active(state)
            domain = self.domain_of(state, domain_sid)
            found = getattr(state, collection).get(list_sid)
            if found is None:
                raise AvayaError(unknown, details=f"{list_sid!r} is no list of the account")
            if list_sid not in domain[key]:
                raise AvayaError(not_mapped, details=f"{list_sid} is not mapped to "
                                                     f"{domain_sid}")
            domain[key].remove(list_sid)
            return present_list(found)


def _check_fallback(record: dict) -> None:
    if record["voice_fallback_url"] and not record["voice_url"]:
        raise AvayaError(21405, details="VoiceFallbackUrl needs a VoiceUrl")
