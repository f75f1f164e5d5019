"""Call routes (seed 004, Make Call, View Call, List Calls). The live-call operations
(Interrupt, Send Digits, Play, Effect) are in live_calls.py; Record Live Call in
recordings.py. ``POST /Calls`` with a ``CallSid`` is Interrupt Live Call or Send Digits to
Live Call: the seed writes both at ``.../Calls.json`` with ``CallSid`` a parameter."""
from __future__ import annotations

from ..calls import CALL_PARAMS
from ..live_calls import UPDATE_PARAMS
from .api import Call, Router, form, host_url, query

ELEMENT = "Call"


def base_url(call: Call) -> str:
    """The absolute URL of the mount the client came through (``http://host/avaya``)."""
    return host_url() + call.mount


def register(api: Router) -> None:
    """Add the Call routes."""
    backend = api.backend

    @api.route("/Calls", ["POST"])
    def make_call(call: Call):
        """POST /Calls with To, From, Url and the documented options; with a ``CallSid``
        (which Make Call does not take), Interrupt or Send Digits on that call."""
        if any(key.lower() == "callsid" for key in (*query(), *form())):
            params = call.params(("CallSid",) + UPDATE_PARAMS)
            call_sid = (params.values.pop("CallSid") or "").strip()
            return call.one(backend.update_live_call(call.account_sid, call_sid, params),
                            ELEMENT)
        return call.one(backend.make_call(call.account_sid, call.params(CALL_PARAMS),
                                          base_url(call)), ELEMENT)

    @api.route("/Calls", ["GET"])
    def list_calls(call: Call):
        """GET /Calls with To, From, Status, StartTime, SipDomain, Page, PageSize."""
        return call.page(backend.list_calls(call.account_sid, call.args, call.window()),
                         "calls", ELEMENT)

    @api.route("/Calls/<sid:call_sid>", ["GET"])
    def view_call(call: Call, call_sid: str):
        """GET /Calls/{CallSid}."""
        return call.one(backend.view_call(call.account_sid, call_sid), ELEMENT)

