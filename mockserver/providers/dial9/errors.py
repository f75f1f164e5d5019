"""Moonrope's answers, as the Dial 9 Connect API (seed 003_ab1ee9f69e41c417.txt) gives them.

Every action result is HTTP 200 with ``{"status", "time", "flags", "data"}``; the status
says what happened (adamcooke/moonrope: lib/moonrope/errors.rb, eval_helpers.rb,
rack_middleware.rb):

- ``success``: ``data`` is the result, ``time`` the processing time in seconds;
- ``parameter-error``, ``access-denied``: ``data.message``;
- ``validation-error``: ``data.errors``, each field to a list of messages;
- ``error`` (a structured error): ``data.code`` and ``data.message``.

Moonrope sets ``time`` only on success; error results carry ``"time": null``. Outside the
actions the middleware answers without the envelope: an unknown controller or action is
HTTP 400 ``{"status": "invalid-controller-or-action"}``, a ``params`` value that is not JSON
is HTTP 400 ``{"status": "invalid-json", "details": ...}``, a crash is HTTP 500
``{"status": "internal-server-error"}``, and an ``OPTIONS`` is HTTP 200 ``OK`` in
``text/plain`` with the CORS headers (``Access-Control-Allow-Origin: *``,
``Access-Control-Allow-Methods: *``, ``Access-Control-Allow-Headers`` echoing the
request's ``Access-Control-Request-Headers``) before any token is looked at.
"""
from __future__ import annotations

from typing import Any

from flask import Response, request

from ...core.errors import ProviderError
from ...core.faults import InjectedError
from ...core.render import header_value, json_response


def envelope(status: str, time: float | None, data: Any) -> dict:
    """An action result in Moonrope's key order; ``flags`` is always empty here (no
    action of the numbers controller paginates)."""
    return {"status": status, "time": time, "flags": {}, "data": data}


class MoonropeError(ProviderError):
    """An action's non-success result: HTTP 200 with a Moonrope status and its data."""

    status = 200
    result = "error"

    def data(self) -> Any:
        """The result's ``data``."""
        return {"message": self.message}


class ParameterError(MoonropeError):
    """``parameter-error``: a required parameter is missing, or one is malformed."""

    result = "parameter-error"


class AccessDenied(MoonropeError):
    """``access-denied``: no X-Auth-Token, or (strict mode) one that is not recognised."""

    result = "access-denied"


class ValidationFailed(MoonropeError):
    """``validation-error``: ``data.errors`` maps each offending field to its messages."""

    result = "validation-error"

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("Validation failed",
                         fields={name: "; ".join(why) for name, why in errors.items()})
        self.errors = errors

    def data(self) -> Any:
        """``{"errors": {field: [messages]}}``."""
        return {"errors": self.errors}


class StructuredError(MoonropeError):
    """``error`` with ``data.code`` and ``data.message``: a domain error."""

    result = "error"
    error_code = "Error"

    def __init__(self, message: str) -> None:
        super().__init__(message, code=self.error_code)

    def data(self) -> Any:
        """``{"code", "message"}``."""
        return {"code": self.code, "message": self.message}


class NumberNotFound(StructuredError):
    """No number with that id in the unit (never was, or deleted)."""

    error_code = "NumberNotFound"

    def __init__(self, number_id: int) -> None:
        super().__init__(f"No number with ID {number_id} exists in this unit")


class NumberNotAcquirable(StructuredError):
    """The number is not one Dial 9 can provide to this unit now."""

    error_code = "NumberNotAcquirable"


class NumberNotAcquired(StructuredError):
    """Subscriber information is kept only for numbers acquired from Dial 9."""

    error_code = "NumberNotAcquired"

    def __init__(self, number_id: int) -> None:
        super().__init__(f"Number {number_id} was not acquired from Dial 9 and has no "
                         "subscriber information")


class InvalidPrefix(StructuredError):
    """The prefix is not one of ``available_prefixes``."""

    error_code = "InvalidPrefix"

    def __init__(self, prefix: object) -> None:
        super().__init__(f"{prefix!r} is not an available prefix")


class InvalidJson(ProviderError):
    """HTTP 400 ``invalid-json``: ``params`` (or a JSON body) does not parse."""

    status = 400
    default_message = "Invalid JSON"


def options_reply() -> Response:
    """Moonrope's answer to any ``OPTIONS`` under the API: 200 ``OK`` with its CORS
    headers (rack_middleware.rb: "Options always returns a 200")."""
    response = Response(b"OK", status=200, content_type="text/plain")
    response.headers["Access-Control-Allow-Origin"] = "*"
    asked = request.headers.get("Access-Control-Request-Headers")
    if asked:
        response.headers["Access-Control-Allow-Headers"] = header_value(asked)
    response.headers["Access-Control-Allow-Methods"] = "*"
    return response


def render_error(err: ProviderError) -> Response:
    """Moonrope's answer for any error under the Dial 9 mount (and for an ``OPTIONS``,
    which no action answers: the router's 404 or 405 becomes Moonrope's 200 ``OK``)."""
    if request and request.method == "OPTIONS" and err.status in (404, 405):
        return options_reply()
    if isinstance(err, MoonropeError):
        return json_response(envelope(err.result, None, err.data()))
    if isinstance(err, InvalidJson):
        return json_response({"status": "invalid-json", "details": err.describe()}, 400)
    if err.status in (404, 405):
        return json_response({"status": "invalid-controller-or-action"}, 400)
    if isinstance(err, InjectedError):
        # a test's fault: its status as asked, its code (if any) as the Moonrope status
        default = "internal-server-error" if err.status >= 500 else "invalid-request"
        return json_response({"status": str(err.code or default)}, err.status)
    if err.status >= 500:
        return json_response({"status": "internal-server-error"}, 500)
    return json_response({"status": "invalid-request", "details": err.describe()}, err.status)
