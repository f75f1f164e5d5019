"""The control API under ``/_mock``: plain JSON, errors as ``{"error": "..."}`` naming the
field at fault; an option an endpoint does not take is a 400, and a refused request
changes nothing.

It is how a test or a developer steers the mock: health, reset, state export and import,
the clock (here); fault rules (``faults``); the journal of what the providers received and
the record of what webhooks sent (``verification``); the inboxes (``inbox``); read-only
views of the tenants, the scheduled events and the inboxes in use (``views``); and the
dashboard at ``/_mock/ui`` that shows all of it in a browser (``ui``).
"""
from __future__ import annotations

from flask import Blueprint, request

from .. import __version__
from ..core import snapshot
from ..core.body import read_json
from ..core.errors import BadRequest
from ..core.provider import ProviderSpec, Services
from ..core.render import json_response
from . import faults as fault_routes
from . import front
from . import inbox as inbox_routes
from . import ui, verification, views
from .common import known_provider, options, refuse_unknown, seconds

#: what PUT /_mock/state takes: a snapshot is as large as the state it saved (6 MB after the
#: contract suite), far above the 1 MiB the providers' endpoints take
SNAPSHOT_MAX_LENGTH = 1024 ** 3


def build_blueprint(services: Services, specs: dict[str, ProviderSpec]) -> Blueprint:
    """The ``/_mock`` blueprint over an app's services."""
    bp = Blueprint("control", __name__)
    clock, scheduler, state = services.clock, services.scheduler, services.state

    @bp.get("/health")
    def health():
        """GET /_mock/health."""
        refuse_unknown(request.args, ())
        return json_response({"status": "ok", "version": __version__,
                              "providers": list(specs)})

    @bp.post("/reset")
    def reset():
        """POST /_mock/reset: everything, or one provider's and/or tenant's state."""
        opts = options(("provider", "tenant"))
        provider, tenant = opts.get("provider"), opts.get("tenant")
        known_provider(provider, specs)
        if tenant is not None and not isinstance(tenant, str):
            raise BadRequest(fields={"tenant": "must be a string"})
        dropped = state.reset(provider, tenant)
        cancelled = scheduler.cancel(provider, tenant)
        if provider is None and tenant is None:
            services.journal.clear()
            services.webhooks.clear()
            services.faults.clear()
            services.inboxes.clear()
            clock.reset()
        return json_response({"reset": {"provider": provider, "tenant": tenant},
                              "tenants_dropped": dropped, "events_cancelled": cancelled})

    @bp.get("/state")
    def export_state():
        """GET /_mock/state: a snapshot (``core.snapshot``): format version, clock, tenants
        and scheduled events."""
        refuse_unknown(request.args, ())
        return json_response(snapshot.export(services))

    @bp.put("/state")
    def import_state():
        """PUT /_mock/state: replace state with a snapshot, all or nothing; what is not one
        is a 400 naming the field. A snapshot is as large as what ``GET /_mock/state``
        answered: the request-size limit of the providers' endpoints does not apply."""
        refuse_unknown(request.args, ())
        request.max_content_length = SNAPSHOT_MAX_LENGTH
        try:
            imported = snapshot.load(services, read_json(request))
        except snapshot.SnapshotError as exc:
            raise BadRequest(fields={exc.field: exc.problem}) from None
        return json_response({"imported": imported})

    @bp.get("/clock")
    def get_clock():
        """GET /_mock/clock."""
        refuse_unknown(request.args, ())
        return json_response(clock.describe())

    @bp.post("/clock")
    def set_clock():
        """POST /_mock/clock: freeze, run free and/or advance (running due events)."""
        opts = options(("freeze", "advance"))
        advance = opts.get("advance")
        seconds_on = seconds("advance", advance) if advance is not None else None
        if "freeze" in opts:
            freeze = opts["freeze"]
            try:
                clock.run_free() if freeze is None else clock.freeze(freeze)
            except (ValueError, TypeError):
                raise BadRequest(fields={"freeze": f"must be an ISO-8601 time or null, "
                                                   f"not {freeze!r}"}) from None
        ran = scheduler.advance(seconds_on) if seconds_on else scheduler.run_due()
        return json_response({**clock.describe(), "events_run": ran})

    fault_routes.register(bp, services.faults)
    verification.register(bp, services.journal, services.webhooks)
    inbox_routes.register(bp, services.inboxes)
    front.register(bp, services, specs)
    views.register(bp, services, specs)
    ui.register(bp)
    return bp
