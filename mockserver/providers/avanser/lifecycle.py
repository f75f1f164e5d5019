"""The asynchronous life of a service request (seed 002, Asynchronous Model, Callback-URI
functionality), as events on the mock clock. Part of the AVANSER backend (a mixin); no
Flask here.

``pending`` for the provisioning delay, then carried out: ``completed`` (the service is
created, updated or gone) or ``failed`` (a reserved number is released). With a callback
URL the request is ``pending_confirmation`` until the Callback Body has been POSTed: the
first attempt at completion, one retry ``retry_delay`` seconds after a failure;
``@callback.status`` is ``success`` (a 2xx), ``retry`` (first failure) or ``failed``
(second failure), and the request then shows its outcome.
"""
from __future__ import annotations

from datetime import datetime

from ...core.errors import BadRequest
from .errors import SLUG
from .inventory import Available
from .services import checked_service, merge, mergeable
from .state import AvanserState
from .transaction import local_time

COMPLETE = "request-complete"
CALLBACK = "request-callback"
COMPLETED = "Request completed successfully"
NOT_AVAILABLE = "Selected service number is not available"
NOT_ACTIVE = "Selected service is not active"
CONFIRMING = "Request is completed, waiting to send confirmation"


class Lifecycle:
    """Completion and callbacks of the AVANSER backend's requests."""

    provisioning_delay: float
    retry_delay: float

    def register_lifecycle(self) -> None:
        """Register the completion event and the callback result handler (once, at build)."""
        self.services.scheduler.register(SLUG, COMPLETE, self.complete_request)
        self.services.webhooks.register(SLUG, CALLBACK, self.callback_attempted)

    def schedule_completion(self, tenant_id: str, account: str, request_id: str) -> None:
        """Carry the request out after the provisioning delay, on the mock clock."""
        self.services.scheduler.schedule(SLUG, tenant_id, COMPLETE,
                                         {"account": account, "request_id": request_id},
                                         delay=self.provisioning_delay)

    def complete_request(self, tenant_id: str, payload: dict, at: datetime) -> None:
        """Scheduler handler: the provisioning delay has passed; carry the request out and
        send its callback."""
        tenant = self.store.peek(tenant_id)
        if tenant is None:
            return
        with tenant.lock:
            state = tenant.state
            record = state.requests.get(payload["account"], {}).get(payload["request_id"])
            if record is None or record["request_status"] != "pending":
                return
            ok, message = self._carry_out(state, payload["account"], record)
            record["outcome"], record["outcome_message"] = \
                ("completed" if ok else "failed"), message
            callback = None
            if record["callback_url"]:
                callback = {"account_id": int(payload["account"]), "request_id": record["id"],
                            "custom_id": record["custom_id"], "status": record["outcome"],
                            "message": message, "service_number": record["service_number"],
                            "answer_point": record["answer_point"]}
                record["callback_body"] = callback
                record["request_status"], record["message"] = "pending_confirmation", CONFIRMING
            else:
                record["request_status"], record["message"] = record["outcome"], message
        if callback is not None:
            self.services.webhooks.send(
                SLUG, tenant_id, method="POST", url=record["callback_url"],
                headers={"Content-Type": "application/json"}, json_body=callback,
                kind=CALLBACK, context=dict(payload), retry_delays=[self.retry_delay])

    def callback_attempted(self, tenant_id: str, context: dict, attempt: dict,
                           final: bool) -> None:
        """Webhook result handler: record ``@callback`` after each attempt; after the last,
        the request shows its outcome."""
        tenant = self.store.peek(tenant_id)
        if tenant is None:
            return
        with tenant.lock:
            record = tenant.state.requests.get(context["account"], {}).get(context["request_id"])
            if record is None:
                return
            now = local_time(self.clock.now())
            record["callback_date"] = record["callback_date"] or now
            record["callback"] = {"last_update": now,
                                  "status": ("success" if attempt["ok"]
                                             else "failed" if final else "retry"),
                                  "http_reply": attempt["status"] or 0}
            if final:
                record["request_status"] = record["outcome"]
                record["message"] = record["outcome_message"]

    # -- carrying requests out ---------------------------------------------------------------

    def _carry_out(self, state: AvanserState, account: str, record: dict) -> tuple[bool, str]:
        services = state.services.setdefault(account, {})
        plan = record["plan"]
        number = record["service_number"]
        now = local_time(self.clock.now())
        if record["request_type"] == "create":
            reserved = plan.get("reserved")
            if reserved is None:
                return False, NOT_AVAILABLE
            try:
                checked_service(state, account, mergeable(plan["service"]))
            except BadRequest as exc:
                self._release(state, reserved)
                return False, f"Service configuration is no longer valid ({exc.describe()})"
            services[number] = {**plan["service"], "created": now, "updated": now}
            return True, COMPLETED
        current = services.get(number)
        if current is None:
            return False, NOT_ACTIVE
        if record["request_type"] == "delete":
            del services[number]
            available = self.inventory.locate(number)
            if available is not None:
                self.release(state, available)
            return True, COMPLETED
        try:
            merged = checked_service(state, account, merge(mergeable(current),
                                                           plan["changes"]))
        except BadRequest as exc:
            return False, f"Requested changes are no longer valid ({exc.describe()})"
        current.update({key: merged.get(key) for key in ("name", "service", "call_uri",
                                                         "sms_forward_uri")})
        if "callback_uri" in plan:
            current["callback_uri"] = plan["callback_uri"]
        current["updated"] = now
        record["answer_point"] = current["service"].get("answer_point")
        return True, COMPLETED

    def _release(self, state: AvanserState, reserved: dict) -> None:
        block = self.inventory.blocks[reserved["block"]]
        self.release(state, Available(block, reserved["index"], block.nsn(reserved["index"])))
