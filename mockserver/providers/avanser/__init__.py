"""AVANSER Telco API v1 (seed 002_c5f96eabcc7f1588.txt), mounted at ``/avanser/v1`` and at
``/v1`` for Host ``tapi-sandbox.avanser.com``.

Accounts (list, switch, billing resources), number search, templates, service requests
with their asynchronous life cycle and callbacks, services, and (at ``/_mock/avanser``)
simulated calls and SMS (docs/providers/avanser.md)."""
from __future__ import annotations

from flask import Blueprint

from ...core.provider import ProviderSpec, Services
from ...core.state import ProviderStore
from .control import build_control
from .directory import Directory
from .errors import SLUG, render_error
from .gazetteer import Gazetteer
from .inventory import Inventory
from .models import CALLBACK_RETRY_DELAY, PROVISIONING_DELAY, SEARCH_LIMIT, AvanserBackend
from .routes import build_blueprint
from .seed import AvanserSeeder
from .state import AvanserState

#: numbers in stock per SZU unless the config says otherwise
STOCK_PER_SZU = 200


def build(services: Services) -> Blueprint:
    """Wire directory, gazetteer, inventory, store, seeder and backend; leave the backend
    in ``services.backends`` for the simulations; return the blueprint."""
    fixtures = services.fixtures(SLUG)
    directory = Directory(fixtures)
    gazetteer = Gazetteer(fixtures)
    inventory = Inventory(fixtures, gazetteer, services.seed,
                          int(services.config.get("AVANSER_STOCK_PER_SZU") or STOCK_PER_SZU))
    seeder = AvanserSeeder(services, directory)
    store = services.state.add(ProviderStore(SLUG, seeder.build,
                                             personalise=seeder.personalise,
                                             from_json=AvanserState.from_json))
    backend = AvanserBackend(services, directory, gazetteer, inventory, store,
                             fixtures.load("call_tags.json"),
                             limit=int(services.config.get("AVANSER_SEARCH_LIMIT")
                                       or SEARCH_LIMIT),
                             report_templates=fixtures.load("report_templates.json"),
                             provisioning_delay=_seconds(services, "AVANSER_PROVISIONING_DELAY",
                                                         PROVISIONING_DELAY),
                             retry_delay=_seconds(services, "AVANSER_CALLBACK_RETRY_DELAY",
                                                  CALLBACK_RETRY_DELAY))
    services.backends[SLUG] = backend
    return build_blueprint(backend)


def _seconds(services: Services, key: str, default: float) -> float:
    value = services.config.get(key)
    return float(value) if value is not None else default


SPEC = ProviderSpec(
    slug=SLUG, name="AVANSER", hostnames=("tapi-sandbox.avanser.com",), base_path="/v1",
    build=build, render_error=render_error, build_control=build_control,
    credentials_hint="Authorization: Basic <user:password> (each user is its own tenant; "
                     "strict mode: fixtures/avanser/users.json)")
