"""Verification: what the providers received (``/_mock/requests``) and what the mock's
webhooks sent (``/_mock/webhooks``), filtered the way a test asks for them."""
from __future__ import annotations

from flask import Blueprint, request

from ..core.journal import FILTERS, Journal
from ..core.render import json_response
from ..core.webhooks import ATTEMPT_FILTERS, WebhookDispatcher
from .common import flag, limit, refuse_unknown, seconds


def _journal_filters(extra: tuple[str, ...] = ()) -> dict:
    refuse_unknown(request.args, FILTERS + extra)
    return {key: value for key, value in request.args.items() if key in FILTERS}


def register(bp: Blueprint, journal: Journal, webhooks: WebhookDispatcher) -> None:
    """Add the journal and webhook-record endpoints to the control blueprint."""

    @bp.get("/requests")
    def requests_journal():
        """GET /_mock/requests: the journal, filtered (see ``Journal.select``)."""
        filters = _journal_filters(("limit",))
        return json_response({"requests": journal.entries(limit=limit(), **filters)})

    @bp.get("/requests/count")
    def requests_count():
        """GET /_mock/requests/count: ``{"count": N}`` for the same filters."""
        return json_response({"count": journal.count(**_journal_filters())})

    @bp.get("/requests/unmatched")
    def requests_unmatched():
        """GET /_mock/requests/unmatched: requests that reached no documented route."""
        filters = _journal_filters(("limit",))
        filters["unmatched"] = True
        return json_response({"requests": journal.entries(limit=limit(), **filters)})

    @bp.delete("/requests")
    def clear_requests():
        """DELETE /_mock/requests."""
        refuse_unknown(request.args, ())
        return json_response({"deleted": journal.clear()})

    @bp.get("/webhooks")
    def webhook_attempts():
        """GET /_mock/webhooks: every delivery attempt, filtered (``?wait=1`` first lets
        queued and in-flight deliveries finish, up to ``timeout`` seconds, default 10)."""
        refuse_unknown(request.args, ATTEMPT_FILTERS + ("wait", "timeout"))
        if flag("wait", request.args.get("wait", "0")):
            webhooks.wait_idle(seconds("timeout", request.args.get("timeout", "10"),
                                       high=60.0))
        filters = {key: value for key, value in request.args.items()
                   if key in ATTEMPT_FILTERS}
        return json_response({"webhooks": webhooks.attempts(**filters)})

    @bp.delete("/webhooks")
    def clear_webhooks():
        """DELETE /_mock/webhooks."""
        refuse_unknown(request.args, ())
        return json_response({"deleted": webhooks.clear()})
