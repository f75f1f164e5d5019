"""The outside world, simulated through the control API: a call to a service number (the
Call-URI GET, and the email and SMS call reports due) and an SMS to one (the SMS-Forward
GET), as seed 002's Call-URI and SMS-Forward tables list their parameters. Part of the
AVANSER backend (a mixin); no Flask here.

Errors are the control API's (core BadRequest / NotFound, rendered ``{"error": ...}``).
"""
from __future__ import annotations

from datetime import datetime, timezone

import phonenumbers
from marshmallow import RAISE, Schema, ValidationError, fields, validate

from ...core import phones
from ...core.errors import BadRequest, NotFound
from ...core.state import Tenant
from ...core.validation import StrictBoolean, StrictString, load
from .errors import SLUG
from .gazetteer import AmbiguousAddress
from .state import REPORTS_KEPT, AvanserState, template_key
from .templates import render_tags
from .transaction import ZONE, local_time

#: each call status: Call-URI ``callstatus`` tag, ``callcode``, the ``__callstatus__`` word
CALL_STATUSES = {"answered": ("avanser_answered_call", 1, "Answered"),
                 "abandoned": ("avanser_abandoned_call", 2, "Abandoned"),
                 "busy": ("avanser_busy_call", 3, "Busy"),
                 "unanswered": ("avanser_unanswered_call", 4, "Unanswered"),
                 "fax": ("avanser_fax_call", 5, "Fax"),
                 "missed": ("avanser_missed_call", 6, "Missed")}
MISSED = ("abandoned", "busy", "unanswered", "missed")
RECORDINGS = "https://recordings.avanser.invalid"
CALL_URI, SMS_FORWARD = "call-uri", "sms-forward"


def _phone(value: str) -> None:
    digits = value.strip().lstrip("+")
    try:
        ok = digits.isdigit() and phonenumbers.is_valid_number(
            phonenumbers.parse(f"+{digits}", None))
    except phonenumbers.NumberParseException:
        ok = False
    if not ok:
        raise ValidationError("not a valid E.164 number")


class CallSimulation(Schema):
    """``POST /_mock/avanser/calls``."""

    class Meta:
        unknown = RAISE       # a control endpoint names a key it does not take

    tenant = StrictString(required=True, validate=validate.Length(min=1))
    service_number = StrictString(required=True, validate=_phone)
    caller = StrictString(required=True, validate=_phone)
    status = StrictString(load_default="answered", validate=validate.OneOf(CALL_STATUSES))
    duration = fields.Integer(strict=True, validate=validate.Range(0, 86400))
    location = StrictString(validate=validate.Length(1, 100))
    voicemail = StrictBoolean(load_default=False)


class SmsSimulation(Schema):
    """``POST /_mock/avanser/sms``."""

    class Meta:
        unknown = RAISE       # a control endpoint names a key it does not take

    tenant = StrictString(required=True, validate=validate.Length(min=1))
    to = StrictString(required=True, validate=_phone)
    from_ = StrictString(required=True, validate=_phone, data_key="from")
    text = StrictString(required=True, validate=validate.Length(1, 1600))


CALL, SMS = CallSimulation(), SmsSimulation()


def dashed(number: str) -> str:
    """A number as the seed's tables write it: ``+61-0290081596``."""
    parsed = phonenumbers.parse("+" + number.strip().lstrip("+"), None)
    national = "".join(ch for ch in phonenumbers.format_number(
        parsed, phonenumbers.PhoneNumberFormat.NATIONAL) if ch.isdigit())
    return f"+{parsed.country_code}-{national}"


def _parsed(number: str) -> phonenumbers.PhoneNumber:
    return phonenumbers.parse("+" + number.strip().lstrip("+"), None)


def _local(moment: datetime) -> str:
    """``2016-04-15 10:23:20``: Sydney time, as the seed's tags and SMS date show it."""
    return moment.replace(tzinfo=timezone.utc).astimezone(ZONE).strftime("%Y-%m-%d %H:%M:%S")


