"""AVOXI Genius v2 routes (seed 000): parse, call the backend, render. Nothing else."""
from __future__ import annotations

import re

from flask import Blueprint, current_app, request

from ...core.auth import bearer_token
from ...core.body import read_json
from ...core.paging import limit_offset
from ...core.params import boolean, listed
from ...core.render import dumps, json_response
from ...core.wsgi import TENANT_KEY, identify
from .errors import InvalidParameter, InvalidToken
from .models import AvoxiBackend

API = "/api/v2"
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
#: endpoints the seed shows without an Authorization header
OPEN_ENDPOINTS = {"avoxi.destinations"}
#: what people write between digits (``470-203``, ``(470) 203``, ``470.203``): ``contains``
#: is "a string" in the seed, so these are ignored rather than refused
_SEPARATORS = re.compile(r"[\s().\-]")


def build_blueprint(backend: AvoxiBackend, known_tokens: list[str]) -> Blueprint:
    """The AVOXI blueprint over one backend."""
    bp = Blueprint("avoxi", __name__)
    policy = backend.services.policy(known_tokens)
    catalog = backend.catalog
    store = backend.store
    constant: dict = {}

    def cached(name: str, build) -> bytes:
        """The encoded bytes of a constant response, built on first use."""
        if name not in constant:
            constant[name] = dumps(build())
        return constant[name]

    @bp.before_request
    def authenticate() -> None:
        """Bearer auth for every endpoint but the open ones; the token is the tenant."""
        environ = request.environ
        header = environ.get("HTTP_AUTHORIZATION")
        token = bearer_token(header)
        if request.endpoint in OPEN_ENDPOINTS:
            return
        if token is None:
            raise InvalidToken("missing or malformed bearer token" if header
                               else "no Authorization: Bearer header")
        if not policy.admits(token):
            raise InvalidToken("the bearer token is not recognized")
        identify(environ, token)

    def tenant():
        """This request's tenant, seeded on first use."""
        return store.tenant(request.environ[TENANT_KEY])

    @bp.get(f"{API}/countries")
    def countries():
        """GET /countries."""
        return json_response(cached("countries", lambda: catalog.countries), raw=True)

    @bp.get(f"{API}/number_types")
    def number_types():
        """GET /number_types."""
        return json_response(cached("number_types", lambda: catalog.number_types), raw=True)

    @bp.get(f"{API}/document_types")
    def document_types():
        """GET /document_types."""
        return json_response(cached("document_types", lambda: catalog.document_types), raw=True)

    @bp.get(f"{API}/destinations/<country>/<number_type>", endpoint="destinations")
    def destinations(country: str, number_type: str):
        """GET /destinations/{country}/{number_type}."""
        country = catalog.country(country)
        return json_response({"data": catalog.destinations(
            country, catalog.sold_type(country, number_type))})

    @bp.get(f"{API}/regions/<country>")
    def regions(country: str):
        """GET /regions/{country}."""
        return json_response([{"id": r.id, "name": r.name}
                              for r in catalog.regions_of(catalog.country(country))])

    @bp.get(f"{API}/products/<country>")
    @bp.get(f"{API}/products/<country>/<number_type>")
    @bp.get(f"{API}/products/<country>/<number_type>/<region>")
    def products(country: str, number_type: str | None = None, region: str | None = None):
        """GET /products/{country}[/{number_type}[/{region}]]."""
        country = catalog.country(country)
        types = [catalog.sold_type(country, number_type)] if number_type else catalog.types_of(
            country)
        grouped = {}
        for kind in types:
            chosen = ([catalog.region(country, kind, region)] if region
                      else catalog.regions_of(country, kind))
            grouped[kind] = {r.id: [p.data for p in catalog.products_by_region[r.id]]
                             for r in chosen}
        return json_response({country: grouped})

    @bp.get(f"{API}/inventory/<country>")
    @bp.get(f"{API}/inventory/<country>/<number_type>")
    def inventory(country: str, number_type: str | None = None):
        """GET /inventory/{country}[/{number_type}] with the documented filters."""
        args = request.args
        limit, offset = limit_offset(args, default_limit=DEFAULT_LIMIT, max_limit=MAX_LIMIT)
        contains = (_SEPARATORS.sub("", args["contains"]).lstrip("+") or None
                    if "contains" in args else None)
        if contains is not None and not contains.isdigit():
            raise InvalidParameter("Invalid contains", f"contains {contains!r} must be digits",
                                   fields={"contains": "must be digits"})
        regions = backend.inventory_regions(
            country, number_type, region=args["region"] if "region" in args else None,
            sms_enabled=boolean(args, "sms_enabled"),
            exclude_all_documents_required=bool(boolean(args, "exclude_all_documents_required")),
            exclude_documents=listed(args, "exclude_documents", "exclude_documents[]"))
        return json_response(backend.inventory_page(tenant(), regions, limit=limit,
                                                    offset=offset, contains=contains), raw=True)

    @bp.post(f"{API}/order")
    def order():
        """POST /order."""
        return json_response({"data": backend.order(tenant(), read_json(request))})

    @bp.get(f"{API}/numbers")
    def numbers():
        """GET /numbers with its search parameters."""
        return json_response({"data": backend.list_numbers(tenant(), request.args)})

    @bp.get(f"{API}/extension/<extension>")
    def extension(extension: str):
        """GET /extension/{extension}."""
        return json_response(backend.extension(tenant(), extension))

    @bp.put(f"{API}/extension/<extension>")
    def set_extension(extension: str):
        """PUT /extension/{extension}: replaces every rule."""
        return json_response(backend.set_extension(tenant(), extension, read_json(request)))

    @bp.get(f"{API}/entitlements")
    def entitlements():
        """GET /entitlements."""
        if "endpoints" not in constant:
            constant["endpoints"] = documented_endpoints(current_app.url_map)
        return json_response(backend.entitlements(tenant(), constant["endpoints"]))

    return bp


def documented_endpoints(url_map) -> list[dict]:
    """Every AVOXI route of an app as ``{"url": "/numbers", "methods": [...]}``."""
    found: dict[str, set[str]] = {}
    for rule in url_map.iter_rules():
        if rule.endpoint.startswith("avoxi."):
            path = rule.rule.split(API, 1)[1].replace("<", "{").replace(">", "}")
            found.setdefault(path, set()).update(rule.methods - {"HEAD", "OPTIONS"})
    return [{"url": url, "methods": sorted(methods)} for url, methods in sorted(found.items())]
