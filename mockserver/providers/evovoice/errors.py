"""Evo Voice errors as ServiceStack writes them:

    {"responseStatus": {"errorCode": "ArgumentException", "message": "...",
                        "errors": [{"errorCode", "fieldName", "message"}]}}

``errorCode`` is ServiceStack's (an exception type name or a validator's code), ``errors``
holds one entry per offending field (empty when none) and field names are the request
DTO's property names (``Number``, ``TagIds``), as ServiceStack reports them.
"""
from __future__ import annotations

from flask import Response, request

from ...core.errors import BadRequest, NotFound, ProviderError, Unauthorized
from ...core.render import dumps, json_response, jsonp_response, valid_callback

#: ServiceStack's error code for a status when the error does not name its own
DEFAULT_CODES = {400: "ArgumentException", 401: "Unauthorized", 403: "Forbidden",
                 404: "NotFound", 405: "MethodNotAllowed", 406: "NotAcceptable",
                 413: "RequestEntityTooLarge", 415: "UnsupportedMediaType",
                 500: "Exception"}
#: what the 401 of a protected service carries, as ServiceStack's BasicAuthProvider
BASIC_CHALLENGE = {"WWW-Authenticate": 'Basic realm="/auth/basic"'}


def field_name(name: str) -> str:
    """A request property as ServiceStack names it in errors: ``tagIds.0`` -> ``TagIds[0]``."""
    head, *rest = name.split(".")
    out = head[:1].upper() + head[1:]
    for part in rest:
        out += f"[{part}]" if part.isdigit() else f".{part[:1].upper()}{part[1:]}"
    return out


class FieldError(BadRequest):
    """400 naming one property: ServiceStack's ArgumentException with a ParamName, or a
    validator's failure (``code`` ``NotEmpty``...)."""

    def __init__(self, field: str, message: str, code: str = "ArgumentException") -> None:
        super().__init__(message, fields={field: message}, code=code)


class BindingError(BadRequest):
    """400: the body or a property could not be read into the request DTO."""

    def __init__(self, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message, fields=fields, code="SerializationException")


class NotAuthenticated(Unauthorized):
    """401: a protected service called without credentials."""

    def __init__(self, message: str = "Not Authenticated") -> None:
        super().__init__(message, code="Unauthorized", headers=BASIC_CHALLENGE)


class InvalidCredentials(Unauthorized):
    """401: a credential that names no user, or the wrong password."""

    def __init__(self, message: str = "Invalid UserName or Password") -> None:
        super().__init__(message, code="Unauthorized", headers=BASIC_CHALLENGE)


class UnknownService(NotFound):
    """404: a pre-defined route naming no request DTO, or an unknown auth provider."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="NotFound")


def error_body(err: ProviderError) -> dict:
    """The ``responseStatus`` envelope of an error."""
    code = str(err.code) if err.code else DEFAULT_CODES.get(err.status, "Exception")
    message = err.message if err.code or not err.details else err.details
    return {"responseStatus": {
        "errorCode": code, "message": message,
        "errors": [{"errorCode": code, "fieldName": field_name(name), "message": why}
                   for name, why in err.fields.items()]}}


def render_error(err: ProviderError) -> Response:
    """The ServiceStack envelope, as JSONP when the request names a valid ``callback``."""
    body = error_body(err)
    callback = request.args.get("callback") if request else None
    if callback and valid_callback(callback):
        return jsonp_response(callback, dumps(body), err.status)
    return json_response(body, err.status)
