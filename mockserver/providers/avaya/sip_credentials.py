"""SIP credential lists and their credentials (seed 004, View/List/Create/Update/Delete
Credentials List, View/List/Create/Update/Delete Credential). Part of the Avaya backend (a
mixin); no Flask here.

"Create Credential ... Username: required. The username used to identify this credential.
Password: required. The password used to authenticate this credential." The seed's SIP
error codes: 62000 "Invalid username provided", 62001 "Invalid password provided ... in
order to create SIP credential", 62002 "SIP credential for specified username already
exist", 62003 "Invalid password provided ... in order to updated SIP credential".

Stored shapes (JSON-form, keys in the seed's order, spelled as zang-python's recorded
``credentialslist.json`` / ``credential.json``):

- a credential list (``state.credential_lists``, SID prefix ``CL``): ``sid``,
  ``account_sid``, ``friendly_name``, ``date_created``, ``date_updated``,
  ``credentials_count`` (kept equal to the number of its credentials), ``uri``,
  ``subresource_uris`` (``{"credentials": ".../Credentials"}``);
- a credential (``state.credentials``, prefix ``SC``): ``sid``, ``account_sid``,
  ``friendly_name`` (the username, as recorded), ``username``, ``date_created``,
  ``date_updated``, ``credential_list`` (the parent SID, public), ``uri``,
  ``subresource_uris`` (``{}``), then the bookkeeping ``credential_list_sid`` (the parent
  SID under the name the SIP parts look it up by) and ``_password``. ``present`` leaves
  both out: a password is accepted and never answered, in any format.

The rules where the seed is silent (docs/providers/avaya.md, part 3): a username is 1 to 32
letters, digits, ``.``, ``_`` or ``-``; a password at least 12 characters with an upper
case letter, a lower case letter and a digit (the real API refused ``pass`` on create and
the 11-character ``3F#Af2af3@!`` on update, zang-python's recorded notifications); a
username is unique within its list, case-sensitively.
"""
from __future__ import annotations

import hmac
import re
from typing import Iterable

from .accounts import MAX_FRIENDLY_NAME, account_path
from .errors import AvayaError, NotFound
from .paging import Listing, Window
from .params import Params
from .state import AvayaState
from .wire import rfc2822

LIST_PARAMS = ("FriendlyName",)
CREATE_PARAMS = ("Username", "Password")
UPDATE_PARAMS = ("Password",)
USERNAME = re.compile(r"[A-Za-z0-9._-]{1,32}")
MIN_PASSWORD = 12
#: keys a stored record keeps for the mock (and the other SIP parts), never answered
PARENT_KEYS = frozenset({"credential_list_sid", "ip_access_control_list_sid"})


def present(record: dict) -> dict:
    """A stored SIP list, credential or IP address as the API shows it: without the
    ``_`` bookkeeping keys (``_password``) and the parent-SID keys of ``PARENT_KEYS``."""
    return {key: value for key, value in record.items()
            if not key.startswith("_") and key not in PARENT_KEYS}


def list_name(params: Params) -> str:
    """The required ``FriendlyName`` of a credential list, IP ACL or IP address (trimmed);
    20002 when it is absent, blank or longer than 64 characters."""
    name = params.text("FriendlyName")
    if not name or len(name) > MAX_FRIENDLY_NAME:
        raise AvayaError(20002, details="FriendlyName is required: 1 to "
                                        f"{MAX_FRIENDLY_NAME} characters")
    return name


def strong_password(password: str | None) -> bool:
    """True for a password of at least 12 characters with an upper case letter, a lower
    case letter and a digit."""
    return (password is not None and len(password) >= MIN_PASSWORD
            and any(c.isupper() for c in password) and any(c.islower() for c in password)
            and any(c.isdigit() for c in password))


def lists_path(sid: str) -> str:
    """``/v2/Accounts/{AccountSid}/SIP/CredentialLists``."""
    return f"{account_path(sid)}/SIP/CredentialLists"


