"""ServiceStack's HTTP conventions on the Flask side: where a request DTO's properties come
from (query string, then a JSON or form body), which response formats are asked for, JSONP,
and the session cookies. The backend never sees a Flask object."""
from __future__ import annotations

from typing import Any

from flask import Request, Response
from werkzeug.datastructures import MIMEAccept

from ...core.body import loads, media_type, raw_body
from ...core.errors import ProviderError, UnsupportedMediaType
from ...core.render import dumps, json_response, jsonp_response, valid_callback
from .errors import BindingError, FieldError

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
#: the JSON-ish types a body may be declared as (JsonServiceClient may send none at all
#: on /api routes, and browsers' simple requests send text/plain)
JSON_TYPES = ("", "application/json", "text/plain", "text/json")
SESSION_COOKIES = ("ss-id", "ss-pid")
SESSION_HEADERS = ("X-ss-id", "X-ss-pid")
PERMANENT = 20 * 365 * 24 * 3600
#: the answer types served: JSON, and JavaScript for JSONP
SERVED = ["application/json", "application/javascript", "text/javascript"]


def check_format(request: Request) -> None:
    """406 unless the request accepts JSON; 400 for a JSONP ``callback`` that is not a
    JavaScript identifier. Checked before anything happens. ``?format=json``, a ``.json``
    suffix or a ``/json/reply/`` route choose JSON whatever ``Accept`` says (the seed: "To
    override the Content-type in your clients, use the HTTP Accept Header, append the .json
    suffix or ?format=json"); only without them does ``Accept`` decide."""
    fmt = request.args.get("format")
    if fmt is not None and fmt.strip().lower() != "json":
        raise ProviderError(f"The format '{fmt}' is not served: only json", status=406,
                            code="NotAcceptable")
    path = request.path.lower()
    chosen = fmt is not None or path.endswith(".json") or "/json/reply/" in path
    if not chosen and request.headers.get("Accept", "").strip() \
            and not accepts_json(request.accept_mimetypes):
        raise ProviderError("Only application/json is served", status=406,
                            code="NotAcceptable")
    callback = request.args.get("callback")
    if callback is not None and not valid_callback(callback):
        raise FieldError("callback", f"'{callback}' is not a valid JavaScript callback name")


def accepts_json(accept: MIMEAccept) -> bool:
    """True when ``Accept`` admits JSON or JavaScript. A media range's parameters other
    than ``q`` (``application/json; charset=utf-8``) do not narrow it: the type is what
    is asked for."""
    bare = MIMEAccept([(value.split(";", 1)[0].strip(), quality) for value, quality in accept])
    return bare.best_match(SERVED) is not None


def properties(request: Request, dto: str) -> dict[str, Any]:
    """The request DTO's raw properties, keyed in lower case: the query string, overridden
    by a JSON object or form body. A repeated form or query key gives a list."""
    found: dict[str, Any] = {}
    for key in request.args:
        values = request.args.getlist(key)
        found[key.lower()] = values[0] if len(values) == 1 else values
    kind = media_type(request)
    if kind in FORM_TYPES:
        for key in request.form:
            values = request.form.getlist(key)
            found[key.lower()] = values[0] if len(values) == 1 else values
        return found
    body = raw_body(request)
    if not body.strip():
        return found
    if kind not in JSON_TYPES and not kind.endswith("+json"):
        raise UnsupportedMediaType(f"The content type '{kind}' is not read: send JSON or a "
                                   "form", code="UnsupportedMediaType")
    try:
        data = loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BindingError(f"Unable to bind to request '{dto}': the body is not valid JSON "
                           f"({exc})") from None
    if not isinstance(data, dict):
        raise BindingError(f"Unable to bind to request '{dto}': the body must be a JSON "
                           "object")
    found.update({str(key).lower(): value for key, value in data.items()})
    return found


def respond(request: Request, data: Any, status: int = 200) -> Response:
    """JSON, or JSONP when the request names a ``callback``."""
    callback = request.args.get("callback")
    if callback:
        return jsonp_response(callback, dumps(data), status)
    return json_response(data, status)


def session_ids(request: Request) -> list[str]:
    """The session ids a request carries: ``ss-id``/``ss-pid`` cookies, ``X-ss-id`` headers."""
    found = [request.cookies.get(name) for name in SESSION_COOKIES]
    found += [request.headers.get(name) for name in SESSION_HEADERS]
    return [sid for sid in found if sid]


def set_session_cookies(response: Response, cookies: dict[str, str]) -> None:
    """Set (or, for an empty value, clear) ServiceStack's session cookies."""
    for name, value in cookies.items():
        if not value:
            response.delete_cookie(name, path="/")
        elif name == "ss-id":
            response.set_cookie(name, value, path="/", httponly=True, samesite="Lax")
        else:
            response.set_cookie(name, value, path="/", httponly=True, samesite="Lax",
                                max_age=PERMANENT)
