"""MMS (seed 004, Send MMS, View MMS, List MMS) at ``/MMS/Messages``. Part of the Avaya
backend (a mixin); no Flask here.

The resource is the seed's View MMS, as the real API answered it (the recorded responses
of the Avaya CPaaS Python SDK and the PHP SDK's test): ``mms_sid`` (prefix ``MM``),
``media_url``, ``apiVersion`` spelt so, direction ``outbound`` for an MMS sent through the
API; ``uri`` is added as on every resource.

Send: ``To``, ``From``, ``MediaUrl`` required, ``Body``, ``StatusCallback``,
``StatusCallbackMethod``; ``AllowMultiple`` (which zang-node sends with every MMS) is
accepted and ignored. Which mistake answers with which code (docs/providers/avaya.md):
``MediaUrl`` missing or not an http(s) URL: 14115; its extension not one of the seed's
media types (amr, mp3, wav, jpg or jpeg, gif, png, mp4): 14117; ``To`` outside the US and
Canada: 31010; a trial account sending outside the US: 80002; ``From`` not MMS capable:
14108; the rest as for SMS. The media is not fetched, so its size (750 KB) is not checked.
An MMS is one unit, priced by destination and charged as product 3 "Outbound SMS" (the
seed's product list has no MMS product).
"""
from __future__ import annotations

from .accounts import account_path
from .errors import AvayaError
from .ledger import OUTBOUND_SMS
from .message_rules import MMS_COUNTRIES, checked_text, media_type, price
from .outbound import ADDRESSES, Outbound, present_message
from .params import Params, valid_url
from .state import AvayaState
from .wire import rfc2822

MMS_PARAMS = ("To", "From", "MediaUrl", "Body", "StatusCallback", "StatusCallbackMethod",
              "AllowMultiple")


def mms_path(account_sid: str, sid: str) -> str:
    """The ``uri`` of an MMS."""
    return f"{account_path(account_sid)}/MMS/Messages/{sid}"


def checked_media(raw: str | None) -> str:
    """The MediaUrl: 14115 when missing or not an http(s) URL, 14117 when its extension is
    not a supported media type."""
    url = (raw or "").strip()
    if not url or not valid_url(url):
        raise AvayaError(14115, details="MediaUrl must be an http(s) URL of the media"
                         if url else "MediaUrl is required")
    if media_type(url) is None:
        raise AvayaError(14117, details=f"{url} does not end in amr, mp3, wav, jpg, gif, "
                                        "png or mp4")
    return url


class MmsMessages(Outbound):
    """MMS of the Avaya backend."""

    def send_mms(self, account_sid: str, params: Params) -> dict:
        """Send MMS: checked (codes in the module doc), stored ``queued``, charged, and
        moved on by the mock clock."""
        with self.locked(account_sid) as state:
            return present_message(self.store_mms(state, params))

    def store_mms(self, state: AvayaState, params: Params,
                  direction: str = "outbound") -> dict:
        """Check, store, charge and queue an MMS of the account (Send MMS, and InboundXML's
        Mms with direction ``outbound-call`` or ``outbound-reply``); its record."""
        self.require_active(state)
        self.require_present(params, ADDRESSES)
        media_url = checked_media(params.get("MediaUrl"))
        body = checked_text(params.get("Body") or "")
        callback = self.checked_callback(params)
        ends = self.checked_addresses(state, params, "mms")
        self.check_recipient(state, ends, 80002)
        self.check_flood(state, "mms", body)
        if ends.to_region not in MMS_COUNTRIES:
            raise AvayaError(31010, details=f"MMS goes to the US and Canada only, not "
                                            f"{ends.to_region}")
        per_unit = self.unit_price("mms_outbound", ends.to_region)
        account_sid = state.account["sid"]
        sid = self.new_sid(state, "MM")
        now = rfc2822(self.clock.now())
        record = {"account_sid": account_sid, "apiVersion": "v2", "body": body,
                  "date_created": now, "date_sent": None, "date_updated": now,
                  "direction": direction, "from": ends.from_, "media_url": media_url,
                  "mms_sid": sid, "price": price(per_unit, 1), "status": "queued",
                  "to": ends.to, "uri": mms_path(account_sid, sid),
                  "_callback": callback}
        state.mms[sid] = record
        self.charge(state, OUTBOUND_SMS, 1, per_unit)
        self.queue_message(state, "mms", sid)
        return record
