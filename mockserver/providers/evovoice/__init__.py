"""Evo Voice BuyPhoneNumber (seed 001_983e0faaec7e2888.txt), a ServiceStack service,
mounted at ``/evovoice`` and at the documented paths for Host ``evovoice.io``."""
from __future__ import annotations

from flask import Blueprint

from ...core.provider import ProviderSpec, Services
from ...core.state import ProviderStore
from .auth import SLUG, Identities
from .directory import Directory
from .errors import render_error
from .models import EvoBackend
from .routes import build_blueprint
from .state import EvoState


def personalise(state: EvoState, tenant: str) -> None:
    """A tenant's fresh state knows its own name (its ids derive from it)."""
    state.tenant = tenant


def build(services: Services) -> Blueprint:
    """Wire the directory, identities, store and backend, and return the blueprint."""
    directory = Directory.load(services.fixtures(SLUG))
    store = services.state.add(ProviderStore(SLUG, EvoState, personalise=personalise,
                                             from_json=EvoState.from_json))
    backend = EvoBackend(services, directory, store, Identities(services, directory))
    return build_blueprint(backend)


SPEC = ProviderSpec(
    slug=SLUG, name="Evo Voice", hostnames=("evovoice.io",), base_path="",
    build=build, render_error=render_error,
    credentials_hint="HTTP Basic (any user in lenient mode is a Customer), an API key as "
                     "Bearer, or a session from POST /auth/credentials")
