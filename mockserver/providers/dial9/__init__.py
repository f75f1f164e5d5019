"""Dial 9 Connect Numbers API v2 (seed 003_ab1ee9f69e41c417.txt), a Moonrope API, mounted
at ``/dial9/api/v2/numbers/<action>`` and at ``/api/v2/numbers/<action>`` for Host
``connectapi.dial9.co.uk``."""
from __future__ import annotations

from flask import Blueprint

from ...core.provider import ProviderSpec, Services
from ...core.state import ProviderStore
from .catalog import Catalog
from .errors import render_error
from .models import SLUG, Dial9Backend
from .routes import build_blueprint
from .seed import Dial9Seeder
from .state import Dial9State


def build(services: Services) -> Blueprint:
    """Wire catalog, store, seeder and backend, and return the blueprint."""
    fixtures = services.fixtures(SLUG)
    seeder = Dial9Seeder(fixtures)
    store = services.state.add(ProviderStore(SLUG, seeder.build,
                                             from_json=Dial9State.from_json))
    backend = Dial9Backend(services, Catalog(services, fixtures), store)
    return build_blueprint(backend, seeder.credentials)


SPEC = ProviderSpec(
    slug=SLUG, name="Dial 9", hostnames=("connectapi.dial9.co.uk",), base_path="/api/v2",
    build=build, render_error=render_error,
    credentials_hint="X-Auth-Token: <any token> (each token is its own unit)")
