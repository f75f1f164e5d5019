"""AVOXI Genius API v2 (seed 000_7fc162f5edaff4d5.txt), mounted at ``/avoxi/api/v2`` and at
``/api/v2`` for Host ``genius.avoxi.com``."""
from __future__ import annotations

from flask import Blueprint

from ...core.provider import ProviderSpec, Services
from ...core.state import ProviderStore
from .catalog import Catalog
from .errors import render_error
from .inventory import Inventory
from .models import AvoxiBackend
from .orders import SLUG
from .state import AvoxiState
from .routes import build_blueprint
from .seed import AvoxiSeeder

#: numbers in stock per region unless the config says otherwise
INVENTORY_PER_REGION = 300


def build(services: Services) -> Blueprint:
    """Wire catalog, inventory, store, seeder and backend, and return the blueprint."""
    catalog = Catalog(services.fixtures(SLUG))
    inventory = Inventory(catalog, int(services.config.get("AVOXI_INVENTORY_PER_REGION")
                                       or INVENTORY_PER_REGION), services.seed)
    seeder = AvoxiSeeder(services, catalog, inventory)
    store = services.state.add(ProviderStore(SLUG, seeder.build,
                                             personalise=seeder.personalise,
                                             from_json=AvoxiState.from_json))
    backend = AvoxiBackend(services, catalog, inventory, store)
    seeder.backend = backend
    return build_blueprint(backend, list(seeder.credentials))


SPEC = ProviderSpec(
    slug=SLUG, name="AVOXI", hostnames=("genius.avoxi.com",), base_path="/api/v2",
    build=build, render_error=render_error,
    credentials_hint="Authorization: Bearer <any token> (each token is its own tenant)")
