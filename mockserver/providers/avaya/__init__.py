"""Avaya Communications APIs, formerly Zang (seed 004_0bee4f3fb019fb3f.txt), mounted at
``/avaya/v2/Accounts/{AccountSid}...`` and at ``/v2/...`` for Hosts ``api.zang.io``,
``api.cpaas.avayacloud.com`` and ``api-us``, ``api-eu``, ``api-sg.cpaas.avayacloud.com``.

XML by default, ``.json`` and ``.csv`` on request; RestException errors; Page/PageSize
paging; Basic ``AccountSid:AuthToken``, each AccountSid its own tenant
(docs/providers/avaya.md).
"""
from __future__ import annotations

from flask import Blueprint

from ...core.provider import ProviderSpec, Services
from ...core.state import ProviderStore
from .accounts import Directory
from .control import build_control
from .errors import SLUG, render_error
from .models import AvayaBackend
from .routes import build_blueprint
from .seed import AvayaSeeder
from .state import AvayaState

HOSTNAMES = ("api.zang.io", "api.cpaas.avayacloud.com", "api-us.cpaas.avayacloud.com",
             "api-eu.cpaas.avayacloud.com", "api-sg.cpaas.avayacloud.com")


def build(services: Services) -> Blueprint:
    """Wire directory, store, seeder and backend; leave the backend in
    ``services.backends`` for the simulations; return the blueprint."""
    fixtures = services.fixtures(SLUG)
    directory = Directory(fixtures)
    seeder = AvayaSeeder(services, directory)
    store = services.state.add(ProviderStore(SLUG, seeder.build,
                                             personalise=seeder.personalise,
                                             from_json=AvayaState.from_json))
    backend = AvayaBackend(services, directory, store, fixtures=fixtures)
    services.backends[SLUG] = backend
    return build_blueprint(backend)


SPEC = ProviderSpec(
    slug=SLUG, name="Avaya Communications APIs", hostnames=HOSTNAMES, base_path="/v2",
    build=build, render_error=render_error, build_control=build_control,
    credentials_hint="Authorization: Basic <AccountSid:AuthToken> (each AccountSid is its "
                     "own tenant; strict mode: fixtures/avaya/accounts.json)")
