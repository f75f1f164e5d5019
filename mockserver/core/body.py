"""Reading request bodies the same careful way for every provider.

``loads`` is the one JSON parser for anything a client sends (a body, a form field or a
query parameter holding JSON): whatever the input, it returns the data or raises
``ValueError`` (``JSONError``), never ``RecursionError``. JSON nested deeper than
``MAX_DEPTH`` arrays and objects is refused like malformed JSON, as Ruby's ``JSON.parse``
(``max_nesting`` 100) and most servers refuse it, and so that nothing downstream
(validation, copying, rendering) meets a structure deep enough to exhaust the stack.
``NaN`` and ``Infinity``, which Python's parser would take, are not JSON and are refused.
"""
from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

from flask import Request
from werkzeug.datastructures import MultiDict

from .errors import BadRequest, UnsupportedMediaType
from .wsgi import BODY_KEY

#: the deepest nesting of arrays and objects a client's JSON may have
MAX_DEPTH = 100


class JSONError(ValueError):
    """JSON a client sent that is malformed, not UTF-8, or nested too deeply; the message
    says which (never Python's internals)."""


def _no_constant(name: str) -> Any:
    raise JSONError(f"{name} is not a JSON value")


def loads(text: str | bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """The JSON value of ``text`` (str, or bytes in UTF-8/16/32); ``JSONError`` for
    malformed, undecodable or over-deep input."""
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise JSONError(f"JSON nested deeper than {max_depth} levels") from None
    except JSONError:
        raise
    except UnicodeDecodeError:
        raise JSONError("the body is not valid UTF-8") from None
    except json.JSONDecodeError as exc:
        raise JSONError(str(exc)) from None
    except ValueError:          # an integer longer than Python reads (4300 digits)
        raise JSONError("a number in the JSON is too long") from None
    if isinstance(data, (list, dict)) and _deeper_than(data, text, max_depth):
        raise JSONError(f"JSON nested deeper than {max_depth} levels")
    return data


def _deeper_than(data: Any, text: str | bytes, limit: int) -> bool:
    """True when ``data`` nests more than ``limit`` arrays and objects (walked without
    recursion; skipped when the text has too few brackets to be that deep)."""
    opening = ("[", "{") if isinstance(text, str) else (b"[", b"{")
    if text.count(opening[0]) + text.count(opening[1]) <= limit:
        return False
    stack = [(data, 1)]
    while stack:
        value, level = stack.pop()
        if level > limit:
            return True
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, level + 1) for child in children
                     if isinstance(child, (list, dict)))
    return False


def raw_body(request: Request) -> bytes:
    """The request body: as the front door already read it, else from the stream (which
    enforces MAX_CONTENT_LENGTH: werkzeug raises 413)."""
    body = request.environ.get(BODY_KEY)
    return body if body is not None else request.get_data(cache=True)


URLENCODED = "application/x-www-form-urlencoded"
_FORM_KEY = "mockserver.form"


def form(request: Request) -> MultiDict:
    """The request's form fields, the same as ``request.form``. A form-encoded body (what
    clients of Avaya and Dial 9 send) is parsed here exactly as werkzeug parses it (UTF-8,
    blank values kept, a malformed percent-escape kept as written, a body that is not UTF-8
    read as no fields), without werkzeug's form-parser machinery around it: about 40 us a
    request less. Anything else (multipart) is ``request.form``."""
    if media_type(request) != URLENCODED:
        return request.form
    fields = request.environ.get(_FORM_KEY)
    if fields is None:
        try:
            text = raw_body(request).decode()
        except UnicodeDecodeError:           # werkzeug's parser reads it as no fields
            text = ""
        fields = request.environ[_FORM_KEY] = MultiDict(
            parse_qsl(text, keep_blank_values=True, errors="werkzeug.url_quote"))
    return fields


def media_type(request: Request) -> str:
    """The Content-Type without parameters, lower case ('' when absent)."""
    return request.environ.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()


def read_json(request: Request, *, required: bool = True) -> Any:
    """The request's JSON body.

    A body declared as anything but JSON is UnsupportedMediaType; a body that does not
    parse (malformed, truncated, not UTF-8, nested too deeply) is BadRequest; an empty
    body is BadRequest when ``required`` (else None).
    """
    raw = raw_body(request)
    if not raw.strip():
        if required:
            raise BadRequest("Request body is required", details="empty request body")
        return None
    mimetype = media_type(request)
    if mimetype and mimetype != "application/json" and not mimetype.endswith("+json"):
        raise UnsupportedMediaType("Unsupported content type",
                                   details=f"expected application/json, got {mimetype}")
    try:
        return loads(raw)
    except JSONError as exc:
        raise BadRequest("Malformed JSON body", details=f"invalid JSON: {exc}") from None
