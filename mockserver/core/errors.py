"""One error hierarchy for every provider.

Models and routes raise these; each provider turns them into its own documented envelope
(its ``render_error``), and the control API into ``{"error": ...}``. Werkzeug's own HTTP
errors (routing 404 and 405, malformed bodies, 413) are converted with ``from_http`` so that
they too reach the provider's renderer, never Flask's HTML page.
"""
from __future__ import annotations

from werkzeug.exceptions import HTTPException


class ProviderError(Exception):
    """An error a provider answers with.

    ``message`` is the human sentence, ``details`` a short machine-ish explanation,
    ``fields`` maps offending parameter names to what is wrong with them, ``code`` is the
    provider's own error code where it has one, and ``headers`` are extra response headers.
    """

    status = 400
    default_message = "Bad Request"

    def __init__(self, message: str | None = None, *, details: str | None = None,
                 fields: dict[str, str] | None = None, code: str | int | None = None,
                 status: int | None = None, headers: dict[str, str] | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)
        self.details = details
        self.fields = dict(fields or {})
        self.code = code
        self.headers = dict(headers or {})
        if status is not None:
            self.status = status

    def describe(self) -> str:
        """The offending fields joined (``name: why; ...``), else ``details``, else the
        message."""
        if self.fields:
            return "; ".join(f"{name}: {why}" for name, why in self.fields.items())
        return self.details or self.message


class BadRequest(ProviderError):
    """400: the request could not be validated."""

    status = 400
    default_message = "Bad Request"


class Unauthorized(ProviderError):
    """401: no credential, a malformed one, or one the server does not accept."""

    status = 401
    default_message = "Unauthorized"


class Forbidden(ProviderError):
    """403: an accepted credential without the right to do this."""

    status = 403
    default_message = "Forbidden"


class NotFound(ProviderError):
    """404: no such resource or route."""

    status = 404
    default_message = "Not Found"


class MethodNotAllowed(ProviderError):
    """405: the route exists, the method does not."""

    status = 405
    default_message = "Method Not Allowed"


class PayloadTooLarge(ProviderError):
    """413: the body is larger than the server accepts."""

    status = 413
    default_message = "Payload Too Large"


class UnsupportedMediaType(ProviderError):
    """415: the body is not in a format the endpoint reads."""

    status = 415
    default_message = "Unsupported Media Type"


class InternalError(ProviderError):
    """500: a bug in the mock, reported in the provider's envelope rather than as a page.
    What went wrong goes to the log; the client gets these words (or a caller's own), never
    an exception's text."""

    status = 500
    default_message = "Internal Server Error"

    def __init__(self, message: str | None = None, *, details: str | None = None,
                 **kwargs) -> None:
        super().__init__(message, details=details or "an unexpected error in the mock "
                         "server; its log has the details", **kwargs)


_BY_STATUS = {cls.status: cls for cls in (BadRequest, Unauthorized, Forbidden, NotFound,
                                           MethodNotAllowed, PayloadTooLarge,
                                           UnsupportedMediaType)}


def from_http(exc: HTTPException) -> ProviderError:
    """The ProviderError that stands for a werkzeug HTTP error (same status, plain text)."""
    status = exc.code or 500
    if status >= 500:
        return InternalError(status=status)
    cls = _BY_STATUS.get(status, ProviderError)
    headers = {}
    if status == 405 and getattr(exc, "valid_methods", None):
        headers["Allow"] = ", ".join(sorted(exc.valid_methods))
    return cls(exc.name, details=_plain(exc.description), status=status, headers=headers)


def _plain(description: str | None) -> str | None:
    if not description:
        return None
    return " ".join(description.replace("<p>", " ").replace("</p>", " ").split())
