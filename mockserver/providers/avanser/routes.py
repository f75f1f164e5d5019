"""AVANSER Telco API v1 routes (seed 002): parse, call the backend, render. Nothing else.

Routes are defined as ``/v1/...``: the app mounts the blueprint at ``/avanser``, and the
front door maps Host ``tapi-sandbox.avanser.com`` onto that mount.

Every route answers with and without a trailing slash, never redirecting: the seed writes
``/services/{service_number}/`` and the Transaction's ``path`` as ``/{resource}/?{parameters}``.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request

from ...core.body import media_type, raw_body
from ...core.render import JSON, json_response
from ...core.wsgi import TENANT_KEY, identify
from .directory import RESOURCES
from .errors import EXTENSION_KEY
from .models import AvanserBackend
from .service_requests import PARTS

API = "/v1"


def build_blueprint(backend: AvanserBackend) -> Blueprint:
    """The AVANSER blueprint over one backend."""
    bp = Blueprint("avanser", __name__)

    @bp.record_once
    def _register(setup) -> None:
        setup.app.extensions[EXTENSION_KEY] = backend

    @bp.before_request
    def authenticate() -> None:
        """Basic auth on every endpoint; the user is the tenant."""
        identify(request.environ, backend.authenticate(
            request.environ.get("HTTP_AUTHORIZATION")))

    def tenant():
        return backend.tenant(request.environ[TENANT_KEY])

    def reply(result: tuple[int | None, Any]) -> Response:
        """``{"@transaction", "response"}`` of a backend result."""
        account_id, response = result
        return json_response({"@transaction": backend.transaction_of(request.environ,
                                                                     account_id),
                              "response": response})

    @bp.get(f"{API}/accounts", strict_slashes=False)
    def list_accounts():
        """GET /accounts?type=configuration|billing."""
        return reply(backend.list_accounts(tenant(), request.args.get("type")))

    @bp.post(f"{API}/accounts", strict_slashes=False)
    def switch_account():
        """POST /accounts?account-id= (or account-id in a form body)."""
        account_id = request.args.get("account-id")
        if account_id is None and media_type(request) == "application/x-www-form-urlencoded":
            account_id = request.form.get("account-id")
        return reply(backend.switch_account(tenant(), account_id))

    def resource_view(resource: str):
        def view():
            return reply(backend.account_resource(tenant(), resource))
        view.__doc__ = f"GET /accounts/{resource} of the selected account."
        return view

    for resource in RESOURCES:
        bp.add_url_rule(f"{API}/accounts/{resource}", f"account_{resource}",
                        resource_view(resource), methods=["GET"], strict_slashes=False)

    @bp.get(f"{API}/numbers", strict_slashes=False)
    def search_numbers():
        """GET /numbers by location, coordinates, matching prefix, number type or SZU."""
        return reply(backend.search_numbers(tenant(), request.args))

    @bp.get(f"{API}/templates", strict_slashes=False)
    def templates():
        """GET /templates lists; with name or country it previews one."""
        if "name" in request.args or "country" in request.args:
            return reply(backend.preview_template(tenant(), request.args))
        return reply(backend.list_templates(tenant()))

    @bp.post(f"{API}/templates", strict_slashes=False)
    def save_template():
        """POST /templates?type=&name=&country= with a text/html body."""
        return reply(backend.save_template(tenant(), request.args, media_type(request),
                                           raw_body(request)))

    @bp.delete(f"{API}/templates", strict_slashes=False)
    def delete_template():
        """DELETE /templates?type=&name=&country=."""
        return reply(backend.delete_template(tenant(), request.args))

    def batch_reply(result: tuple[int | None, str | None, list]) -> Response:
        """``{"@transaction", "@next", "response"}`` (``@next`` only while more exist)."""
        account_id, next_link, items = result
        body: dict[str, Any] = {"@transaction": backend.transaction_of(request.environ,
                                                                       account_id)}
        if next_link is not None:
            body["@next"] = next_link
        body["response"] = items
        return json_response(body)

    @bp.get(f"{API}/requests", strict_slashes=False)
    @bp.get(f"{API}/requests/<page>", strict_slashes=False)
    def list_requests(page: str | None = None):
        """GET /requests and its next batches, /requests/2 ..."""
        return batch_reply(backend.list_requests(tenant(), page))

    @bp.post(f"{API}/requests", strict_slashes=False)
    def create_request():
        """POST /requests with an Inbound Request: the Acknowledgment Reply."""
        return json_response(backend.create_request(tenant(), media_type(request),
                                                    raw_body(request), request.environ))

    def part_view(part: str):
        def view(request_id: str):
            found = backend.request_part(tenant(), request_id, part)
            return (Response(found, mimetype=JSON) if isinstance(found, str)
                    else json_response(found))
        view.__doc__ = f"GET /requests/{{request_id}}/{part}: as received, answered or sent."
        return view

    for part in PARTS:
        bp.add_url_rule(f"{API}/requests/<request_id>/{part}", f"request_{part}",
                        part_view(part), methods=["GET"], strict_slashes=False)

    @bp.get(f"{API}/services", strict_slashes=False)
    @bp.get(f"{API}/services/<page>", strict_slashes=False)
    def list_services(page: str | None = None):
        """GET /services and its next batches, /services/2 ..."""
        return batch_reply(backend.list_services(tenant(), page))

    @bp.post(f"{API}/services/<service_number>", strict_slashes=False)
    def update_service(service_number: str):
        """POST /services/{service_number} with the changes: the Acknowledgment Reply."""
        return json_response(backend.request_update(tenant(), service_number,
                                                    media_type(request), raw_body(request),
                                                    request.environ))

    @bp.delete(f"{API}/services/<service_number>", strict_slashes=False)
    def decommission_service(service_number: str):
        """DELETE /services/{service_number}: the Acknowledgment Reply."""
        return json_response(backend.request_decommission(tenant(), service_number,
                                                          raw_body(request),
                                                          request.environ))

    return bp
