"""SIP IP access control lists and their IP addresses (seed 004, View/List/Create/Update/
Delete IP ACL, View/List/Add/Update/Delete ACL IP). Part of the Avaya backend (a mixin); no
Flask here.

"Add ACL IP ... FriendlyName: required. IpAddress: required. An IP address from which you
wish to accept traffic. At this time, only IPv4 is supported." The seed's SIP error codes:
62004 "Invalid ip address provided ... in order to update record", 62005 "... in order to
create record", 62006 "Ip Address for specified addresses already exist. Please pick
different ip address" and 62016 "Ip address already exist for specified ip access control
list". The table gives 62006 twice (the second for SIP domain names), so its IP text is
passed here explicitly (``DUPLICATE_ON_ADD``) rather than taken from ``MESSAGES``.

Stored shapes (keys in the seed's order, spelled as zang-python's recorded ``ipacl.json`` /
``ipaddress.json``):

- an IP ACL (``state.ip_access_control_lists``, SID prefix ``AL``): ``sid``,
  ``friendly_name``, ``account_sid``, ``date_created``, ``date_updated``, ``uri``,
  ``ip_addresses_count`` (kept equal to the number of its addresses), ``subresource_uris``
  (``{"credentials": ".../IpAddresses"}``: the key is ``credentials`` in the seed and in
  the recorded response);
- an IP address (``state.ip_addresses``, prefix ``IP``): ``sid``, ``friendly_name``,
  ``ip_address`` (dotted quad, as normalised), ``account_sid``, ``date_created``,
  ``date_updated``, ``uri``, ``subresource_uris`` (``{}``), then the bookkeeping
  ``ip_access_control_list_sid`` (never answered: the recorded response names no parent).
"""
from __future__ import annotations

import ipaddress
from typing import Iterable

from .accounts import account_path
from .errors import AvayaError, NotFound
from .paging import Listing, Window
from .params import Params
from .sip_credentials import forget_mapping, list_name, present
from .state import AvayaState
from .wire import rfc2822

ACL_PARAMS = ("FriendlyName",)
ADDRESS_PARAMS = ("FriendlyName", "IpAddress")
#: 62006's text for an IP address (the table's other 62006 is a SIP domain name's)
DUPLICATE_ON_ADD = ("Ip Address for specified addresses already exist. Please pick different "
                    "ip address")


def ipv4(raw: str | None) -> str | None:
    """The dotted-quad form of an IPv4 address a client may send traffic from (white
    space trimmed); None for anything else: absent, IPv6, a network (``/24``), leading
    zeros, or an address no traffic comes from (0.0.0.0, multicast, 255.255.255.255)."""
    try:
        address = ipaddress.IPv4Address((raw or "").strip())
    except ValueError:
        return None
    if address.is_unspecified or address.is_multicast or int(address) == 0xFFFFFFFF:
        return None
    return str(address)


