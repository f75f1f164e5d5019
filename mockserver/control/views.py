"""Read-only views of what the mock holds, for the dashboard (``/_mock/ui``) and for anyone
who would rather ask than export everything: the tenants seen (with how many of each
resource they hold), one tenant's state, the scheduled events that fall due next, and the
inboxes in use. Each is plain JSON; an option an endpoint does not take is a 400.
"""
from __future__ import annotations

from flask import Blueprint, request

from ..core.errors import NotFound
from ..core.provider import ProviderSpec, Services
from ..core.render import json_response
from .common import known_provider, limit, refuse_unknown

#: scheduled events answered at most, when ``limit`` is not given
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000


def register(bp: Blueprint, services: Services, specs: dict[str, ProviderSpec]) -> None:
    """Add ``/tenants``, ``/tenants/<provider>/<tenant>``, ``/scheduled`` and
    ``/inboxes`` to the control blueprint."""
    stores = services.state.stores

    @bp.get("/tenants")
    def tenants():
        """GET /_mock/tenants[?provider=]: every tenant seen, with the size of each of its
        resource collections (``{"numbers": 3, "orders": 1}``)."""
        refuse_unknown(request.args, ("provider",))
        wanted = known_provider(request.args.get("provider"), stores)
        found = []
        for slug, store in stores.items():
            if wanted is not None and slug != wanted:
                continue
            for tenant_id, sizes in sorted(store.sizes().items()):
                found.append({"provider": slug, "tenant": tenant_id, "resources": sizes})
        return json_response({"tenants": found})

    @bp.get("/tenants/<provider>/<path:tenant>")
    def tenant_state(provider: str, tenant: str):
        """GET /_mock/tenants/<provider>/<tenant>: that tenant's state, as in a snapshot;
        404 for a provider or tenant the mock has not seen (looking seeds nothing)."""
        refuse_unknown(request.args, ())
        store = stores.get(provider)
        state = store.export_tenant(tenant) if store is not None else None
        if state is None:
            raise NotFound(f"no tenant {tenant!r} of provider {provider!r}")
        return json_response({"provider": provider, "tenant": tenant, "state": state})

    @bp.get("/scheduled")
    def scheduled():
        """GET /_mock/scheduled[?provider=&tenant=&limit=50]: the events not yet run,
        earliest first, with the mock clock's time."""
        refuse_unknown(request.args, ("provider", "tenant", "limit"))
        provider = known_provider(request.args.get("provider"), stores)
        most = limit(DEFAULT_LIMIT, MAX_LIMIT)
        events = services.scheduler.pending(provider, request.args.get("tenant"))
        return json_response({"now": services.clock.describe()["now"], "total": len(events),
                              "events": [event.to_json() for event in events[:most]]})

    @bp.get("/inboxes")
    def inboxes():
        """GET /_mock/inboxes: every inbox used, its message count and last arrival."""
        refuse_unknown(request.args, ())
        return json_response({"inboxes": services.inboxes.summary()})

