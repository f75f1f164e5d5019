"""``/_mock/inbox/<name>``: a webhook target and document host inside the mock
(``core.inbox``). ``GET .../messages`` lists what arrived, ``DELETE .../messages`` forgets
it, ``GET``/``PUT .../reply`` shows or sets the answer; any other request to the inbox or
below it is a message."""
from __future__ import annotations

from flask import Blueprint, Response, request

from ..core.body import raw_body, read_json
from ..core.inbox import Inboxes
from ..core.render import json_response
from .common import refuse_unknown

METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]


def register(bp: Blueprint, inboxes: Inboxes) -> None:
    """Add the inbox endpoints to the control blueprint."""

    @bp.get("/inbox/<name>/messages")
    def inbox_messages(name: str):
        """GET /_mock/inbox/<name>/messages: what arrived, oldest first."""
        refuse_unknown(request.args, ())
        return json_response({"inbox": name, "messages": inboxes.messages(name)})

    @bp.delete("/inbox/<name>/messages")
    def clear_inbox(name: str):
        """DELETE /_mock/inbox/<name>/messages: forget what arrived (the reply stays)."""
        refuse_unknown(request.args, ())
        return json_response({"deleted": inboxes.clear(name)})

    @bp.get("/inbox/<name>/reply")
    def inbox_reply(name: str):
        """GET /_mock/inbox/<name>/reply: what the inbox answers."""
        return json_response(inboxes.reply_of(name))

    @bp.put("/inbox/<name>/reply")
    def set_inbox_reply(name: str):
        """PUT /_mock/inbox/<name>/reply: status, content_type, body, headers."""
        refuse_unknown(request.args, ())
        return json_response(inboxes.set_reply(name, read_json(request)))

    @bp.route("/inbox/<name>", methods=METHODS, strict_slashes=False)
    @bp.route("/inbox/<name>/<path:below>", methods=METHODS)
    def inbox_receive(name: str, below: str = ""):
        """Any request to an inbox: kept, and answered with its reply."""
        headers = {key: value for key, value in request.headers.items()}
        status, reply_headers, body = inboxes.receive(
            name, method=request.method, path="/" + below, headers=headers,
            query=request.query_string.decode("latin-1"), body=raw_body(request) or None)
        return Response(body, status=status, headers=reply_headers)
