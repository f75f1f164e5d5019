"""An Avaya tenant's state: one account (one AccountSid) and everything it has bought,
configured, sent and received. Resources are kept in their JSON form (snake_case keys, the
seed's order, dates as RFC 2822 strings, prices as strings), without ``uri`` prefixes: the
routes add the mount. Collections are dicts keyed by SID in creation order, so "newest
first" is their reverse.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...core.state import JsonDataclass

#: the collections of resources keyed by SID
RESOURCES = ("numbers", "applications", "sms", "mms", "notifications", "calls", "recordings",
             "transcriptions", "conferences", "participants", "agents", "callees",
             "sip_domains", "credential_lists", "credentials", "ip_access_control_lists",
             "ip_addresses", "carrier_lookups", "cnam_lookups", "bna_lookups", "fraud")


@dataclass
class AvayaState(JsonDataclass):
    """One account's world.

    - ``account``: the Account resource's own fields (``sid``, ``friendly_name``, ``status``,
      ``account_balance``, ``date_created``, ``date_updated``, ``max_outbound_limit``,
      ``type``, ``time_zone``);
    - ``numbers``: IncomingPhoneNumber resources, Avaya and BYOC alike (``service_type``
      ``cpaas`` or ``byoc`` tells them apart);
    - ``applications``, ``sms``, ``mms``, ``notifications``: their resources by SID;
    - ``usage``: what the account consumed, oldest first, each ``{"product_id", "quantity",
      "count", "cost", "date"}`` (ISO date); Usages are computed from it;
    - ``opted_out``: per account number (E.164), the senders who texted an opt-out keyword
      to it, and may not be sent SMS from it until they opt in again;
    - ``calls``, ``recordings``, ``transcriptions``, ``conferences``, ``participants``
      (keyed by participant SID; each names its ``conference_sid``), ``agents``: their
      resources by SID; a call's ``_run`` holds where its InboundXML engine stands;
    - ``callees``: the far end as a test scripted it, per destination (E.164 number or SIP
      URI), through ``/_mock/avaya/callees``;
    - ``sip_domains``, ``credential_lists``, ``credentials`` (each names its
      ``credential_list_sid``), ``ip_access_control_lists``, ``ip_addresses`` (each names its
      ``ip_access_control_list_sid``): the SIP resources by SID (sip_*.py);
    - ``carrier_lookups``, ``cnam_lookups``, ``bna_lookups``: lookups made, by SID;
    - ``fraud``: the fraud-control rule of each country the account changed, by ISO code;
    - ``counter``: the last SID handed out (SIDs depend on the seed, tenant and counter).
    """

    account: dict = field(default_factory=dict)
    numbers: dict[str, dict] = field(default_factory=dict)
    applications: dict[str, dict] = field(default_factory=dict)
    sms: dict[str, dict] = field(default_factory=dict)
    mms: dict[str, dict] = field(default_factory=dict)
    notifications: dict[str, dict] = field(default_factory=dict)
    usage: list[dict] = field(default_factory=list)
    opted_out: dict[str, list[str]] = field(default_factory=dict)
    calls: dict[str, dict] = field(default_factory=dict)
    recordings: dict[str, dict] = field(default_factory=dict)
    transcriptions: dict[str, dict] = field(default_factory=dict)
    conferences: dict[str, dict] = field(default_factory=dict)
    participants: dict[str, dict] = field(default_factory=dict)
    agents: dict[str, dict] = field(default_factory=dict)
    callees: dict[str, dict] = field(default_factory=dict)
    sip_domains: dict[str, dict] = field(default_factory=dict)
    credential_lists: dict[str, dict] = field(default_factory=dict)
    credentials: dict[str, dict] = field(default_factory=dict)
    ip_access_control_lists: dict[str, dict] = field(default_factory=dict)
    ip_addresses: dict[str, dict] = field(default_factory=dict)
    carrier_lookups: dict[str, dict] = field(default_factory=dict)
    cnam_lookups: dict[str, dict] = field(default_factory=dict)
    bna_lookups: dict[str, dict] = field(default_factory=dict)
    fraud: dict[str, dict] = field(default_factory=dict)
    counter: int = 0

    @classmethod
    def from_json(cls, data: dict) -> "AvayaState":
        """State from ``to_json`` output; ValueError when the shapes are wrong."""
        state = super().from_json(data)
        for name in RESOURCES:
            value = getattr(state, name)
            if not isinstance(value, dict) or not all(isinstance(v, dict)
                                                      for v in value.values()):
                raise ValueError(f"{name} must be an object of objects")
        if not isinstance(state.account, dict) or not isinstance(state.usage, list):
            raise ValueError("account must be an object and usage an array")
        if not isinstance(state.counter, int):
            raise ValueError("counter must be an integer")
        return state
