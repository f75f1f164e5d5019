"""The application factory: config, state, clock, scheduler, providers, control API."""
from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from .core.clock import MockClock
from .core.errors import InternalError, ProviderError, from_http
from .core.journal import Journal
from .core.provider import ProviderSpec, Services
from .core.render import json_response
from .core.scheduler import Scheduler
from .core.state import StateRegistry
from .core.webhooks import WebhookDispatcher
from .core.wsgi import FrontDoor
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
}
CONTROL_PREFIX = "/_mock"


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build a fresh mock server: its own state, clock, journal and providers."""
    app = Flask("mockserver")
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    app.json.sort_keys = False
    specs = _selected(app.config["PROVIDERS"])
    clock = MockClock()
    scheduler = Scheduler(clock)
    webhooks = WebhookDispatcher(clock, scheduler, timeout=float(app.config["WEBHOOK_TIMEOUT"]))
    scheduler.settle = lambda: webhooks.wait_idle(float(app.config["WEBHOOK_TIMEOUT"]) + 5)
    services = Services(config=app.config, clock=clock, scheduler=scheduler,
                        state=StateRegistry(), journal=Journal(app.config["JOURNAL_SIZE"]),
                        webhooks=webhooks)
    app.extensions["mockserver"] = services
    app.extensions["mockserver.providers"] = specs
    for spec in specs.values():
        app.register_blueprint(spec.build(services), url_prefix=f"/{spec.slug}")
        if spec.build_control is not None:
            app.register_blueprint(spec.build_control(services),
                                   url_prefix=f"{CONTROL_PREFIX}/{spec.slug}")
    from .control import build_blueprint
    app.register_blueprint(build_blueprint(services, specs), url_prefix=CONTROL_PREFIX)
    _install_error_handler(app, specs)
    app.wsgi_app = FrontDoor(
        app.wsgi_app, mounts={host: f"/{spec.slug}" for spec in specs.values()
                              for host in spec.hostnames},
        slugs=set(specs), control_prefix=CONTROL_PREFIX, journal=services.journal,
        now=clock.now, run_due=services.scheduler.run_due,
        max_body=app.config["MAX_CONTENT_LENGTH"])
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
            err = InternalError(details=f"{type(exc).__name__}: {exc}")
        slug = _provider_of(request.path, specs)
        if slug is not None:
            response = specs[slug].render_error(err)
        else:
            response = json_response({"error": err.describe()}, err.status)
        response.headers.update(err.headers)
        return response


def _provider_of(path: str, specs: dict[str, ProviderSpec]) -> str | None:
    slug = path.split("/", 2)[1] if path.count("/") >= 1 else ""
    return slug if slug in specs else None
