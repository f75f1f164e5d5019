"""AVOXI's error body, the same for every status the seed documents (400, 401):

    {"message": "Invalid sip configuration",
     "error": {"message": "Invalid sip configuration", "details": "invalid parameter"}}
"""
from __future__ import annotations

from flask import Response

from ...core.errors import BadRequest, NotFound, ProviderError, Unauthorized
from ...core.render import json_response


class InvalidParameter(BadRequest):
    """400: a path or query value AVOXI does not recognise, or values that conflict."""

    def __init__(self, message: str, details: str, *, fields: dict[str, str] | None = None):
        super().__init__(message, details=details, fields=fields)


class InvalidToken(Unauthorized):
    """401: no bearer token, a malformed one, or (strict mode) an unknown one."""

    def __init__(self, details: str) -> None:
        super().__init__("Unauthorized", details=details)


class ExtensionNotFound(NotFound):
    """404: no extension with that number in the organisation."""

    def __init__(self, extension: str) -> None:
        super().__init__("Extension not found", details=f"extension {extension!r} does not exist")


def render_error(err: ProviderError) -> Response:
    """The documented envelope: ``message`` twice, and ``details`` saying what was wrong."""
    return json_response({"message": err.message,
                          "error": {"message": err.message, "details": err.describe()}},
                         err.status)