class SipCredentials:
    """SIP credential lists and credentials of the Avaya backend.

    For the SIP domains and calls (under the tenant's lock): ``credentials_match(state,
    list_sids, username, password)``."""

    # -- credential lists ---------------------------------------------------------------

    def create_credential_list(self, sid: str, params: Params) -> dict:
        """Create Credentials List: ``FriendlyName`` required (20002)."""
        with self.locked(sid) as state:
            self.require_active(state)
            name = list_name(params)
            cl_sid = self.new_sid(state, "CL")
            now = rfc2822(self.clock.now())
            uri = f"{lists_path(sid)}/{cl_sid}"
            record = {"sid": cl_sid, "account_sid": sid, "friendly_name": name,
                      "date_created": now, "date_updated": now, "credentials_count": 0,
                      "uri": uri, "subresource_uris": {"credentials": f"{uri}/Credentials"}}
            state.credential_lists[cl_sid] = record
            return present(record)

    def view_credential_list(self, sid: str, cl_sid: str) -> dict:
        """View Credentials List; 21227 (404) for an unknown SID."""
        with self.locked(sid) as state:
            return present(self._credential_list(state, cl_sid))

    def list_credential_lists(self, sid: str, window: Window) -> Listing:
        """List Credentials Lists, newest first."""
        with self.locked(sid) as state:
            return window.slice(list(reversed(state.credential_lists.values())), present)

    def update_credential_list(self, sid: str, cl_sid: str, params: Params) -> dict:
        """Update Credentials List: its ``FriendlyName`` (required, 20002)."""
        with self.locked(sid) as state:
            self.require_active(state)
            record = self._credential_list(state, cl_sid)
            record["friendly_name"] = list_name(params)
            record["date_updated"] = rfc2822(self.clock.now())
            return present(record)

    def delete_credential_list(self, sid: str, cl_sid: str) -> dict:
        """Delete Credentials List: answers with the deleted list (as it was); its
        credentials go with it, and the SIP domains it was mapped to forget it."""
        with self.locked(sid) as state:
            self.require_active(state)
            record = present(self._credential_list(state, cl_sid))
            for sc_sid in [s for s, c in state.credentials.items()
                           if c["credential_list_sid"] == cl_sid]:
                del state.credentials[sc_sid]
            forget_mapping(state, "_credential_lists", cl_sid)
            del state.credential_lists[cl_sid]
            return record

    # -- credentials --------------------------------------------------------------------

    def create_credential(self, sid: str, cl_sid: str, params: Params) -> dict:
        """Create Credential: 62000 for a missing or invalid ``Username``, 62001 for a
        missing or weak ``Password``, 62002 for a username the list has already."""
        with self.locked(sid) as state:
            self.require_active(state)
            parent = self._credential_list(state, cl_sid)
            username = params.get("Username")
            if username is None or not USERNAME.fullmatch(username):
                raise AvayaError(62000, details="Username must be 1 to 32 letters, digits, "
                                                f"'.', '_' or '-', got {username!r}")
            password = params.get("Password")
            if not strong_password(password):
                raise AvayaError(62001, details=f"Password must be at least {MIN_PASSWORD} "
                                                "characters with an upper case letter, a "
                                                "lower case letter and a digit")
            if any(c["credential_list_sid"] == cl_sid and c["username"] == username
                   for c in state.credentials.values()):
                raise AvayaError(62002, details=f"the list has a credential {username!r}")
            sc_sid = self.new_sid(state, "SC")
            now = rfc2822(self.clock.now())
            record = {"sid": sc_sid, "account_sid": sid, "friendly_name": username,
                      "username": username, "date_created": now, "date_updated": now,
                      "credential_list": cl_sid,
                      "uri": f"{parent['uri']}/Credentials/{sc_sid}", "subresource_uris": {},
                      "credential_list_sid": cl_sid, "_password": password}
            state.credentials[sc_sid] = record
            parent["credentials_count"] += 1
            return present(record)

    def view_credential(self, sid: str, cl_sid: str, sc_sid: str) -> dict:
        """View Credential; 21227 (404) for an unknown list, or a credential that is not
        in that list."""
        with self.locked(sid) as state:
            return present(self._credential(state, cl_sid, sc_sid))

    def list_credentials(self, sid: str, cl_sid: str, window: Window) -> Listing:
        """List Credentials of one list, newest first; 21227 (404) for an unknown list."""
        with self.locked(sid) as state:
            self._credential_list(state, cl_sid)
            records = [c for c in reversed(state.credentials.values())
                       if c["credential_list_sid"] == cl_sid]
            return window.slice(records, present)

    def update_credential(self, sid: str, cl_sid: str, sc_sid: str, params: Params) -> dict:
        """Update Credential: its ``Password`` (required; 62003 when missing or weak)."""
        with self.locked(sid) as state:
            self.require_active(state)
            record = self._credential(state, cl_sid, sc_sid)
            password = params.get("Password")
            if not strong_password(password):
                raise AvayaError(62003, details=f"Password must be at least {MIN_PASSWORD} "
                                                "characters with an upper case letter, a "
                                                "lower case letter and a digit")
            record["_password"] = password
            record["date_updated"] = rfc2822(self.clock.now())
            return present(record)

    def delete_credential(self, sid: str, cl_sid: str, sc_sid: str) -> dict:
        """Delete Credential: answers with the deleted credential."""
        with self.locked(sid) as state:
            self.require_active(state)
            record = self._credential(state, cl_sid, sc_sid)
            del state.credentials[sc_sid]
            state.credential_lists[cl_sid]["credentials_count"] -= 1
            return present(record)

    # -- for the SIP domains and calls --------------------------------------------------

    def credentials_match(self, state: AvayaState, list_sids: Iterable[str], username: str,
                          password: str) -> bool:
        """True when one of the credential lists ``list_sids`` (SIDs that no longer exist
        are skipped) has a credential with exactly this username and password. Call it
        under the tenant's lock (``state`` is the tenant's)."""
        wanted = set(list_sids)
        return any(c["credential_list_sid"] in wanted and c["username"] == username
                   and hmac.compare_digest(c["_password"].encode(), (password or "").encode())
                   for c in state.credentials.values())

    def _credential_list(self, state: AvayaState, cl_sid: str) -> dict:
        record = state.credential_lists.get(cl_sid)
        if record is None:
            raise NotFound("CredentialList", cl_sid)
        return record

    def _credential(self, state: AvayaState, cl_sid: str, sc_sid: str) -> dict:
        self._credential_list(state, cl_sid)
        record = state.credentials.get(sc_sid)
        if record is None or record["credential_list_sid"] != cl_sid:
            raise NotFound("Credential", f"{sc_sid} in {cl_sid}")
        return record


def forget_mapping(state: AvayaState, key: str, list_sid: str) -> None:
    """Remove a deleted list's SID from every SIP domain's mapping list ``key``
    (``_credential_lists`` or ``_ip_acls``); the domains' own fields are left as they are."""
    for domain in state.sip_domains.values():
        mapped = domain.get(key)
        if isinstance(mapped, list) and list_sid in mapped:
            mapped.remove(list_sid)