class SipAccessControl:
    """SIP IP access control lists and their addresses of the Avaya backend.

    For the SIP domains and calls (under the tenant's lock): ``ip_allowed(state, acl_sids,
    ip)``."""

    # -- IP access control lists --------------------------------------------------------

    def create_ip_acl(self, sid: str, params: Params) -> dict:
        """Create IP ACL: ``FriendlyName`` required (20002)."""
        with self.locked(sid) as state:
            self.require_active(state)
            name = list_name(params)
            al_sid = self.new_sid(state, "AL")
            now = rfc2822(self.clock.now())
            uri = f"{account_path(sid)}/SIP/IpAccessControlLists/{al_sid}"
            record = {"sid": al_sid, "friendly_name": name, "account_sid": sid,
                      "date_created": now, "date_updated": now, "uri": uri,
                      "ip_addresses_count": 0,
                      "subresource_uris": {"credentials": f"{uri}/IpAddresses"}}
            state.ip_access_control_lists[al_sid] = record
            return present(record)

    def view_ip_acl(self, sid: str, al_sid: str) -> dict:
        """View IP ACL; 21227 (404) for an unknown SID."""
        with self.locked(sid) as state:
            return present(self._ip_acl(state, al_sid))

    def list_ip_acls(self, sid: str, window: Window) -> Listing:
        """List IP ACLs, newest first."""
        with self.locked(sid) as state:
            return window.slice(list(reversed(state.ip_access_control_lists.values())),
                                present)

    def update_ip_acl(self, sid: str, al_sid: str, params: Params) -> dict:
        """Update IP ACL: its ``FriendlyName`` (required, 20002)."""
        with self.locked(sid) as state:
            self.require_active(state)
            record = self._ip_acl(state, al_sid)
            record["friendly_name"] = list_name(params)
            record["date_updated"] = rfc2822(self.clock.now())
            return present(record)

    def delete_ip_acl(self, sid: str, al_sid: str) -> dict:
        """Delete IP ACL: answers with the deleted list (as it was); its addresses go
        with it, and the SIP domains it was mapped to forget it."""
        with self.locked(sid) as state:
            self.require_active(state)
            record = present(self._ip_acl(state, al_sid))
            for ip_sid in [s for s, a in state.ip_addresses.items()
                           if a["ip_access_control_list_sid"] == al_sid]:
                del state.ip_addresses[ip_sid]
            forget_mapping(state, "_ip_acls", al_sid)
            del state.ip_access_control_lists[al_sid]
            return record

    # -- IP addresses -------------------------------------------------------------------

    def add_acl_ip(self, sid: str, al_sid: str, params: Params) -> dict:
        """Add ACL IP: 20002 for a missing, blank or too long ``FriendlyName``; 62005
        for a missing or invalid ``IpAddress`` (IPv4 only); 62006 for an address the list
        has already."""
        with self.locked(sid) as state:
            self.require_active(state)
            parent = self._ip_acl(state, al_sid)
            name = list_name(params)
            address = ipv4(params.get("IpAddress"))
            if address is None:
                raise AvayaError(62005, details="IpAddress must be an IPv4 address, got "
                                                f"{params.get('IpAddress')!r}")
            if self._address_in(state, al_sid, address):
                raise AvayaError(62006, DUPLICATE_ON_ADD,
                                 details=f"{address} is in the list already")
            ip_sid = self.new_sid(state, "IP")
            now = rfc2822(self.clock.now())
            record = {"sid": ip_sid, "friendly_name": name, "ip_address": address,
                      "account_sid": sid, "date_created": now, "date_updated": now,
                      "uri": f"{parent['uri']}/IpAddresses/{ip_sid}", "subresource_uris": {},
                      "ip_access_control_list_sid": al_sid}
            state.ip_addresses[ip_sid] = record
            parent["ip_addresses_count"] += 1
            return present(record)

    def view_acl_ip(self, sid: str, al_sid: str, ip_sid: str) -> dict:
        """View ACL IP; 21227 (404) for an unknown list, or an address not in that list."""
        with self.locked(sid) as state:
            return present(self._acl_ip(state, al_sid, ip_sid))

    def list_acl_ips(self, sid: str, al_sid: str, window: Window) -> Listing:
        """List ACL IPs of one list, newest first; 21227 (404) for an unknown list."""
        with self.locked(sid) as state:
            self._ip_acl(state, al_sid)
            records = [a for a in reversed(state.ip_addresses.values())
                       if a["ip_access_control_list_sid"] == al_sid]
            return window.slice(records, present)

    def update_acl_ip(self, sid: str, al_sid: str, ip_sid: str, params: Params) -> dict:
        """Update ACL IP: the parameters given change (20002 for a blank or too long
        ``FriendlyName``, 62004 for an invalid ``IpAddress``, 62016 for an address
        another entry of the list has)."""
        with self.locked(sid) as state:
            self.require_active(state)
            record = self._acl_ip(state, al_sid, ip_sid)
            changes = {}
            if "FriendlyName" in params:
                changes["friendly_name"] = list_name(params)
            if "IpAddress" in params:
                address = ipv4(params.get("IpAddress"))
                if address is None:
                    raise AvayaError(62004, details="IpAddress must be an IPv4 address, "
                                                    f"got {params.get('IpAddress')!r}")
                if self._address_in(state, al_sid, address, besides=ip_sid):
                    raise AvayaError(62016, details=f"{address} is in the list already")
                changes["ip_address"] = address
            if changes:
                record.update(changes)
                record["date_updated"] = rfc2822(self.clock.now())
            return present(record)

    def delete_acl_ip(self, sid: str, al_sid: str, ip_sid: str) -> dict:
        """Delete ACL IP: answers with the deleted address."""
        with self.locked(sid) as state:
            self.require_active(state)
            record = self._acl_ip(state, al_sid, ip_sid)
            del state.ip_addresses[ip_sid]
            state.ip_access_control_lists[al_sid]["ip_addresses_count"] -= 1
            return present(record)

    # -- for the SIP domains and calls --------------------------------------------------

    def ip_allowed(self, state: AvayaState, acl_sids: Iterable[str], ip: str) -> bool:
        """True when one of the IP ACLs ``acl_sids`` (SIDs that no longer exist are
        skipped) lists the IPv4 address ``ip``; False for anything that is not one. Call
        it under the tenant's lock (``state`` is the tenant's)."""
        address = ipv4(ip)
        wanted = set(acl_sids)
        return address is not None and any(
            a["ip_access_control_list_sid"] in wanted and a["ip_address"] == address
            for a in state.ip_addresses.values())

    def _address_in(self, state: AvayaState, al_sid: str, address: str,
                    besides: str | None = None) -> bool:
        return any(a["ip_access_control_list_sid"] == al_sid and a["ip_address"] == address
                   and s != besides for s, a in state.ip_addresses.items())

    def _ip_acl(self, state: AvayaState, al_sid: str) -> dict:
        record = state.ip_access_control_lists.get(al_sid)
        if record is None:
            raise NotFound("IpAccessControlList", al_sid)
        return record

    def _acl_ip(self, state: AvayaState, al_sid: str, ip_sid: str) -> dict:
        self._ip_acl(state, al_sid)
        record = state.ip_addresses.get(ip_sid)
        if record is None or record["ip_access_control_list_sid"] != al_sid:
            raise NotFound("IpAddress", f"{ip_sid} in {al_sid}")
        return record
