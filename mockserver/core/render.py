"""Response rendering shared by every provider: JSON and JSONP, and the two rules every
renderer keeps whatever text it is given (Avaya's XML and CSV live in its wire.py: their
shapes are the provider's own, but they encode through ``utf8`` here):

- rendering never fails on a string: a lone surrogate (``"\\udfff"``, which a JSON body
  may carry) is written as the JSON escape ``\\udfff`` in JSON, and as U+FFFD where the
  format has no escape for it;
- nothing reaches a response header unsanitised: ``header_value`` turns any text into
  printable ASCII (control characters and non-ASCII as backslash escapes), so a CR, LF or
  NUL a client sent can neither split a header nor make the server refuse the response.
"""
from __future__ import annotations

import copy
import json
import re
from typing import Any, Iterable

import orjson
from flask import Response

JSON = "application/json"
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNPRINTABLE = re.compile(r"[^\x20-\x7e]")


def dumps(data: Any) -> bytes:
    """Compact JSON bytes, non-ASCII kept as UTF-8; a lone surrogate, which UTF-8 cannot
    carry, as its ``\\uXXXX`` escape (the same string to any JSON reader).

    orjson writes them in a tenth of the standard library's time for a page of 50 records,
    byte for byte the same for strings, integers, booleans, null, lists and objects. A float
    comes out in its shortest form (``1e-5`` where the standard library writes ``1e-05``)
    and a NaN as null (the standard library's ``NaN`` is not JSON): the same values to any
    JSON reader. What orjson refuses (a lone surrogate, an integer beyond 64 bits) goes
    through the standard library."""
    try:
        return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)
    except TypeError:       # orjson.JSONEncodeError is a TypeError
        pass
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:   # outside strings JSON text is ASCII: only strings hold them
        return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text).encode("utf-8")


def json_copy(data: Any) -> Any:
    """A deep copy of JSON data through orjson: about a tenth of ``copy.deepcopy``'s time for
    a record of a hundred values. What orjson cannot write (an integer beyond 64 bits, a
    lone surrogate) is copied by ``copy.deepcopy``."""
    try:
        return orjson.loads(orjson.dumps(data))
    except TypeError:
        return copy.deepcopy(data)


def utf8(text: str) -> bytes:
    """``text`` as UTF-8 for a format without escapes (XML, CSV, plain text): a lone
    surrogate becomes U+FFFD instead of failing."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text).encode("utf-8")


def header_value(text: Any, limit: int | None = None) -> str:
    """Any value as a safe response header value: printable ASCII only, every other
    character (CR, LF, NUL, DEL, non-ASCII, lone surrogates) as a backslash escape
    (``\\r``, ``\\x00``, ``\\u65e5``); cut to ``limit`` characters when given."""
    text = str(text)
    if not (text.isascii() and text.isprintable()):
        text = _UNPRINTABLE.sub(_escape, text)
    return text if limit is None else text[:limit]


_NAMED = {"\r": "\\r", "\n": "\\n", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    if ord(char) < 0x80:
        return f"\\x{ord(char):02x}"
    return char.encode("ascii", "backslashreplace").decode("ascii")


def safe_headers(headers: dict[str, Any] | Iterable[tuple[str, Any]] | None) -> dict[str, str]:
    """``headers`` with every value passed through ``header_value``."""
    items = headers.items() if isinstance(headers, dict) else (headers or ())
    return {name: header_value(value) for name, value in items}


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None,
                  *, raw: bool = False) -> Response:
    """A JSON response of ``data`` (already-encoded bytes when ``raw``)."""
    body = data if raw else dumps(data)
    response = Response(body, status=status, mimetype=JSON)
    if headers:
        response.headers.update(safe_headers(headers))
    return response


_CALLBACK = re.compile(r"[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*")
JAVASCRIPT = "application/javascript"


def valid_callback(name: str) -> bool:
    """True for a JSONP callback that is a plain (dotted) JavaScript identifier."""
    return bool(_CALLBACK.fullmatch(name)) and len(name) <= 128


def jsonp_response(callback: str, body: bytes, status: int = 200,
                   headers: dict[str, str] | None = None) -> Response:
    """``callback(<json>)`` as JavaScript; ``body`` is the encoded JSON. The caller checks
    ``valid_callback`` first."""
    response = Response(utf8(callback) + b"(" + body + b")", status=status,
                        mimetype=JAVASCRIPT)
    if headers:
        response.headers.update(safe_headers(headers))
    return response
