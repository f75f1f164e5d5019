"""Services (seed 002, Manage Services): list them, and request an update or a
decommission, each an asynchronous request like a creation (lifecycle.py carries them
out). Part of the AVANSER backend (a mixin); no Flask here.

A service is stored as the seed's Service Detail, with ``call_reporting`` inside
``service`` (where the transfer and voicemail examples put it; a top-level
``call_reporting``, as in the prompt and update examples, means the same), plus what the
Service Detail does not show: ``callback_uri`` and ``custom_id`` (given at creation, used
by the callbacks of later requests), ``created`` and ``updated``.
"""
from __future__ import annotations

import copy

from ...core.errors import BadRequest
from ...core.paging import batch_number, fixed_batch
from ...core.state import Tenant
from ...core.validation import load
from .errors import InvalidParameters
from .schemas import SERVICE_DETAIL, SERVICE_UPDATE
from .state import AvanserState, template_key

#: services and requests are listed in batches of this many (the seed's 100)
BATCH = 100
#: the country a service's templates are looked up in (the inventory is Australian)
COUNTRY = "AU"
_DETAIL_KEYS = ("name", "service_number", "service", "call_uri", "sms_forward_uri")


def batch(items: list, page: int, resource: str) -> tuple[list, str | None]:
    """Batch ``page`` of ``items`` and the ``@next`` link (None on the last batch)."""
    found, following = fixed_batch(items, page, BATCH)
    return found, (f"/{resource}/{following}" if following else None)


def lift_reporting(body: dict) -> tuple[dict, bool]:
    """``body`` with a top-level ``call_reporting`` moved into ``service``; True when it was
    moved (errors then name it as the client wrote it)."""
    if "call_reporting" not in body:
        return body, False
    body = dict(body)
    reporting = body.pop("call_reporting")
    service = body.get("service")
    body["service"] = {**(service if isinstance(service, dict) else {}),
                       "call_reporting": reporting}
    return body, True


def merge(base: dict, changes: dict) -> dict:
    """``changes`` merged into a copy of ``base``: objects merge, anything else replaces,
    ``null`` removes the key."""
    merged = copy.deepcopy(base)
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def rename_lifted(errors: dict[str, str], lifted: bool) -> dict[str, str]:
    """Error names as the client wrote them (``call_reporting.sms.mobile`` when it sent
    ``call_reporting`` at the top level)."""
    if not lifted:
        return errors
    prefix = "service.call_reporting"
    return {(key[len("service."):] if key.startswith(prefix) else key): why
            for key, why in errors.items()}


def mergeable(record: dict) -> dict:
    """What an update merges into: the stored service's name, service, call_uri and
    sms_forward_uri (those set)."""
    return {key: record[key] for key in ("name", "service", "call_uri", "sms_forward_uri")
            if record.get(key) is not None}


def render_service(record: dict) -> dict:
    """The documented Service Detail of a stored service, ``@links`` included."""
    detail = {key: record.get(key) for key in _DETAIL_KEYS}
    detail["@links"] = {"service_uri": f"/services/{record['service_number']}"}
    return detail


def template_errors(state: AvanserState, account: str, service: dict) -> dict[str, str]:
    """The templates a service's call reporting names that the account lacks (or has with
    another type), as ``{"service.call_reporting.email.template": "template not found"}``."""
    errors = {}
    reporting = service.get("call_reporting") or {}
    for kind in ("email", "sms"):
        name = (reporting.get(kind) or {}).get("template")
        if not name:
            continue
        found = state.templates.get(account, {}).get(template_key(COUNTRY, name))
        if found is None:
            errors[f"service.call_reporting.{kind}.template"] = "template not found"
        elif found["type"] != kind:
            errors[f"service.call_reporting.{kind}.template"] = f"not an {kind} template"
    return errors


def checked_service(state: AvanserState, account: str, detail: dict) -> dict:
    """A whole service (name, service, call_uri, sms_forward_uri) validated and its
    templates checked; InvalidParameters naming every problem."""
    loaded = load(SERVICE_DETAIL, detail, "Bad Request")
    loaded["service"].setdefault("call_reporting", {"report": "none"})
    errors = template_errors(state, account, loaded["service"])
    if errors:
        raise InvalidParameters(errors)
    return loaded


class ServiceOps:
    """The service operations of the AVANSER backend."""

    def list_services(self, tenant: Tenant[AvanserState],
                      page: str | None) -> tuple[int | None, str | None, list[dict]]:
        """``GET /services[/{page}]``: a batch of 100 Service Details sorted by name (then
        number), and the ``@next`` link while more exist."""
        number = batch_number(page)
        with tenant.lock:
            state = tenant.state
            found = state.services.get(str(state.selected), {}).values()
            ordered = sorted(found, key=lambda s: (s["name"], s["service_number"]))
            items, next_link = batch([render_service(s) for s in ordered], number, "services")
            return state.selected, next_link, items

    def request_update(self, tenant: Tenant[AvanserState], number: str, mimetype: str,
                       body: bytes, environ: dict) -> dict:
        """``POST /services/{number}`` with a partial Service Detail: checked against the
        service now, queued as an ``update`` request; the Acknowledgment Reply."""
        data, text = self.parse_body(mimetype, body)
        extra = load(SERVICE_UPDATE, data, "Bad Request")
        changes, lifted = lift_reporting({k: v for k, v in data.items()
                                          if k in ("name", "service", "call_reporting",
                                                   "call_uri", "sms_forward_uri")})
        with tenant.lock:
            state = tenant.state
            account = str(state.selected)
            current = self.active_service(state, account, number)
            if extra.get("service_number", current["service_number"]).lstrip("+") \
                    != current["service_number"]:
                raise InvalidParameters({"service_number": "does not match the path"})
            try:
                merged = checked_service(state, account, merge(mergeable(current), changes))
            except BadRequest as exc:
                raise InvalidParameters(rename_lifted(exc.fields, lifted)) from None
            record = self.new_request(
                state, account, "update", number=current["service_number"],
                custom_id=extra.get("custom_id", current.get("custom_id")),
                custom_group=extra.get("custom_group"),
                answer_point=merged["service"].get("answer_point"),
                callback_url=extra.get("callback_uri", current.get("callback_uri")),
                body_text=text, plan={"changes": changes, **(
                    {"callback_uri": extra["callback_uri"]} if "callback_uri" in extra
                    else {})})
            return self.acknowledge(record, account, environ)

    def request_decommission(self, tenant: Tenant[AvanserState], number: str,
                             body: bytes, environ: dict) -> dict:
        """``DELETE /services/{number}``: queued as a ``delete`` request; the Acknowledgment
        Reply."""
        with tenant.lock:
            state = tenant.state
            account = str(state.selected)
            current = self.active_service(state, account, number)
            record = self.new_request(
                state, account, "delete", number=current["service_number"],
                custom_id=current.get("custom_id"), custom_group=None,
                answer_point=current["service"].get("answer_point"),
                callback_url=current.get("callback_uri"),
                body_text=body.decode("utf-8", "replace") if body.strip() else "{}", plan={})
            return self.acknowledge(record, account, environ)

    def active_service(self, state: AvanserState, account: str, number: str) -> dict:
        """The account's service with this number (E.164, ``+`` optional); 400 Error
        Detail when there is none."""
        found = state.services.get(account, {}).get(number.strip().lstrip("+"))
        if found is None:
            raise InvalidParameters({"service_number": "invalid service number"})
        return found
