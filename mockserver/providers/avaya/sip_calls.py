"""SIP calls through the account's SIP domains (seed 004, Getting Started: "Making calls
with your SIP Domain", "Receiving calls on you SIP Domain"). Part of the Avaya backend (a
mixin of sip_domains.SipDomains); no Flask here.

"Outgoing calls by your SIP Domain will be treated like any incoming SIP call received on
the Avaya Communications APIs domain. After being authenticated, it will execute the Voice
URL configured in your SIP domain." The mock simulates such a call with
``POST /_mock/avaya/sip/calls`` (``receive_sip_call``): the device's digest credentials
(``username``, ``password``) must match a credential of a list mapped to the domain, or its
``ip`` be in an IP ACL mapped to it ("You must have at least one or all requests will be
blocked"). Accepted, the call runs the domain's VoiceUrl like any inbound call and is
charged as Inbound SIP; refused, it is kept as an inbound call ``failed`` at once (no
document requested, no callback) with an ERROR Notification: 10004 "Invalid credentials
supplied", or 10003 "Incoming call rejected due to inactive account".

"Receiving calls on you SIP Domain ... create an InboundXML script that will ring your SIP
Domain ... Note: yourusername MUST match one of the usernames specified in your Credential
Lists." A call the account places (Make Call, or a Dial leg) to ``sip:user@<its domain's
domain_sip_url>`` reaches a device only when ``user`` is a username of a credential list
mapped to that domain (SipAuthUsername/SipAuthPassword authenticate the platform to a far
end that challenges it, and are not what a registered device is looked up by); otherwise
the call is ``failed`` when it would ring, with a Notification 32004 "SIP user is not
available." (``check_sip_destination``, called from call_life.dial).
"""
from __future__ import annotations

from marshmallow import validate

from ...core.errors import BadRequest, NotFound
from ...core.validation import StrictString, load
from . import timeline
from .calls import is_sip, present_call, sip_host
from .errors import MESSAGES
from .far_end import Script, script_of
from .params import phone
from .state import AvayaState

REFUSED = (10004, "Invalid credentials supplied")
INACTIVE = (10003, "Incoming call rejected due to inactive account")
NOT_AVAILABLE = 32004


class SipCall(Script):
    """``POST /_mock/avaya/sip/calls``: a call from a SIP device into a SIP domain."""

    account_sid = StrictString(validate=validate.Length(min=1))
    from_ = StrictString(required=True, data_key="from", validate=validate.Length(min=1))
    to = StrictString(required=True, validate=validate.Length(min=1))
    username = StrictString()
    password = StrictString()
    ip = StrictString()
    forwarded_from = StrictString()


SIP_CALL = SipCall()


def sip_user(address: str) -> str:
    """The user part of a SIP URI (``sip:alice@x.sip.zang.io;transport=tcp`` -> ``alice``)."""
    body = address.split(":", 1)[1] if ":" in address else address
    body = body.split("?", 1)[0].split(";", 1)[0]
    return body.rsplit("@", 1)[0] if "@" in body else ""


def domain_at(state: AvayaState, host: str, *, bare: bool = False) -> dict | None:
    """The account's domain whose ``domain_sip_url`` (or, with ``bare``, ``domain_name``)
    is ``host``, in any case."""
    host = host.lower()
    for domain in state.sip_domains.values():
        if domain["domain_sip_url"].lower() == host or \
                (bare and domain["domain_name"].lower() == host):
            return domain
    return None


