"""Inboxes: named receivers inside the mock for webhooks and InboundXML documents, so a
test needs no server of its own.

Any request to ``/_mock/inbox/<name>`` (or any path below it) is kept as a message and
answered with the inbox's reply (by default 200 ``{"received": <id>}``); ``PUT
/_mock/inbox/<name>/reply`` changes what it answers (status, content type, body,
headers), so an inbox can host an InboundXML document or play a failing webhook target.
The webhook dispatcher hands a delivery to a URL under ``/_mock/inbox/`` straight to
``Inboxes.receive``, whatever the host, so this works in-process as well as over HTTP.
Each inbox keeps its latest ``size`` messages; reset clears them all.
"""
from __future__ import annotations

import itertools
import json
import threading
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable
from urllib.parse import parse_qs

from .clock import iso_millis
from .errors import BadRequest

PREFIX = "/_mock/inbox/"
REPLY_KEYS = ("status", "content_type", "body", "headers")


def parsed_body(body: bytes | None, content_type: str | None) -> Any:
    """A body as a test wants to read it: JSON as its value, a form as an object (a
    repeated key as a list), anything else as text (None when empty)."""
    if not body:
        return None
    text = body.decode("utf-8", "replace")
    kind = (content_type or "").split(";", 1)[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        form = parse_qs(text, keep_blank_values=True)
        return {key: values[0] if len(values) == 1 else values for key, values in form.items()}
    if kind == "application/json" or kind.endswith("+json") or text[:1] in "{[":
        try:
            return json.loads(text)
        except ValueError:
            pass
    return text


@dataclass
class Reply:
    """What an inbox answers."""

    status: int = 200
    content_type: str = "application/json"
    body: str | None = None               # None: {"received": <message id>}
    headers: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The reply as the control API shows it."""
        return {"status": self.status, "content_type": self.content_type,
                "body": self.body, "headers": dict(self.headers)}


@dataclass
class Inbox:
    """One named inbox: its messages (newest last) and its reply."""

    messages: deque
    reply: Reply = field(default_factory=Reply)


class Inboxes:
    """Every inbox of one app, created on first use."""

    def __init__(self, now: Callable[[], datetime], size: int = 1000) -> None:
        self._now = now
        self._size = max(1, size)
        self._boxes: dict[str, Inbox] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def _box(self, name: str) -> Inbox:
        box = self._boxes.get(name)
        if box is None:
            box = self._boxes[name] = Inbox(deque(maxlen=self._size))
        return box

    def receive(self, name: str, *, method: str, path: str, headers: dict[str, str],
                query: str, body: bytes | None) -> tuple[int, dict[str, str], bytes]:
        """Keep one arriving request; return the answer: status, headers, body."""
        content_type = next((v for k, v in headers.items() if k.lower() == "content-type"),
                            None)
        with self._lock:
            box = self._box(name)
            message_id = next(self._ids)
            box.messages.append({
                "id": message_id, "time": iso_millis(self._now()), "method": method.upper(),
                "path": path or "/", "headers": dict(headers),
                "query": {k: v[0] if len(v) == 1 else v
                          for k, v in parse_qs(query, keep_blank_values=True).items()},
                "content_type": content_type, "body": parsed_body(body, content_type)})
            reply = box.reply
        text = reply.body if reply.body is not None else json.dumps({"received": message_id})
        return reply.status, {"Content-Type": reply.content_type, **reply.headers}, \
            text.encode("utf-8")

    def summary(self) -> list[dict[str, Any]]:
        """Every inbox used so far: its name, how many messages it keeps and when the last
        arrived (None before any), by name."""
        with self._lock:
            boxes = sorted(self._boxes.items())
            return [{"name": name, "messages": len(box.messages),
                     "last": box.messages[-1]["time"] if box.messages else None}
                    for name, box in boxes]

    def messages(self, name: str) -> list[dict[str, Any]]:
        """What arrived at an inbox, oldest first (an unused inbox has none)."""
        with self._lock:
            box = self._boxes.get(name)
            return list(box.messages) if box else []

    def set_reply(self, name: str, spec: Any) -> dict[str, Any]:
        """Change what an inbox answers, all or nothing (a 400 names a bad field)."""
        reply = _parse_reply(spec)
        with self._lock:
            self._box(name).reply = reply
        return reply.to_json()

    def reply_of(self, name: str) -> dict[str, Any]:
        """What an inbox answers now."""
        with self._lock:
            box = self._boxes.get(name)
            return (box.reply if box else Reply()).to_json()

    def clear(self, name: str | None = None) -> int:
        """Forget one inbox's messages (its reply stays), or every inbox; return how many
        messages went."""
        with self._lock:
            if name is not None:
                box = self._boxes.get(name)
                count = len(box.messages) if box else 0
                if box:
                    box.messages.clear()
                return count
            count = sum(len(box.messages) for box in self._boxes.values())
            self._boxes.clear()
            self._ids = itertools.count(1)      # as after a fresh start
            return count


def _parse_reply(spec: Any) -> Reply:
    if not isinstance(spec, dict):
        raise BadRequest(details="the reply must be a JSON object with any of "
                                 + ", ".join(REPLY_KEYS))
    unknown = sorted(set(spec) - set(REPLY_KEYS))
    if unknown:
        raise BadRequest(fields={unknown[0]: f"unknown key; a reply takes "
                                             f"{', '.join(REPLY_KEYS)}"})
    reply = Reply()
    status = spec.get("status", 200)
    if isinstance(status, bool) or not isinstance(status, int) or not 200 <= status <= 599:
        raise BadRequest(fields={"status": f"must be an integer from 200 to 599, not "
                                           f"{status!r}"})
    reply.status = status
    content_type = spec.get("content_type", reply.content_type)
    if not isinstance(content_type, str) or not content_type.isascii() \
            or not content_type.isprintable() or "/" not in content_type:
        raise BadRequest(fields={"content_type": f"must be a media type such as text/xml, "
                                                 f"not {content_type!r}"})
    reply.content_type = content_type
    body = spec.get("body")
    if body is not None and not isinstance(body, str):
        if not isinstance(body, (dict, list)):
            raise BadRequest(fields={"body": "must be a string, or JSON to answer as JSON"})
        body = json.dumps(body)
    reply.body = body
    headers = spec.get("headers", {})
    if not isinstance(headers, dict) or not all(
            isinstance(k, str) and k.isascii() and k.replace("-", "").isalnum()
            and isinstance(v, str) and v.isascii() and v.isprintable()
            for k, v in headers.items()):
        raise BadRequest(fields={"headers": "must be an object of header names to "
                                            "printable ASCII strings"})
    reply.headers = dict(headers)
    return reply
