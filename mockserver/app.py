"""The application factory: config, state, clock, scheduler, providers, control API.

What the app answers is always the answer of a provider (or of the control API), never
Flask's or werkzeug's own: no redirects (slashes are neither merged nor added: a path is
routed as sent, and one that matches no rule is the provider's 404; only leading slashes
are one, as werkzeug reads them), no automatic ``OPTIONS`` (an ``OPTIONS`` is a 405 with
``Allow``, or what the provider's ``render_error`` makes of it), ``HEAD`` is the ``GET``
without its body, and every error, a bug included, goes through one handler to the
provider's ``render_error``. A bug is logged with its traceback; the client gets the
provider's 500 without a word of Python.
"""
from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from .config import check_config
from .core.clock import MockClock
from .core.errors import InternalError, ProviderError, from_http
from .core.faults import FaultRules
from .core.fixtures import check as check_fixtures
from .core.inbox import PREFIX as INBOX_PREFIX
from .core.inbox import Inboxes
from .core.journal import Journal
from .core.provider import ProviderSpec, Services
from .core.render import json_response, safe_headers
from .core.routing import CachedMap, LazyBuildRule
from .core.scheduler import Scheduler
from .core.state import StateRegistry
from .core.webhooks import WebhookDispatcher
from .core.wsgi import FAULT_KEY, ROUTE_KEY, FrontDoor, mount_of
from .providers import available

log = logging.getLogger("mockserver")

DEFAULTS: dict[str, Any] = {
    "SEED": 1,
    "AUTH_MODE": "lenient",
    "FIXTURES_DIR": None,
    "PROVIDERS": None,            # None: every provider
    "JOURNAL_SIZE": 1000,
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    "WEBHOOK_TIMEOUT": 5.0,       # seconds a client's URL gets to answer a delivery
    "INBOX_SIZE": 1000,           # messages each /_mock/inbox/<name> keeps
}
CONTROL_PREFIX = "/_mock"


