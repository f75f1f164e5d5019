"""The control API under ``/_mock``: plain JSON, errors as ``{"error": "..."}``.

It is how a test or a developer steers the mock: health, reset, state export and import,
the clock, and the journal of what the providers received.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, request

from ..core.body import read_json
from ..core.errors import BadRequest
from ..core.provider import ProviderSpec, Services
from ..core.render import json_response


def build_blueprint(services: Services, specs: dict[str, ProviderSpec]) -> Blueprint:
    """The ``/_mock`` blueprint over an app's services."""
    bp = Blueprint("control", __name__)
    clock, scheduler, state, journal, webhooks = (
        services.clock, services.scheduler, services.state, services.journal,
        services.webhooks)

    def options() -> dict[str, Any]:
        """The request's options: query parameters, overridden by a JSON object body."""
        body = read_json(request, required=False) or {}
        if not isinstance(body, dict):
            raise BadRequest("expected a JSON object", details="expected a JSON object")
        merged = dict(request.args.items())
        merged.update(body)
        return merged

    @bp.get("/health")
    def health():
        """GET /_mock/health."""
        return json_response({"status": "ok", "providers": list(specs)})

    @bp.post("/reset")
    def reset():
        """POST /_mock/reset: everything, or one provider's and/or tenant's state."""
        opts = options()
        provider, tenant = opts.get("provider"), opts.get("tenant")
        if provider is not None and provider not in specs:
            raise BadRequest(details=f"unknown provider {provider!r}; known: {', '.join(specs)}")
        if tenant is not None and not isinstance(tenant, str):
            raise BadRequest(details="tenant must be a string")
        dropped = state.reset(provider, tenant)
        cancelled = scheduler.cancel(provider, tenant)
        if provider is None and tenant is None:
            journal.clear()
            webhooks.clear()
            clock.reset()
        return json_response({"reset": {"provider": provider, "tenant": tenant},
                              "tenants_dropped": dropped, "events_cancelled": cancelled})

    @bp.get("/state")
    def export_state():
        """GET /_mock/state: a snapshot of clock, tenants and scheduled events."""
        return json_response({"clock": clock.describe(), "providers": state.export(),
                              "scheduled": scheduler.export()})

    @bp.put("/state")
    def import_state():
        """PUT /_mock/state: replace state with a snapshot, all or nothing."""
        body = read_json(request)
        if not isinstance(body, dict) or not isinstance(body.get("providers", {}), dict):
            raise BadRequest(details="expected {\"providers\": {...}, \"scheduled\": [...]}")
        try:
            state.load(body.get("providers", {}))
            if "scheduled" in body:
                scheduler.load(body["scheduled"])
        except KeyError as exc:
            raise BadRequest(details=f"unknown provider {exc.args[0]}") from None
        except (ValueError, TypeError) as exc:
            raise BadRequest(details=str(exc)) from None
        return json_response({"imported": {slug: len(data.get("tenants", {}))
                                           for slug, data in body.get("providers", {}).items()}})

    @bp.get("/clock")
    def get_clock():
        """GET /_mock/clock."""
        return json_response(clock.describe())

    @bp.post("/clock")
    def set_clock():
        """POST /_mock/clock: freeze, run free and/or advance (running due events)."""
        opts = options()
        advance = opts.get("advance")
        if advance is not None and (isinstance(advance, bool) or not isinstance(
                advance, (int, float, str))):
            raise BadRequest(details="advance must be a number of seconds")
        try:
            seconds = float(advance) if advance is not None else None
        except ValueError:
            raise BadRequest(details="advance must be a number of seconds") from None
        if seconds is not None and seconds < 0:
            raise BadRequest(details="advance must not be negative: the clock only moves on")
        if "freeze" in opts:
            freeze = opts["freeze"]
            try:
                clock.run_free() if freeze is None else clock.freeze(freeze)
            except (ValueError, TypeError):
                raise BadRequest(details=f"freeze must be an ISO-8601 time or null, "
                                         f"got {freeze!r}") from None
        ran = scheduler.advance(seconds) if seconds else scheduler.run_due()
        return json_response({**clock.describe(), "events_run": ran})

    @bp.get("/requests")
    def requests_journal():
        """GET /_mock/requests: the journal, optionally filtered."""
        limit = request.args.get("limit", type=int)
        return json_response({"requests": journal.entries(
            request.args.get("provider"), request.args.get("tenant"), limit)})

    @bp.get("/webhooks")
    def webhook_attempts():
        """GET /_mock/webhooks: every delivery attempt (``?wait=1`` first lets queued and
        in-flight deliveries finish, up to ``timeout`` seconds, default 10)."""
        if request.args.get("wait", "").lower() in ("1", "true", "yes"):
            try:
                timeout = float(request.args.get("timeout", "10"))
            except ValueError:
                raise BadRequest(details="timeout must be a number of seconds") from None
            webhooks.wait_idle(min(max(timeout, 0.0), 60.0))
        return json_response({"webhooks": webhooks.attempts(
            request.args.get("provider"), request.args.get("tenant"))})

    @bp.delete("/webhooks")
    def clear_webhooks():
        """DELETE /_mock/webhooks."""
        return json_response({"deleted": webhooks.clear()})

    @bp.delete("/requests")
    def clear_requests():
        """DELETE /_mock/requests."""
        return json_response({"deleted": journal.clear()})

    return bp
