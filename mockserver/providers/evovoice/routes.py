"""Evo Voice routes (seed 001): the documented ``POST /endpoints/phone-numbers``,
ServiceStack's pre-defined routes ``/json/reply/{Request}`` and ``/api/{Request}``, each
also with the ``.json`` suffix, and ServiceStack's Authenticate service at ``/auth``.
Parse, call the backend, render; nothing else."""
from __future__ import annotations

from flask import Blueprint, g, request

from ...core.auth import basic_credentials, bearer_token
from ...core.errors import Forbidden, MethodNotAllowed
from ...core.wsgi import identify
from .auth import BUY_ROLES, Principal
from .errors import NotAuthenticated, UnknownService
from .models import EvoBackend
from .wire import check_format, properties, respond, session_ids, set_session_cookies

BUY_PATH = "/endpoints/phone-numbers"
ANY_METHOD = ["GET", "POST", "PUT", "DELETE", "PATCH"]


def strip_json(name: str) -> str:
    """A path segment without the ``.json`` format suffix."""
    return name[:-5] if name.lower().endswith(".json") else name


def build_blueprint(backend: EvoBackend) -> Blueprint:
    """The Evo Voice blueprint over one backend."""
    bp = Blueprint("evovoice", __name__)
    identities = backend.identities

    @bp.before_request
    def authenticate() -> None:
        """Format checks, then the caller: Basic, an API key as Bearer, or a session."""
        check_format(request)
        header = request.headers.get("Authorization")
        basic, key = basic_credentials(header), bearer_token(header)
        principal: Principal | None
        if basic is not None:
            principal = identities.password(*basic, refused="Invalid BasicAuth Credentials")
        elif key is not None:
            principal = identities.api_key(key)
        else:
            principal = backend.session(session_ids(request))
        g.evovoice_principal = principal
        if principal is not None:
            identify(request.environ, principal.tenant)

    def caller(roles: tuple[str, ...]) -> Principal:
        """The authenticated caller holding one of ``roles``: else 401 or 403."""
        principal = g.evovoice_principal
        if principal is None:
            raise NotAuthenticated()
        if not principal.has_any_role(roles):
            raise Forbidden("Invalid Role", code="Forbidden")
        return principal

    @bp.post(BUY_PATH)
    @bp.post(BUY_PATH + ".json")
    def buy_phone_number():
        """BuyPhoneNumber at its documented route."""
        principal = caller(BUY_ROLES)
        return respond(request, backend.buy_phone_number(
            principal, properties(request, "BuyPhoneNumber")))

    @bp.route("/auth", methods=["GET", "POST"])
    @bp.route("/auth.json", methods=["GET", "POST"])
    @bp.route("/auth/<provider>", methods=["GET", "POST"])
    def auth(provider: str | None = None):
        """ServiceStack's Authenticate service: ``/auth/credentials`` and friends."""
        body, cookies = backend.authenticate(
            properties(request, "Authenticate"),
            provider=strip_json(provider) if provider else None,
            current=g.evovoice_principal, current_sessions=session_ids(request),
            basic=basic_credentials(request.headers.get("Authorization")))
        response = respond(request, body)
        set_session_cookies(response, cookies)
        return response

    @bp.route("/json/reply/<name>", methods=ANY_METHOD)
    @bp.route("/api/<name>", methods=ANY_METHOD)
    def predefined(name: str):
        """ServiceStack's pre-defined routes: the request DTO named in the path (any case)."""
        dto = strip_json(name)
        if dto.lower() == "buyphonenumber":
            if request.method != "POST":
                raise MethodNotAllowed(
                    f"Could not find method named {request.method.title()}(BuyPhoneNumber) "
                    "or Any(BuyPhoneNumber)", code="NotImplementedException",
                    headers={"Allow": "POST"})
            return buy_phone_number()
        if dto.lower() == "authenticate":
            if request.method not in ("GET", "POST"):
                raise MethodNotAllowed(headers={"Allow": "GET, POST"})
            return auth()
        raise UnknownService(f"No request DTO named '{dto}'")

    return bp
