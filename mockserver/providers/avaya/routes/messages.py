"""SMS and MMS routes (seed 004, Send/View/List SMS at ``/SMS/Messages``, Send/View/List
MMS at ``/MMS/Messages``)."""
from __future__ import annotations

from ..mms import MMS_PARAMS
from ..sms import SMS_PARAMS
from .api import Call, Router

#: each kind of message: its path, XML element and JSON list key
KINDS = {"sms": ("/SMS/Messages", "SmsMessage", "sms_messages"),
         "mms": ("/MMS/Messages", "MmsMessage", "mms_messages")}


def register(api: Router) -> None:
    """Add the SMS and MMS routes."""
    backend = api.backend

    @api.route("/SMS/Messages", ["POST"])
    def sms_send(call: Call):
        """POST /SMS/Messages with To, From, Body, StatusCallback(Method), AllowMultiple."""
        return call.one(backend.send_sms(call.account_sid, call.params(SMS_PARAMS)),
                        KINDS["sms"][1])

    @api.route("/MMS/Messages", ["POST"])
    def mms_send(call: Call):
        """POST /MMS/Messages with To, From, MediaUrl, Body, StatusCallback(Method)."""
        return call.one(backend.send_mms(call.account_sid, call.params(MMS_PARAMS)),
                        KINDS["mms"][1])

    for kind in KINDS:
        register_reading(api, kind)


def register_reading(api: Router, kind: str) -> None:
    """Add List and View of one kind of message (endpoints ``sms_list``, ``sms_view``,
    ``mms_list``, ``mms_view``)."""
    backend = api.backend
    path, element, list_key = KINDS[kind]

    def listing(call: Call):
        """GET /{SMS|MMS}/Messages?To&From&DateSent&Page&PageSize (SMS: Status, Direction)."""
        return call.page(backend.list_messages(call.account_sid, kind, call.args,
                                               call.window()), list_key, element)

    def viewing(call: Call, message_sid: str):
        """GET /{SMS|MMS}/Messages/{Sid}."""
        return call.one(backend.view_message(call.account_sid, kind, message_sid), element)

    listing.__name__, viewing.__name__ = f"{kind}_list", f"{kind}_view"
    api.route(path, ["GET"])(listing)
    api.route(f"{path}/<sid:message_sid>", ["GET"])(viewing)
