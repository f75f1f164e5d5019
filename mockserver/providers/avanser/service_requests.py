"""Service requests (seed 002, Requests): submit a new service, list requests, and read
what each received, answered and sent. Part of the AVANSER backend (a mixin); no Flask
here. The asynchronous part (completion, callbacks) is lifecycle.py.

A valid request reserves its service number at once (the number leaves the tenant's
inventory) and is acknowledged; an invalid one is a 400 that changes and reserves nothing.
"""
from __future__ import annotations

import copy
from typing import Any

from ...core.body import loads
from ...core.numbering import HeldIndexes
from ...core.paging import batch_number
from ...core.render import json_copy
from ...core.state import Tenant
from ...core.validation import load
from .errors import SLUG, InvalidParameters, MultipleAddresses
from .inventory import Available
from .schemas import INBOUND_REQUEST
from .search import held_of
from .services import batch, lift_reporting, rename_lifted, template_errors
from .state import AvanserState
from .transaction import local_time

PENDING_MESSAGE = "Request is pending completion"
#: the Acknowledgment Reply's confirmation (seed: ``message: Success``, ``code: 200``)
SUCCESS = {"message": "Success", "code": 200}
#: what ``GET /requests/{id}/<part>`` serves: the stored field of each part
PARTS = ("request_body", "acknowledgment_body", "callback_body")
_JSON_TYPES = ("", "application/json")