class SipCalls:
    """SIP calls through SIP domains."""

    def receive_sip_call(self, body: object, base_url: str = "") -> tuple[int, dict]:
        """A SIP device calls into a domain: ``(201, the call)`` when it is authenticated,
        ``(403, {"error", "code", "call", "notification_sid"})`` when it is refused. The
        domain's account is ``account_sid`` when given, else whoever owns the domain."""
        values = load(SIP_CALL, body if isinstance(body, dict) else {}, "invalid SIP call")
        to = values["to"].strip()
        if not is_sip(to) or not sip_host(to):
            raise BadRequest(f"to {to!r} must be a sip: URI of a SIP domain")
        host = sip_host(to)
        owner = values.get("account_sid") or self._domain_owner(host)
        if owner is None:
            raise NotFound(f"no account has the SIP domain {host}")
        with self.locked(owner) as state:
            domain = domain_at(state, host, bare=True)
            if domain is None:
                raise NotFound(f"{host} is not a SIP domain of account {owner}")
            if not domain["voice_url"]:
                raise BadRequest(f"SIP domain {domain['domain_name']} has no VoiceUrl")
            raw_from = values["from_"].strip()
            from_ = raw_from if is_sip(raw_from) else (phone(raw_from) or raw_from)
            refusal = self._sip_refusal(state, domain, values)
            call = self.new_call(
                state, to=to, from_=from_, direction="inbound", base_url=base_url,
                url=domain["voice_url"], method=domain["voice_method"],
                fallback=_target(domain, "voice_fallback_url", "voice_fallback_method"),
                status_callback=_target(domain, "voice_status_callback_url",
                                        "voice_status_callback_method"),
                heartbeat=_target(domain, "voice_heartbeat_callback",
                                  "voice_heartbeat_callback_method"),
                forwarded_from=phone(values.get("forwarded_from")) or "", timeout=60,
                far=script_of(values), sip_domain=domain["sid"])
            if refusal is None:
                self.ring_inbound(state, call)
                return 201, present_call(call)
            (code, message), why = refusal
            call["status"] = "failed"
            call["end_time"] = call["date_updated"]
            timeline.record(call, self.clock.now(), "status", status="failed")
            note = self.notify(state, code, message, call_sid=call["sid"],
                               request_url=to, request_variables=_logged(values))
            return 403, {"error": why, "code": code, "call": present_call(call),
                         "notification_sid": note["sid"]}

    def _sip_refusal(self, state: AvayaState, domain: dict, values: dict):
        """None when the call may come in; else ``((code, message), why)``."""
        if state.account["status"] != "active":
            return INACTIVE, f"the account is {state.account['status']}"
        username = values.get("username")
        if username and self.credentials_match(state, domain["_credential_lists"], username,
                                               values.get("password") or ""):
            return None
        ip = values.get("ip")
        if ip and self.ip_allowed(state, domain["_ip_acls"], ip):
            return None
        if not domain["_credential_lists"] and not domain["_ip_acls"]:
            why = "the domain has no credential list nor IP ACL mapped: all calls are blocked"
        else:
            why = "neither the credentials nor the IP address match a list mapped to the domain"
        return REFUSED, why

    def _domain_owner(self, host: str) -> str | None:
        """The account that has a domain at ``host`` (each account's lock taken in turn,
        one at a time); None when none has."""
        for tenant in self.store:
            with tenant.lock:
                if domain_at(tenant.state, host, bare=True) is not None:
                    return tenant.id
        return None

    def check_sip_destination(self, state: AvayaState, call: dict) -> None:
        """A call the account places to one of its own domains (``sip:user@<domain_sip_url>``)
        fails when ``user`` is no username of a credential list mapped to the domain: its far
        end becomes ``failed`` and a Notification 32004 is written. Other calls are left as
        they are."""
        to = call["to"]
        if not is_sip(to):
            return
        domain = domain_at(state, sip_host(to))
        if domain is None:
            return
        call["_sip_domain"] = domain["sid"]
        user, mapped = sip_user(to), set(domain["_credential_lists"])
        if any(c["credential_list_sid"] in mapped and c["username"] == user
               for c in state.credentials.values()):
            return
        call["_far"]["answer"] = "failed"
        self.notify(state, NOT_AVAILABLE, MESSAGES[NOT_AVAILABLE], call_sid=call["sid"],
                    request_url=to)


def _target(domain: dict, url_key: str, method_key: str) -> dict | None:
    url = domain.get(url_key)
    return {"url": url, "method": domain.get(method_key) or "POST"} if url else None


def _logged(values: dict) -> dict:
    """What a refused call's Notification records of it: never the password."""
    shown = {"From": values["from_"], "To": values["to"]}
    if values.get("username"):
        shown["Username"] = values["username"]
    if values.get("ip"):
        shown["Ip"] = values["ip"]
    return shown
