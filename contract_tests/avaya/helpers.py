"""Checks shared by the Avaya contract tests (seed 004, Response, Response Paging, Errors)."""
from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

#: ``Sun, 15 May 2019 17:29:13 -0000`` (seed 004, XML Response)
RFC2822 = re.compile(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
                     r"Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d [-+]0000")
PAGING_FIELDS = ("page", "num_pages", "page_size", "total", "start", "end", "uri",
                 "first_page_uri", "previous_page_uri", "next_page_uri", "last_page_uri")
#: an application (InboundXML) that keeps an answered call in a long Pause
HOLD = '<Response><Pause length="600"/></Response>'


def sid_of(prefix: str):
    """A regex for a 34-character SID with ``prefix``."""
    return re.compile(prefix + r"[0-9a-f]{32}")


def ok_json(reply, status: int = 200) -> dict:
    """The JSON body of a successful ``.json`` reply."""
    assert reply.status_code == status, reply.text
    assert reply.headers["Content-Type"].startswith("application/json"), reply.headers
    return reply.json()


def ok_xml(reply, status: int = 200) -> ET.Element:
    """The ``<Response>`` root of a successful XML reply."""
    assert reply.status_code == status, reply.text
    assert reply.headers["Content-Type"].startswith("application/xml"), reply.headers
    root = ET.fromstring(reply.text)
    assert root.tag == "Response", reply.text
    return root


def ok_csv(reply) -> list[dict]:
    """The rows of a successful ``.csv`` reply, keyed by its one header row."""
    assert reply.status_code == 200, reply.text
    assert reply.headers["Content-Type"].startswith("text/csv"), reply.headers
    return list(csv.DictReader(io.StringIO(reply.text)))


def rest_exception(reply, status: int, code: int, fmt: str = "json") -> dict:
    """Check a RestException (status, code, the seed's MoreInfo link) in JSON or XML and
    return it as ``{"status", "message", "code", "more_info"}``."""
    assert reply.status_code == status, (reply.status_code, reply.text)
    if fmt == "json":
        body = reply.json()
        assert set(body) == {"status", "message", "code", "more_info"}, body
    else:
        root = ET.fromstring(reply.text)
        assert root.tag == "Response" and root[0].tag == "RestException", reply.text
        fields = {child.tag: child.text for child in root[0]}
        assert set(fields) == {"Status", "Message", "Code", "MoreInfo"}, fields
        body = {"status": int(fields["Status"]), "message": fields["Message"],
                "code": int(fields["Code"]), "more_info": fields["MoreInfo"]}
    assert body["status"] == status and body["code"] == code, body
    assert body["more_info"].endswith(f"/errors/{code}"), body
    return body


def query_of(uri: str) -> dict[str, str]:
    """The query parameters of a paging link, one value each."""
    return {key: values[0] for key, values in parse_qs(urlsplit(uri).query).items()}


def assert_paging(body: dict, list_key: str, *, page: int, page_size: int, total: int) -> list:
    """Check a JSON list's documented paging fields against the expected page, size and
    total (the arithmetic of start, end, num_pages and the links); return the items."""
    for name in PAGING_FIELDS:
        assert name in body, (name, body)
    items = body[list_key]
    num_pages = -(-total // page_size)
    assert (body["page"], body["page_size"], body["total"], body["num_pages"]) == \
        (page, page_size, total, num_pages), body
    expected = max(0, min(page_size, total - page * page_size))
    assert len(items) == expected, (len(items), expected)
    assert body["start"] == page * page_size
    if items:
        assert body["end"] == page * page_size + len(items) - 1
    assert query_of(body["first_page_uri"])["Page"] == "0"
    assert query_of(body["last_page_uri"])["Page"] == str(max(num_pages - 1, 0))
    if page < num_pages - 1:
        assert query_of(body["next_page_uri"])["Page"] == str(page + 1)
    else:
        assert body["next_page_uri"] == ""
    if page == 0:
        assert body["previous_page_uri"] == ""
    else:
        assert query_of(body["previous_page_uri"])["Page"] == str(min(page - 1, max(num_pages - 1, 0)))
    return items


def path_of(uri: str, api) -> str:
    """A link from a reply as a path under ``api`` (its base stripped), to follow it."""
    base = urlsplit(api.base).path
    parts = urlsplit(uri)
    assert parts.path.startswith(base), (uri, api.base)
    return parts.path[len(base):] + (f"?{parts.query}" if parts.query else "")


def held_call(avaya, httpserver, to: str, from_: str) -> dict:
    """Make a call (JSON) from ``from_`` to ``to`` whose Url is an application on
    ``httpserver`` that keeps it in a Pause once answered; the call just made (queued, or
    ringing a second later)."""
    httpserver.expect_request("/hold").respond_with_data(HOLD, content_type="application/xml")
    data = {"To": to, "From": from_, "Url": httpserver.url_for("/hold")}
    return ok_json(avaya.post("/Calls.json", data=data))
