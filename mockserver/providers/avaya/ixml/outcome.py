"""What running one InboundXML element leads to."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Outcome:
    """``next``: run the next element after ``seconds``; ``fetch``: after ``seconds``,
    request ``url`` with ``method`` and ``fields`` (an action, a Redirect) and run what it
    answers; ``hangup``: end the call with ``status``; ``wait``: nothing until something
    outside the document (a dialled leg, a conference, the far end) continues it."""

    kind: str
    seconds: float = 0.0
    url: str = ""
    method: str = "POST"
    fields: dict = field(default_factory=dict)
    status: str = "completed"


def go_on(seconds: float = 0.0) -> Outcome:
    """Run the next element after ``seconds``."""
    return Outcome("next", seconds)


def fetch(url: str, method: str, fields: dict | None = None, seconds: float = 0.0) -> Outcome:
    """After ``seconds``, request a new document."""
    return Outcome("fetch", seconds, url, method, dict(fields or {}))


def hang_up(status: str = "completed") -> Outcome:
    """End the call."""
    return Outcome("hangup", status=status)


def wait() -> Outcome:
    """Wait for something outside the document."""
    return Outcome("wait")