class ServiceRequests:
    """The request operations of the AVANSER backend."""

    def parse_body(self, mimetype: str, body: bytes) -> tuple[dict, str]:
        """A JSON object body and its text; 400 naming ``Content-Type`` or ``body``."""
        if mimetype not in _JSON_TYPES and not mimetype.endswith("+json"):
            raise InvalidParameters({"Content-Type": "must be application/json"})
        try:
            text = body.decode("utf-8")
            data = loads(text)
        except (UnicodeDecodeError, ValueError):
            raise InvalidParameters({"body": "invalid JSON"}) from None
        if not isinstance(data, dict):
            raise InvalidParameters({"body": "must be a JSON object"})
        return data, text

    def create_request(self, tenant: Tenant[AvanserState], mimetype: str, body: bytes,
                       environ: dict) -> dict:
        """``POST /requests``: validate the Inbound Request, reserve a number by its search
        rules, queue a ``create`` request; the Acknowledgment Reply with the reserved
        ``service_number``."""
        data, text = self.parse_body(mimetype, body)
        loaded = load(INBOUND_REQUEST, data, "Bad Request")
        lifted_body, lifted = lift_reporting(loaded)
        service = lifted_body["service"]
        service.setdefault("call_reporting", {"report": "none"})
        rules = loaded["service_number"]
        with tenant.lock:
            state = tenant.state
            account = str(state.selected)
            errors = rename_lifted(template_errors(state, account, service), lifted)
            if errors:
                raise InvalidParameters(errors)
            held = held_of(state)
            available = self.allocate(rules, held)
            if available is not None:
                number = available.e164
                self.hold(state, available)
            else:
                number = (rules["number"].strip().lstrip("+")
                          if rules["search_type"] in ("number", "prefix") else None)
            plan = {"service": {"name": loaded["name"], "service_number": number,
                                "service": service, "call_uri": loaded.get("call_uri"),
                                "sms_forward_uri": loaded.get("sms_forward_uri"),
                                "callback_uri": loaded.get("callback_uri"),
                                "custom_id": loaded.get("custom_id")},
                    "reserved": ({"block": available.block.id, "index": available.index}
                                 if available is not None else None)}
            record = self.new_request(
                state, account, "create", number=number, custom_id=loaded.get("custom_id"),
                custom_group=loaded.get("custom_group"),
                answer_point=service.get("answer_point"),
                callback_url=loaded.get("callback_uri"), body_text=text, plan=plan)
            return self.acknowledge(record, account, environ, with_number=True)

    def allocate(self, rules: dict, held: dict[str, HeldIndexes]) -> Available | None:
        """The first number the search rules find (None when nothing matches); 400 naming
        ``service_number.<field>`` for a value the search refuses."""
        kind = rules["search_type"]
        try:
            if kind == "szu":
                found = self._by_szu(rules["szu"], held)
            elif kind == "number_type":
                found = self._first_by_type(rules["number_type"], held)
            elif kind in ("number", "prefix"):
                found = self._by_prefix(rules["number"], held)
            else:
                if kind == "location" and "location" in rules:
                    lat, lng = self._geocode(rules["location"])
                else:
                    lat, lng = rules["lat"], rules.get("lng", rules.get("long"))
                found = self._by_distance(lat, lng, rules["radius"], held)
        except MultipleAddresses as exc:
            places = "; ".join(p["name"] for p in exc.places)
            raise InvalidParameters({"service_number.location":
                                     f"ambiguous address: {places}"}) from None
        except InvalidParameters as exc:
            raise InvalidParameters({f"service_number.{k}": v
                                     for k, v in exc.fields.items()}) from None
        return found[0] if found else None

    def new_request(self, state: AvanserState, account: str, kind: str, *, number: str | None,
                    custom_id: str | None, custom_group: str | None,
                    answer_point: str | None, callback_url: str | None, body_text: str,
                    plan: dict) -> dict:
        """Record a ``pending`` request of ``kind`` (create, update, delete) and schedule
        its completion; call under the tenant's lock, after every check."""
        state.counter += 1
        request_id = self.services.digest(SLUG, state.user, "request", state.counter).hex()
        record = {"id": request_id, "request_type": kind, "custom_id": custom_id,
                  "custom_group": custom_group, "request_date": local_time(self.clock.now()),
                  "callback_date": None, "request_status": "pending",
                  "message": PENDING_MESSAGE, "service_number": number,
                  "answer_point": answer_point, "callback_url": callback_url,
                  "callback": {"last_update": None, "status": "pending", "http_reply": 0},
                  "request_body": body_text, "acknowledgment_body": None,
                  "callback_body": None, "plan": plan, "outcome": None,
                  "outcome_message": None}
        state.requests.setdefault(account, {})[request_id] = record
        self.schedule_completion(state.user, account, request_id)
        return record

    def acknowledge(self, record: dict, account: str, environ: dict, *,
                    with_number: bool = False) -> dict:
        """The Acknowledgment Reply of a new request, kept as its ``acknowledgment_body``
        (``service_number`` first for a new service, as the seed's reply lists it)."""
        response = {"service_number": record["service_number"]} if with_number else {}
        response.update({"request_id": record["id"], **SUCCESS})
        body = {"@transaction": self.transaction_of(environ, int(account)),
                "response": response}
        record["acknowledgment_body"] = body
        return json_copy(body)

    def list_requests(self, tenant: Tenant[AvanserState],
                      page: str | None) -> tuple[int | None, str | None, list[dict]]:
        """``GET /requests[/{page}]``: a batch of 100 List Requests entries, oldest first,
        and the ``@next`` link while more exist."""
        number = batch_number(page)
        with tenant.lock:
            state = tenant.state
            found = list(state.requests.get(str(state.selected), {}).values())
            items, next_link = batch(found, number, "requests")
            return state.selected, next_link, [render_request(r) for r in items]

    def request_part(self, tenant: Tenant[AvanserState], request_id: str, part: str) -> Any:
        """``GET /requests/{id}/<part>``: the body received (text), answered or sent;
        400 for an unknown request or a callback not sent."""
        assert part in PARTS
        with tenant.lock:
            state = tenant.state
            record = state.requests.get(str(state.selected), {}).get(request_id)
            if record is None:
                raise InvalidParameters({"request_id": "invalid request id"})
            if record[part] is None:
                raise InvalidParameters({"request_id": "no callback was sent for this "
                                                       "request"})
            return copy.deepcopy(record[part])


def render_request(record: dict) -> dict:
    """The documented List Requests entry of a stored request."""
    links = f"/requests/{record['id']}"
    return {"id": record["id"], "request_type": record["request_type"],
            "custom_id": record["custom_id"], "custom_group": record["custom_group"],
            "request_date": record["request_date"], "callback_date": record["callback_date"],
            "request_status": record["request_status"], "message": record["message"],
            "service_number": record["service_number"],
            "answer_point": record["answer_point"], "callback_url": record["callback_url"],
            "@links": {"request_body": f"{links}/request_body",
                       "acknowledgment_body": f"{links}/acknowledgment_body",
                       "callback_body": (f"{links}/callback_body"
                                         if record["callback_body"] is not None else None)},
            "@callback": dict(record["callback"])}
