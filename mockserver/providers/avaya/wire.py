"""The wire formats of the Avaya Communications APIs (seed 004, Response): XML by default,
every response wrapped in ``<Response>`` with CamelCase elements; ``.json`` with the
snake_case keys the resources are kept in; ``.csv`` with one header row; ``.txt`` where the
seed gives it. Dates are RFC 2822 in UTC (``Sun, 15 May 2019 17:29:13 -0000``).

Resources are plain dicts with snake_case keys, in the order the seed lists them; nothing
here knows a resource. A list's paging fields become attributes of the list element in XML
(``<Calls page="5" pagesize="2" ...>``, the seed's Response Paging example) and keys beside
the array in JSON. A ``Rendered`` resource keeps its JSON, for lists that hand out the
same resources again: a JSON page of them is joined from those bytes.
"""
from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any, Callable, Iterable

from flask import Response

from ...core.render import dumps, json_response, utf8

XML, JSON, CSV, TXT = "xml", "json", "csv", "txt"
#: the format suffixes a path may end with; without one the answer is XML
FORMATS = (XML, JSON, CSV, TXT)
CONTENT_TYPES = {XML: "application/xml", CSV: "text/csv", TXT: "text/plain"}
_SUFFIX = re.compile(r"\.(xml|json|csv|txt)$")


def format_of(path: str) -> str:
    """The format a path asks for by its suffix (XML when it has none)."""
    found = _SUFFIX.search(path)
    return found.group(1) if found else XML


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def rfc2822(moment: datetime) -> str:
    """``Sun, 15 May 2019 17:29:13 -0000``: the seed's date form, in UTC. (Written here,
    not with email.utils, whose import cost a tenth of the mock's cold start.)"""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return (f"{_DAYS[moment.weekday()]}, {moment.day:02d} {_MONTHS[moment.month - 1]} "
            f"{moment.year:04d} {moment.hour:02d}:{moment.minute:02d}:{moment.second:02d} "
            "-0000")


@lru_cache(maxsize=4096)
def parse_rfc2822(text: str) -> datetime:
    """The naive UTC datetime of a date written by ``rfc2822`` (any numeric offset);
    remembered (a pure function; lists and checks read the same dates again)."""
    _, day, month, year, clock, offset = text.split()
    hours, minutes, seconds = (int(part) for part in clock.split(":"))
    moment = datetime(int(year), _MONTHS.index(month) + 1, int(day), hours, minutes, seconds)
    sign = -1 if offset.startswith("-") else 1
    return moment - sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5]))


