"""AVANSER's error bodies (seed 002_c5f96eabcc7f1588.txt, Data Structures), both carrying
the ``@transaction`` object like every reply:

- Error Detail (400): ``{"@transaction", "error": {"message", "code"}, "errors": {field:
  reason}}``, e.g. ``{"account-id": "invalid account"}``; a field is named by its own name,
  as the seed's example names ``service.answer_point`` of a request ``{"answer_point":
  "invalid number"}`` (field_names);
- Error Response (401, 500, and the 404, 405 and 413 the seed does not list):
  ``{"@transaction", "error": {"message", "code"}, "errors": {"description", "code"}}``;
- Multiple Addresses (300): an Error Response whose ``errors`` is ``{"location": [...]}``.
"""
from __future__ import annotations

from typing import Any

from flask import Response, current_app, request

from ...core.errors import BadRequest, InternalError, ProviderError, Unauthorized
from ...core.render import json_response
from .transaction import resource_path

SLUG = "avanser"
#: where build() leaves the backend for render_error (an app may mount several providers)
EXTENSION_KEY = "mockserver.avanser.backend"

#: the ``error.message`` of a 500 (the seed's wording)
MESSAGES = {500: "Unexpected Error"}
#: the ``errors.code`` string of each status in an Error Response
CODES = {401: "unauthorized", 404: "not_found", 405: "method_not_allowed",
         413: "payload_too_large", 415: "unsupported_media_type", 500: "unexpected_error"}


class InvalidParameters(BadRequest):
    """400 Error Detail naming each offending parameter and why (``{"radius": "invalid
    radius"}``)."""

    def __init__(self, fields: dict[str, str], message: str = "Bad Request") -> None:
        super().__init__(message, fields=fields)


class InvalidCredentials(Unauthorized):
    """401: no Basic credential, a malformed one, a wrong password, or (strict mode) an
    unknown user."""

    def __init__(self, details: str) -> None:
        super().__init__("Unauthorized", details=details)


class TemplateInUse(BadRequest):
    """400 ``Template is in use``: a service's call reporting names the template."""

    def __init__(self, name: str, services: list[str]) -> None:
        super().__init__("Template is in use",
                         fields={"name": f"template is used by service {', '.join(services)}"})


class MultipleAddresses(ProviderError):
    """300: an address that matches several places; ``places`` are the documented
    ``{"name", "state", "country", "lat_lng"}`` objects."""

    status = 300
    default_message = "Multiple Addresses"

    def __init__(self, places: list[dict]) -> None:
        super().__init__(details="the address matches several places")
        self.places = places


def field_names(fields: dict[str, str]) -> dict[str, str]:
    """Error Detail keys as the seed's error example writes them: a field by its own name,
    ``{"answer_point": "invalid number"}`` for the request's ``service.answer_point``, list
    indexes dropped (``email_to.0`` is ``email_to``). Where two fields share a name, each
    gets the shortest dotted ending that tells them apart (``email.template``,
    ``sms.template``); reasons for the same field are joined with ``; ``."""
    paths = {key: [p for p in key.split(".") if p and not p.isdigit()] or [key]
             for key in fields}
    depth = dict.fromkeys(fields, 1)
    while True:
        names = {key: ".".join(paths[key][-depth[key]:]) for key in fields}
        clashing = [key for key in fields
                    if depth[key] < len(paths[key])
                    and any(names[other] == names[key] and paths[other] != paths[key]
                            for other in fields if other != key)]
        if not clashing:
            break
        for key in clashing:
            depth[key] += 1
    out: dict[str, str] = {}
    for key, reason in fields.items():
        name = names[key]
        out[name] = f"{out[name]}; {reason}" if name in out and out[name] != reason else reason
    return out


def error_body(err: ProviderError) -> dict[str, Any]:
    """``error`` and ``errors`` of an error reply (without ``@transaction``)."""
    status = err.status
    message = MESSAGES[500] if isinstance(err, InternalError) else err.message
    if isinstance(err, MultipleAddresses):
        errors: dict[str, Any] = {"location": err.places}
    elif err.fields and status == 400:
        errors = field_names(err.fields)
    else:
        errors = {"description": err.describe(),
                  "code": str(err.code or CODES.get(status, "bad_request"))}
    return {"error": {"message": message, "code": status}, "errors": errors}


def render_error(err: ProviderError) -> Response:
    """Any error under the mount in the documented shape, ``@transaction`` first."""
    backend = current_app.extensions.get(EXTENSION_KEY)
    if err.status in (404, 405):
        path = resource_path({**request.environ, "QUERY_STRING": ""})
        err.details = (f"{request.method} {path} is not an endpoint" if err.status == 404
                       else f"{request.method} is not allowed on {path}")
    body = error_body(err)
    if backend is not None:
        body = {"@transaction": backend.transaction_of(request.environ,
                                                       backend.account_for_error(request.environ)),
                **body}
    headers = {"WWW-Authenticate": 'Basic realm="AVANSER Telco API"'} if err.status == 401 else None
    return json_response(body, err.status, headers)
