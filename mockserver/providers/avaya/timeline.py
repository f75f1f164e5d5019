"""A call's timeline: what happened to it, in order, for the control API
(``GET /_mock/avaya/calls/<CallSid>``, control.py) and the dashboard. No Flask here, and
nothing of the backend: every part of it may import this module.

Each call record keeps ``_timeline``, a list of entries ``{"at", "kind", ...details}``
(``at``: the mock clock's time, ISO 8601 with ``Z``), written by one-line hooks where the
things happen:

- ``status`` (calls.py ``new_call``, call_life.py ``_set``, sip_calls.py's refusal):
  ``status``;
- ``fetch`` (ixml/engine.py ``ixml_begin``): ``url``, ``method``, ``fallback``, ``params``;
- ``document`` (ixml/engine.py ``ixml_fetched``): ``url``, ``status`` (HTTP),
  ``content_type``, and ``elements`` (verb names) or ``error`` ``{code, message}``;
- ``element`` (ixml/engine.py ``_run_next``): ``verb``, ``attributes``, ``text`` and the
  nested ``children`` (texts and attribute values shortened to 200 characters);
- ``digits`` (ixml/verbs.py Gather, live_calls.py Send Digits): ``digits``, ``input``
  (``dtmf``, ``speech``, ``send-digits``), ``action`` and ``method`` where they are posted;
- ``notification`` (ledger.py ``notify`` with a ``call_sid``): ``sid``, ``code``,
  ``message``, ``log`` (0, 1, 2) and ``level`` (ERROR, WARNING, INFO);
- ``interrupt`` (ixml/engine.py ``interrupt``) and ``redirect`` (the Redirect verb,
  answering-machine redirect): ``url``, ``method``.

A timeline keeps the newest ``CAP`` entries; how many older ones were dropped is counted in
the call's ``_timeline_dropped``. Both keys start with ``_``, so no API answer shows them,
and both are kept in snapshots.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from ...core.clock import iso_millis

#: the most entries a call's timeline keeps (the oldest go first)
CAP = 500
#: the longest text (of an element, an attribute) an entry keeps
TEXT_LIMIT = 200
#: how deep an element's nested children are described
DEPTH = 3


def record(call: dict, at: datetime, kind: str, **details: Any) -> dict:
    """Append ``{"at", "kind", **details}`` to the call's timeline, dropping (and
    counting) the oldest entries beyond ``CAP``; the entry."""
    entry = {"at": iso_millis(at), "kind": kind, **details}
    timeline = call.setdefault("_timeline", [])
    timeline.append(entry)
    over = len(timeline) - CAP
    if over > 0:
        del timeline[:over]
        call["_timeline_dropped"] = call.get("_timeline_dropped", 0) + over
    return entry


def shorten(text: Any) -> str:
    """``text`` as a string of at most ``TEXT_LIMIT`` characters (an ellipsis ends what
    was cut)."""
    text = "" if text is None else str(text)
    return text if len(text) <= TEXT_LIMIT else text[:TEXT_LIMIT - 1] + "…"


def element_details(element: dict, depth: int = DEPTH) -> dict:
    """An InboundXML element (document.py's form) as an ``element`` entry's details:
    ``verb``, ``attributes``, ``text``, and ``children`` (described ``depth`` deep)."""
    details = {"verb": element["tag"],
               "attributes": {shorten(k): shorten(v) for k, v in element["attrs"].items()},
               "text": shorten(element["text"])}
    if element["children"] and depth > 1:
        details["children"] = [element_details(child, depth - 1)
                               for child in element["children"]]
    return details


def fetched(attempt: dict, elements: list[dict] | None = None,
            error: Exception | None = None) -> dict:
    """A ``document`` entry's details from the fetch's recorded attempt: ``url``, HTTP
    ``status`` (None when nothing answered), ``content_type``, then the verb names of
    ``elements`` or ``error`` ``{code, message, details}`` (an AvayaError)."""
    details = {"url": attempt.get("url"), "status": attempt.get("status"),
               "content_type": attempt.get("content_type")}
    if error is not None:
        details["error"] = {"code": getattr(error, "code", None),
                            "message": getattr(error, "message", str(error)),
                            "details": shorten(getattr(error, "details", None) or "")}
    else:
        details["elements"] = [element["tag"] for element in elements or ()]
    return details
