"""The life of a message after it is accepted, as events on the mock clock, and what is
delivered to clients' URLs along the way (seed 004, Send SMS and Send MMS: StatusCallback,
StatusCallbackMethod; Add/Update Number: SmsUrl, SmsMethod, SmsFallbackUrl). Part of the
Avaya backend (a mixin); no Flask here.

An outbound SMS or MMS is ``queued`` when the POST answers, ``sending`` a second later and
``sent`` five seconds after that (``AVAYA_MESSAGE_SENDING_DELAY`` and
``AVAYA_MESSAGE_SENT_DELAY`` in the config, in seconds). Each change is delivered to the
message's StatusCallback, form-encoded: in the query string for GET, as a form body for
POST. A delivery that fails (no 2xx) is tried again after each of
``AVAYA_CALLBACK_RETRY_DELAYS`` (default 10 and 60 seconds); when the last attempt fails a
Notification is written: 11200 ``HTTP retrieval failure`` when the URL answered with an
error status, 11205 ``HTTP connection failure`` when it could not be reached.
"""
from __future__ import annotations

from datetime import datetime

from .errors import MESSAGES, SLUG
from .ledger import ERROR
from .state import AvayaState
from .wire import rfc2822

PROGRESS = "message-status"
STATUS_CALLBACK = "message-callback"
INBOUND = "inbound-sms"
SENDING_DELAY, SENT_DELAY = 1.0, 5.0
RETRY_DELAYS = (10.0, 60.0)
#: the status each status follows
PREVIOUS = {"sending": "queued", "sent": "sending"}
#: each kind of message: its state collection, SID key and callback names
KINDS = {"sms": ("sms", "sid", "SmsSid", "SmsStatus"),
         "mms": ("mms", "mms_sid", "MmsSid", "MmsStatus")}
HTTP_RETRIEVAL_FAILURE, HTTP_CONNECTION_FAILURE = 11200, 11205


def _seconds(value, default: float) -> float:
    return float(value) if value not in (None, "") else default


def _delays(value) -> tuple[float, ...]:
    if value is None:
        return RETRY_DELAYS
    if isinstance(value, str):
        value = [part for part in value.replace(" ", "").split(",") if part]
    return tuple(float(part) for part in value)


def callback_fields(kind: str, record: dict) -> dict[str, str]:
    """What a StatusCallback carries about a message (Twilio and Zang style names)."""
    _, sid_key, sid_name, status_name = KINDS[kind]
    fields = {"AccountSid": record["account_sid"], sid_name: record[sid_key],
              "From": record["from"], "To": record["to"], "Body": record["body"] or ""}
    if kind == "mms":
        fields["MediaUrl"] = record["media_url"]
    fields.update({status_name: record["status"], "Direction": record["direction"],
                   "DateSent": record["date_sent"] or "", "Price": record["price"],
                   "ApiVersion": "v2"})
    return fields


class MessageStatus:
    """Status changes, status callbacks and inbound deliveries of the Avaya backend."""

    def setup_part(self) -> None:
        """Read the delays from the config; register the status-change event and the
        delivery result handlers (once, when the backend is built)."""
        config = self.services.config
        self.sending_delay = _seconds(config.get("AVAYA_MESSAGE_SENDING_DELAY"), SENDING_DELAY)
        self.sent_delay = _seconds(config.get("AVAYA_MESSAGE_SENT_DELAY"), SENT_DELAY)
        self.retry_delays = _delays(config.get("AVAYA_CALLBACK_RETRY_DELAYS"))
        self.services.scheduler.register(SLUG, PROGRESS, self.progress_message)
        self.services.webhooks.register(SLUG, STATUS_CALLBACK, self.callback_attempted)
        self.services.webhooks.register(SLUG, INBOUND, self.inbound_attempted)

    def queue_message(self, state: AvayaState, kind: str, sid: str) -> None:
        """A message was accepted (``queued``): it goes ``sending`` after the delay."""
        self.services.scheduler.schedule(SLUG, state.account["sid"], PROGRESS,
                                         {"kind": kind, "sid": sid, "status": "sending"},
                                         delay=self.sending_delay)

    def progress_message(self, tenant_id: str, payload: dict, at: datetime) -> None:
        """Scheduler handler: a message moves on to the payload's status; the change goes
        to its StatusCallback, and a ``sending`` message is ``sent`` after the delay."""
        tenant = self.store.peek(tenant_id)
        if tenant is None:
            return
        kind, status = payload["kind"], payload["status"]
        with tenant.lock:
            record = getattr(tenant.state, KINDS[kind][0]).get(payload["sid"])
            if record is None or record["status"] != PREVIOUS[status]:
                return
            now = rfc2822(at)
            record["status"], record["date_updated"] = status, now
            if status == "sent":
                record["date_sent"] = now
            callback = record.get("_callback")
            fields = callback_fields(kind, record) if callback else None
        if status == "sending":
            self.services.scheduler.schedule(SLUG, tenant_id, PROGRESS,
                                             dict(payload, status="sent"),
                                             delay=self.sent_delay)
        if callback:
            self.deliver(tenant_id, STATUS_CALLBACK, callback["url"], callback["method"],
                         fields, {"kind": kind, "sid": payload["sid"]})

    def deliver(self, tenant_id: str, kind: str, url: str, method: str,
                fields: dict[str, str], context: dict) -> None:
        """Send ``fields`` form-encoded to ``url``: as the query for GET, a form body for
        POST; retried after each of the retry delays while it fails."""
        self.services.webhooks.send(
            SLUG, tenant_id, method=method, url=url,
            params=fields if method == "GET" else None,
            form=fields if method != "GET" else None,
            kind=kind, context={**context, "fields": fields},
            retry_delays=list(self.retry_delays))

    def callback_attempted(self, tenant_id: str, context: dict, attempt: dict,
                           final: bool) -> None:
        """Webhook result handler of StatusCallbacks: a Notification when the last attempt
        has failed."""
        if not attempt["ok"] and final:
            self.delivery_failed(tenant_id, context, attempt)

    def inbound_attempted(self, tenant_id: str, context: dict, attempt: dict,
                          final: bool) -> None:
        """Webhook result handler of inbound SMS deliveries: when the last attempt at the
        SmsUrl has failed, a Notification, then the SmsFallbackUrl if there is one; when
        it succeeded, the InboundXML it answered runs (ixml/sms_reply.py)."""
        if attempt["ok"]:
            from .ixml.sms_reply import run_sms_reply
            run_sms_reply(self, tenant_id, context, attempt)
            return
        if not final:
            return
        self.delivery_failed(tenant_id, context, attempt)
        fallback = context.get("fallback")
        if fallback:
            self.deliver(tenant_id, INBOUND, fallback["url"], fallback["method"],
                         context["fields"], {"kind": "sms", "sid": context["sid"]})

    def delivery_failed(self, tenant_id: str, context: dict, attempt: dict) -> None:
        """Write the Notification of a delivery whose last attempt failed."""
        tenant = self.store.peek(tenant_id)
        if tenant is None:
            return
        code = HTTP_CONNECTION_FAILURE if attempt["status"] is None else HTTP_RETRIEVAL_FAILURE
        response = attempt["response"] if attempt["status"] is not None else attempt["error"]
        with tenant.lock:
            self.notify(tenant.state, code, MESSAGES[code], log=ERROR,
                        request_url=attempt["url"], request_method=attempt["method"],
                        request_variables=context.get("fields"),
                        response_body=response or "")