class MockFlask(Flask):
    """Flask with the mock's route classes: rules whose URL builders compile on first use,
    matched through a map that remembers each path's match (core/routing.py)."""

    url_rule_class = LazyBuildRule
    url_map_class = CachedMap


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build a fresh mock server: its own state, clock, journal and providers. ``config``
    overrides ``DEFAULTS`` and the providers' own keys (``mockserver.config``); an unknown
    key, a value of the wrong type or a fixtures file that does not parse is a
    ``ValueError`` naming it."""
    check_config(config or {})             # an unknown key or a wrong type: ValueError
    app = MockFlask("mockserver", static_folder=None)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    if app.config["FIXTURES_DIR"]:          # every file parses, or a ValueError naming it
        try:
            check_fixtures(app.config["FIXTURES_DIR"])
        except ValueError as exc:
            raise ValueError(f"FIXTURES_DIR: {exc}") from None
    app.config["PROVIDE_AUTOMATIC_OPTIONS"] = False
    app.json.sort_keys = False
    # set before any rule is added: rules take these from the map when they are bound
    app.url_map.merge_slashes = False
    app.url_map.redirect_defaults = False
    specs = _selected(app.config["PROVIDERS"])
    clock = MockClock()
    scheduler = Scheduler(clock)
    webhooks = WebhookDispatcher(clock, scheduler, timeout=float(app.config["WEBHOOK_TIMEOUT"]))
    scheduler.settle = lambda: webhooks.wait_idle(float(app.config["WEBHOOK_TIMEOUT"]) + 5)
    services = Services(config=app.config, clock=clock, scheduler=scheduler,
                        state=StateRegistry(), journal=Journal(app.config["JOURNAL_SIZE"]),
                        webhooks=webhooks, inboxes=Inboxes(clock.now, app.config["INBOX_SIZE"]))
    services.faults = FaultRules(services.rng("faults"), specs)
    webhooks.local = (INBOX_PREFIX, services.inboxes.receive)
    app.extensions["mockserver"] = services
    app.extensions["mockserver.providers"] = specs
    for spec in specs.values():
        app.register_blueprint(spec.build(services), url_prefix=f"/{spec.slug}")
        if spec.build_control is not None:
            app.register_blueprint(spec.build_control(services),
                                   url_prefix=f"{CONTROL_PREFIX}/{spec.slug}")
    from .control import build_blueprint, front
    app.register_blueprint(build_blueprint(services, specs), url_prefix=CONTROL_PREFIX)
    app.register_blueprint(front.root_blueprint(services, specs))   # the front page at /
    _no_slash_redirects(app)
    _install_error_handler(app, specs)
    _install_request_hooks(app)
    app.wsgi_app = FrontDoor(
        app.wsgi_app, mounts={host: f"/{spec.slug}" for spec in specs.values()
                              for host in spec.hostnames},
        slugs=set(specs), control_prefix=CONTROL_PREFIX, journal=services.journal,
        now=clock.now, run_due=services.scheduler.run_due,
        max_body=app.config["MAX_CONTENT_LENGTH"], faults=services.faults)
    return app


def services_of(app: Flask) -> Services:
    """The shared machinery of an app built by create_app."""
    return app.extensions["mockserver"]


def _selected(names: Any) -> dict[str, ProviderSpec]:
    specs = available()
    if not names:
        return specs
    wanted = [n.strip() for n in (names.split(",") if isinstance(names, str) else names)]
    unknown = [n for n in wanted if n not in specs]
    if unknown:
        raise ValueError(f"unknown provider(s): {', '.join(unknown)}; "
                         f"known: {', '.join(specs)}")
    return {n: specs[n] for n in wanted}


def _no_slash_redirects(app: Flask) -> None:
    """A rule written with a trailing slash also serves the path without it, where werkzeug
    would redirect; a rule without one still refuses a trailing slash (404)."""
    for rule in app.url_map.iter_rules():
        if rule.rule.endswith("/"):
            rule.strict_slashes = False


def _install_request_hooks(app: Flask) -> None:
    """Before any provider code: note the route that matched (for the journal), and raise
    an injected fault's error so that the provider's renderer answers it."""
    @app.before_request
    def _before() -> None:
        environ = request.environ
        rule = request.url_rule
        environ[ROUTE_KEY] = rule.rule if rule is not None else None
        fault = environ.get(FAULT_KEY)
        if fault is not None:
            raise fault


def _install_error_handler(app: Flask, specs: dict[str, ProviderSpec]) -> None:
    @app.errorhandler(Exception)
    def _error(exc: Exception) -> Response:
        if isinstance(exc, ProviderError):
            err = exc
        elif isinstance(exc, HTTPException):
            err = from_http(exc)
            if err.status in (404, 405):
                err.details = (f"{request.method} {request.path} is not an endpoint"
                               if err.status == 404 else
                               f"{request.method} is not allowed on {request.path}")
        else:
            log.exception("unhandled error on %s %s", request.method, request.path)
            err = InternalError()
        return _render(err, _provider_of(request.path, specs), specs)


def _render(err: ProviderError, slug: str | None, specs: dict[str, ProviderSpec]) -> Response:
    """``err`` in the envelope of ``slug`` (the control API's when None), its headers
    sanitised. Should the provider's renderer itself fail, its 500 instead (logged), and
    failing that a bare JSON 500: never Flask's HTML page."""
    try:
        if slug is not None:
            response = specs[slug].render_error(err)
        else:
            response = json_response({"error": err.describe()}, err.status)
        response.headers.update(safe_headers(err.headers))
        return response
    except Exception:
        log.exception("rendering %s %s failed", type(err).__name__, err.status)
    try:
        if slug is not None:
            return specs[slug].render_error(InternalError())
    except Exception:
        log.exception("rendering the 500 failed too")
    return json_response({"error": InternalError.default_message}, 500)


def _provider_of(path: str, specs: dict[str, ProviderSpec]) -> str | None:
    return mount_of(path, specs)