class Simulations:
    """The control-API simulations of the AVANSER backend."""

    report_templates: dict[str, str]

    def simulate_call(self, body: object) -> dict:
        """A call to a service: the Call-URI GET (if the service has a ``call_uri``) and
        the call reports its ``call_reporting`` asks for, recorded as would-be deliveries."""
        args = load(CALL, body if isinstance(body, dict) else {}, "invalid call")
        tenant = self._simulated_tenant(args["tenant"])
        status = args["status"]
        tag, code, word = CALL_STATUSES[status]
        duration = args.get("duration", 30 if status == "answered" else 0)
        caller = _parsed(args["caller"])
        location = args.get("location") or caller_location(caller)
        with tenant.lock:
            state = tenant.state
            account, service = self._service_of(state, args["service_number"])
            state.counter += 1
            now = self.clock.now()
            call_id = int.from_bytes(self.services.digest(SLUG, state.user, "call",
                                                          state.counter)[:4], "big")
            config = service["service"]
            answer_point = config.get("answer_point")
            params = {"clientid": account, "callid": str(call_id),
                      "uniqueid": f"ECS1-{int(now.timestamp())}.{state.counter}",
                      "bnum": dashed(service["service_number"]), "adname": service["name"],
                      "target": dashed(answer_point) if answer_point else "",
                      "targetname": config.get("answer_point_name", ""),
                      "ani": dashed(args["caller"]), "tzdate": local_time(now),
                      "duration": str(duration), "callstatus": tag, "callcode": str(code),
                      "clocation": location, "cstate": self._caller_state(caller, location),
                      "ccountry": phonenumbers.region_code_for_number(caller) or ""}
            recorded = (status == "answered" and config.get("record_call")) or args["voicemail"]
            url = f"{RECORDINGS}/{call_id}.mp3" if recorded else ""
            values = {"__location__": location,
                      "__outnum__": params["target"], "__dateTime__": _local(now),
                      "__bnum__": params["bnum"], "__ani__": params["ani"],
                      "__adsource__": service["name"], "__adname__": service["name"],
                      "__callDuration__": str(duration), "__callstatus__": word,
                      "__URL__": url,
                      "__link__": f'<a href="{url}">audio file</a>' if url else ""}
            reports = self._reports(state, account, service, status, args["voicemail"],
                                    values, {"time": local_time(now), "call_id": params["callid"]})
            state.reports.extend(reports)
            del state.reports[:-REPORTS_KEPT]
        if service.get("call_uri"):
            self.services.webhooks.send(SLUG, tenant.id, method="GET", url=service["call_uri"],
                                        params=params, kind=CALL_URI)
        return {"call_uri": service.get("call_uri"), "params": params, "reports": reports}

    def simulate_sms(self, body: object) -> dict:
        """An inbound SMS to a service: the SMS-Forward GET, if it has ``sms_forward_uri``.
        Only mobile service numbers take SMS (the seed: "mobile ... support inbound sms")."""
        args = load(SMS, body if isinstance(body, dict) else {}, "invalid sms")
        tenant = self._simulated_tenant(args["tenant"])
        with tenant.lock:
            account, service = self._service_of(tenant.state, args["to"])
            if phonenumbers.number_type(_parsed(service["service_number"])) \
                    != phonenumbers.PhoneNumberType.MOBILE:
                raise BadRequest(details=f"service {service['service_number']} is not a "
                                         f"mobile number and takes no SMS")
            params = {"clientId": account, "to": dashed(args["to"]),
                      "from": dashed(args["from_"]), "txt": args["text"],
                      "date": _local(self.clock.now())}
        if service.get("sms_forward_uri"):
            self.services.webhooks.send(SLUG, tenant.id, method="GET",
                                        url=service["sms_forward_uri"], params=params,
                                        kind=SMS_FORWARD)
        return {"sms_forward_uri": service.get("sms_forward_uri"), "params": params}

    def call_reports(self, user: str) -> list[dict]:
        """The call reports a tenant's simulated calls would have sent, oldest first."""
        tenant = self._simulated_tenant(user)
        with tenant.lock:
            return [dict(r) for r in tenant.state.reports]

    # -- helpers -----------------------------------------------------------------------------

    def _simulated_tenant(self, user: str) -> Tenant[AvanserState]:
        tenant = self.store.peek(user)
        if tenant is None:
            raise NotFound(details=f"no AVANSER tenant {user!r} (the Basic user)")
        return tenant

    def _service_of(self, state: AvanserState, number: str) -> tuple[str, dict]:
        digits = number.strip().lstrip("+")
        for account, services in state.services.items():
            if digits in services:
                return account, services[digits]
        raise NotFound(details=f"no active service {digits} for {state.user}")

    def _caller_state(self, caller: phonenumbers.PhoneNumber, location: str) -> str:
        if phonenumbers.number_type(caller) == phonenumbers.PhoneNumberType.MOBILE:
            return "MOB"
        try:
            place = self.gazetteer.locate(location)
        except AmbiguousAddress as exc:
            place = exc.places[0]
        return place.state if place is not None else ""

    def _reports(self, state: AvanserState, account: str, service: dict, status: str,
                 voicemail: bool, values: dict[str, str], stamp: dict) -> list[dict]:
        reporting = service["service"].get("call_reporting") or {}
        due = {"all-calls": True, "missed": status in MISSED,
               "missed-voicemail": status in MISSED and voicemail}.get(
                   reporting.get("report", "none"), False)
        if not due:
            return []
        reports = []
        base = {**stamp, "account": int(account), "service_number": service["service_number"]}
        for channel in ("email", "sms"):
            settings = reporting.get(channel)
            if not settings:
                continue
            name = settings.get("template")
            found = state.templates.get(account, {}).get(template_key("AU", name or ""))
            text = found["body"] if found else self.report_templates[channel]
            report = {**base, "channel": channel, "template": name if found else None,
                      "body": render_tags(text, values)}
            if channel == "email":
                report.update({"to": list(settings["email_to"]),
                               "cc": list(settings.get("email_cc", [])),
                               "bcc": list(settings.get("email_bcc", [])),
                               "subject": render_tags(settings["subject"], values)})
            else:
                report.update({"to": settings["mobile"], "from": settings.get("sms_id",
                                                                               "AVANSER")})
            reports.append(report)
        return reports


def caller_location(caller: phonenumbers.PhoneNumber) -> str:
    """The "detected call location" (the seed's ``clocation``, ``__location__``) of a
    caller: its place (``Sydney`` for 02 9...), else its country (``Australia`` for a
    mobile). The country comes from the number's main region, because phonenumbers names
    none for a calling code several regions share (61: AU, CC, CX) and so would leave an
    Australian mobile without one."""
    place = phones.geocoder().description_for_number(caller, "en")
    if place:
        return place
    region = phonenumbers.region_code_for_number(caller) or \
        phonenumbers.region_code_for_country_code(caller.country_code)
    from phonenumbers.geodata.locale import LOCALE_DATA
    names = LOCALE_DATA.get(region, {})
    name = names.get("en", "")
    return names.get(name[1:], "") if name.startswith("*") else name

