"""The front page, at ``/`` and ``/_mock``: what this server mocks and how to steer it.

One content, two forms: a small self-contained HTML page for a browser, the same as JSON
for everything else. HTML is chosen only when the ``Accept`` header prefers ``text/html``
to ``application/json`` (a browser's ``text/html,...,*/*;q=0.8``); no ``Accept``, ``*/*``
(curl's) and any other type get JSON, so that scripts never receive markup and nothing is
refused with a 406. The page is rendered by a Jinja environment with autoescaping on, so
every value is escaped by markupsafe.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, request
from jinja2 import Environment, PackageLoader

from .. import __version__
from ..catalog import coverage
from ..core.provider import ProviderSpec, Services
from ..core.render import json_response
from ..core.wsgi import mount_of
from .common import refuse_unknown

PREFIX = "/_mock"
#: the control endpoints the page lists: (method, path, what it does)
CONTROL = (
    ("GET", "/_mock/health", "status, version and the providers mounted"),
    ("POST", "/_mock/reset", "back to the seed: everything, or one provider's or tenant's state"),
    ("GET", "/_mock/state", "a snapshot of the clock, every tenant's state and scheduled events"),
    ("PUT", "/_mock/state", "restore such a snapshot, all or nothing"),
    ("GET", "/_mock/clock", "the mock clock: now, and whether it is frozen"),
    ("POST", "/_mock/clock", "freeze, run free or advance the clock (due events run)"),
    ("GET", "/_mock/requests", "the journal of what the providers received and answered"),
    ("GET", "/_mock/requests/unmatched", "requests that reached no documented route"),
    ("GET", "/_mock/webhooks", "every webhook delivery attempt"),
    ("GET", "/_mock/faults", "the fault rules (POST adds one, DELETE clears them)"),
    ("ANY", "/_mock/inbox/<name>", "an inbox that keeps what it receives and answers it"),
    ("GET", "/_mock/inboxes", "the inboxes used, with their message counts"),
    ("GET", "/_mock/tenants", "every tenant seen, with how many of each resource it holds"),
    ("GET", "/_mock/scheduled", "the scheduled events that fall due next"),
    ("GET", "/_mock/ui", "the dashboard: journal, tenants, calls, clock and faults in a browser"),
)
#: the pages a reader most often wants next
LINKS = {"dashboard": "/_mock/ui", "journal": "/_mock/requests",
         "unmatched": "/_mock/requests/unmatched", "webhooks": "/_mock/webhooks",
         "faults": "/_mock/faults", "health": "/_mock/health", "clock": "/_mock/clock",
         "state": "/_mock/state"}

_TEMPLATES = Environment(loader=PackageLoader(__package__, "templates"), autoescape=True,
                         trim_blocks=True, lstrip_blocks=True)


def wants_html(accept: Any) -> bool:
    """True when an ``Accept`` header (werkzeug's ``MIMEAccept``) prefers HTML to JSON;
    a tie (``*/*``) or no header at all is JSON."""
    return accept.best_match(["application/json", "text/html"]) == "text/html"


def content(app: Any, services: Services, specs: dict[str, ProviderSpec]) -> dict:
    """What the front page shows: the providers (mount, real hostnames and URLs, coverage
    of the catalog, simulation endpoints), the control endpoints, the clock and links."""
    covered = coverage(app)
    simulations: dict[str, list[str]] = {slug: [] for slug in specs}
    for rule in app.url_map.iter_rules():
        slug = mount_of(rule.rule[len(PREFIX):], specs) \
            if rule.rule.startswith(PREFIX + "/") else None
        if slug is not None:
            methods = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
            simulations[slug].append(f"{'/'.join(methods)} {rule.rule}")
    return {
        "name": "telco-mockserver",
        "version": __version__,
        "providers": [{
            "slug": spec.slug, "name": spec.name, "mount": f"/{spec.slug}{spec.base_path}",
            "hostnames": list(spec.hostnames),
            "real_urls": [f"https://{host}{spec.base_path}" for host in spec.hostnames],
            "coverage": covered[spec.slug],
            "simulations": sorted(simulations[spec.slug]),
        } for spec in specs.values()],
        "control": [{"method": method, "path": path, "does": does}
                    for method, path, does in CONTROL],
        "clock": services.clock.describe(),
        "links": dict(LINKS),
    }


def register(bp: Blueprint, services: Services, specs: dict[str, ProviderSpec]) -> None:
    """Add the front page at the root of ``bp`` (``/`` of the blueprint: with the app's
    slash rule, both ``/_mock`` and ``/_mock/`` when mounted there)."""

    @bp.get("/")
    def front_page() -> Response:
        """GET /: the front page, HTML for a browser and JSON for everyone else."""
        refuse_unknown(request.args, ())
        data = content(current_app, services, specs)
        if wants_html(request.accept_mimetypes):
            page = _TEMPLATES.get_template("front.html").render(page=data)
            response = Response(page, mimetype="text/html")
        else:
            response = json_response(data)
        response.vary.add("Accept")
        return response


def root_blueprint(services: Services, specs: dict[str, ProviderSpec]) -> Blueprint:
    """A blueprint holding only the front page, for the app's ``/``."""
    bp = Blueprint("front", __name__)
    register(bp, services, specs)
    return bp
