"""Dial 9 numbers routes (seed 003): authenticate, read the parameters, call the backend,
wrap the result in Moonrope's envelope. Nothing else."""
from __future__ import annotations

from flask import Blueprint, request

from ...core.auth import STRICT, header_token
from ...core.render import json_response
from ...core.wsgi import TENANT_KEY, identify
from .errors import AccessDenied, envelope
from .models import Dial9Backend
from .params import elapsed, read_params

API = "/api/v2/numbers"
#: action -> backend method; every action answers GET and POST
ACTIONS = {
    "list": "list_numbers",
    "info": "info",
    "save": "save",
    "available_prefixes": "available_prefixes",
    "acquirable_numbers": "acquirable_numbers",
    "acquire": "acquire",
    "update_subscriber": "update_subscriber",
    "delete": "delete",
    "available_access_numbers": "access_numbers",
}


def build_blueprint(backend: Dial9Backend, known: dict[str, str | None]) -> Blueprint:
    """The Dial 9 blueprint over one backend; ``known`` maps tokens to secrets."""
    bp = Blueprint("dial9", __name__)
    policy = backend.services.policy(list(known))

    @bp.before_request
    def authenticate() -> None:
        """X-Auth-Token names the unit (X-Auth-Secret, when sent, must match in strict
        mode); otherwise access-denied."""
        environ = request.environ
        if request.method == "OPTIONS":
            return
        token = header_token(environ.get("HTTP_X_AUTH_TOKEN"))
        if token is None:
            raise AccessDenied("An X-Auth-Token header is required to access this API")
        secret = header_token(environ.get("HTTP_X_AUTH_SECRET"))
        if not policy.admits(token) or (
                policy.mode == STRICT and secret is not None
                and known.get(token) is not None and secret != known[token]):
            raise AccessDenied("The X-Auth-Token (or X-Auth-Secret) provided is not valid")
        identify(environ, token)

    def action(method_name: str):
        call = getattr(backend, method_name)

        def view():
            """One action: its parameters in, ``{"status": "success", ...}`` out."""
            params = read_params(request)
            data = call(backend.store.tenant(request.environ[TENANT_KEY]), params)
            return json_response(envelope("success", elapsed(request.environ), data))
        return view

    for name, method_name in ACTIONS.items():
        bp.add_url_rule(f"{API}/{name}", endpoint=name, view_func=action(method_name),
                        methods=["GET", "POST"])
    return bp
