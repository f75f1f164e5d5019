"""An InboundXML document as the engine runs it (seed 004 error table, 11xxx and 12xxx):
parsed into plain elements ``{"tag", "attrs", "text", "children"}``, or refused with the
code the seed gives for what is wrong with it.

- not XML at all, or a DOCTYPE (entities are not expanded): 12100 ``Document parse
  failure``;
- a root other than ``Response``: 12102 ``The root element must be Response``.

Unknown verbs and bad attributes are found as the document runs (verbs.py), as on the
real platform, where the elements before them have already run.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..errors import AvayaError

PARSE_FAILURE, ROOT_NOT_RESPONSE = 12100, 12102
#: media types an InboundXML document may come as (anything else: 12300)
XML_TYPES = ("application/xml", "text/xml")


def element_of(node: ET.Element) -> dict:
    """One parsed element as data (JSON-ready, so a call's run survives a snapshot)."""
    return {"tag": node.tag, "attrs": dict(node.attrib),
            "text": (node.text or "").strip(),
            "children": [element_of(child) for child in node]}


def parse(text: str) -> list[dict]:
    """The elements under ``<Response>``; AvayaError 12100 or 12102."""
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise AvayaError(PARSE_FAILURE, details="a DOCTYPE is not allowed in InboundXML")
    try:
        root = ET.fromstring(text.strip().encode("utf-8"))
    except (ET.ParseError, ValueError) as exc:
        raise AvayaError(PARSE_FAILURE, details=f"not well-formed XML: {exc}") from None
    if root.tag != "Response":
        raise AvayaError(ROOT_NOT_RESPONSE, details=f"the root element is <{root.tag}>")
    return [element_of(child) for child in root]


def is_xml_type(content_type: str | None) -> bool:
    """True when a Content-Type names XML (parameters such as charset ignored); a
    missing one is taken as XML, since the document itself will tell."""
    if not content_type:
        return True
    media = content_type.split(";", 1)[0].strip().lower()
    return media in XML_TYPES or media.endswith("+xml")