#: what XML 1.0 cannot carry at all, not even as a character reference
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """Text as XML character data (a character XML cannot carry becomes U+FFFD)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _NOT_XML.sub("\ufffd", text)


def quoteattr(text: str) -> str:
    """Text as a double-quoted XML attribute value."""
    return '"' + escape(text).replace('"', "&quot;") + '"'


def camel(key: str) -> str:
    """``date_updated`` -> ``DateUpdated``: a JSON key as its XML element."""
    return "".join(part[:1].upper() + part[1:] for part in key.split("_"))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _xml_fields(data: dict, out: list[str]) -> None:
    for key, value in data.items():
        name = camel(key)
        if isinstance(value, dict):
            out.append(f"<{name}>")
            _xml_fields(value, out)
            out.append(f"</{name}>")
        elif isinstance(value, list):
            out.append(f"<{name}>")
            for item in value:
                out.append(f"<Item>{escape(_text(item))}</Item>")
            out.append(f"</{name}>")
        else:
            out.append(f"<{name}>{escape(_text(value))}</{name}>")


def _xml_resource(element: str, data: dict, out: list[str]) -> None:
    out.append(f"<{element}>")
    _xml_fields(data, out)
    out.append(f"</{element}>")


def _csv_cell(value: Any) -> str:
    if isinstance(value, dict):     # the seed's CSV shows nested objects as a mapping
        return "{" + ", ".join(f"{k!r}: {_text(v)!r}" for k, v in value.items()) + "}"
    return _text(value)


def _csv(rows: Iterable[dict]) -> str:
    rows = list(rows)
    header: list[str] = []
    for row in rows:
        header.extend(key for key in row if key not in header)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(row.get(key)) for key in header])
    return buffer.getvalue()


def _response(body: str, fmt: str, status: int) -> Response:
    return Response(utf8(body), status=status,
                    content_type=f"{CONTENT_TYPES[fmt]}; charset=utf-8")


def resource_document(data: dict, fmt: str, element: str, status: int = 200) -> Response:
    """One resource: ``<Response><Element>...</Element></Response>``, its JSON object, a
    one-row CSV, or (``.txt``) the values one per line."""
    if fmt == JSON:
        return json_response(data, status)
    if fmt == CSV:
        return _response(_csv([data]), CSV, status)
    if fmt == TXT:
        return _response("\n".join(_csv_cell(v) for v in data.values()) + "\n", TXT, status)
    out = ["<Response>"]
    _xml_resource(element, data, out)
    out.append("</Response>")
    return _response("".join(out), XML, status)


class Rendered(dict):
    """A resource kept to be handed out again, with its compact JSON (``json``, the bytes
    ``core.render.dumps`` gives). Shared between responses: never change one. It holds no
    ``uri`` keys (the mount would have to be added: ``wire.mounted``)."""

    __slots__ = ("json",)

    def __init__(self, fields: dict) -> None:
        super().__init__(fields)
        if any(key == "uri" or key.endswith("_uri") or key == "subresource_uris"
               for key in self):
            raise ValueError("a Rendered resource holds no URIs")
        self.json = dumps(fields)


def list_document(paging: dict, items: list[dict], fmt: str, list_key: str,
                  element: str) -> Response:
    """A page of a list: in JSON the paging fields and ``list_key`` (the resource-named
    array); in XML ``<ListKey page=... >`` with one ``<Element>`` per item; in CSV the
    items under one header row."""
    if fmt == JSON:
        if items and all(type(item) is Rendered for item in items):
            head = dumps({**paging, list_key: []})[:-3]         # without ``[]}``
            return json_response(head + b"[" + b",".join(item.json for item in items)
                                 + b"]}", raw=True)
        return json_response({**paging, list_key: items})
    if fmt in (CSV, TXT):
        return _response(_csv(items), CSV, 200)
    attributes = " ".join(f"{key.replace('_', '')}={quoteattr(_text(value))}"
                          for key, value in paging.items())
    out = ["<Response>", f"<{camel(list_key)} {attributes}>"]
    for item in items:
        _xml_resource(element, item, out)
    out.append(f"</{camel(list_key)}></Response>")
    return _response("".join(out), XML, 200)


def error_document(exception: dict, fmt: str, status: int) -> Response:
    """A RestException: its JSON object for ``.json``, else the XML of the seed's Response
    section (CSV has no documented error form)."""
    if fmt == JSON:
        return json_response(exception, status)
    out = ["<Response>"]
    _xml_resource("RestException", exception, out)
    out.append("</Response>")
    return _response("".join(out), XML, status)


def mounted(data: Any, mount: str, *, fresh: bool = False) -> Any:
    """``data`` with every ``uri``, ``*_uri`` and ``subresource_uris`` path (``/v2/...``)
    prefixed by the mount the client came through, so that links work when followed.
    ``fresh`` says that ``data`` (a dict, or a list of them) was made for this answer and
    shares no dict with the state at its top level: it is then changed in place instead of
    copied (a nested ``subresource_uris`` is still replaced, never changed)."""
    if not mount:
        return data
    if type(data) is list:
        if fresh and all(type(item) is dict for item in data):
            for item in data:                    # a page of new dicts: the quick way
                _mount_links(item, _links_of(item), mount)
            return data
        return [_mounted(item, mount, fresh) for item in data]
    return _mounted(data, mount, fresh)


def _mounted(data: Any, mount: str, fresh: bool) -> Any:
    if type(data) is Rendered:                   # (a Rendered resource holds no URIs)
        return data
    if isinstance(data, list):
        return [_mounted(item, mount, fresh) for item in data]
    if not isinstance(data, dict):
        return data
    keys = _links_of(data)
    if not keys:
        return data
    out = data if fresh else dict(data)
    _mount_links(out, keys, mount)
    return out


def _mount_links(out: dict, keys: tuple, mount: str) -> None:
    """Prefix the ``/v2/`` paths of ``out``'s link ``keys`` with ``mount``, in place."""
    for key in keys:
        value = out[key]
        if key == "subresource_uris":
            if isinstance(value, dict):
                out[key] = {k: mount + v if isinstance(v, str) and v.startswith("/v2/") else v
                            for k, v in value.items()}
        elif isinstance(value, str) and value.startswith("/v2/"):
            out[key] = mount + value


def per_key_set(analyse: Callable[[tuple], tuple]) -> Callable[[dict], tuple]:
    """``analyse(keys)`` of a dict's keys (which of them are links, say), remembered per
    set of keys, the last answer kept at hand: a page's records share their keys, and
    comparing them is cheaper than hashing them."""
    remembered = lru_cache(maxsize=1024)(analyse)
    last: list[tuple] = [(None, ())]

    def of(data: dict) -> tuple:
        keys = tuple(data)
        hit = last[0]
        if hit[0] != keys:
            hit = last[0] = (keys, remembered(keys))
        return hit[1]
    return of


def _link_keys(keys: tuple) -> tuple:
    """The keys ``mounted`` looks at, of a resource with these keys."""
    return tuple(key for key in keys if isinstance(key, str) and (
        key == "uri" or key.endswith("_uri") or key == "subresource_uris"))


_links_of = per_key_set(_link_keys)
