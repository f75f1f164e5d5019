"""The dashboard at ``/_mock/ui``: one static page (``ui/index.html``), its stylesheet and
its script, shipped in the package. No build step, no CDN, no template: the page reads
everything it shows from the control API with ``fetch``, so it works offline and in the
Docker image, and anything it shows is available as JSON too.
"""
from __future__ import annotations

from importlib.resources import files

from flask import Blueprint, Response, request

from ..core.errors import NotFound
from .common import refuse_unknown

#: the files served, with their content types; anything else under /_mock/ui is a 404
ASSETS = {
    "index.html": "text/html; charset=utf-8",
    "dashboard.css": "text/css; charset=utf-8",
    "dashboard.js": "text/javascript; charset=utf-8",
}
#: the page may load only its own files and talk only to its own origin
POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def asset(name: str) -> Response:
    """One of the dashboard's files, read from the package, with its content type, no
    caching (the page changes with the installed version) and a content security policy
    that forbids anything not from the mock itself."""
    if name not in ASSETS:
        raise NotFound(f"no dashboard file {name!r}; the files are {', '.join(ASSETS)}")
    body = files(__package__).joinpath("ui", name).read_bytes()
    response = Response(body, content_type=ASSETS[name])
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = POLICY
    return response


def register(bp: Blueprint) -> None:
    """Add ``/ui``, ``/ui/`` (the page) and ``/ui/<file>`` (its assets) to the control
    blueprint."""

    @bp.get("/ui")
    @bp.get("/ui/")
    def dashboard() -> Response:
        """GET /_mock/ui: the dashboard page."""
        refuse_unknown(request.args, ())
        return asset("index.html")

    @bp.get("/ui/<path:name>")
    def dashboard_file(name: str) -> Response:
        """GET /_mock/ui/<file>: the page's stylesheet and script (404 JSON otherwise)."""
        return asset(name)
