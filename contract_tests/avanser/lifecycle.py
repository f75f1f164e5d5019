"""Helpers of the AVANSER request and service contract tests: the seed's example bodies and
awaiting an asynchronous outcome by polling ``GET /requests`` (the documented way: "Request
status can be always monitored through the List Requests API call")."""
from __future__ import annotations

import copy

from .helpers import HEX32, ok

#: seconds a test waits for a request to leave ``pending`` (the mock takes 2 by default)
TIMEOUT = 15.0
DONE = ("completed", "failed", "reported")

#: the seed's "new voicemail service" example
VOICEMAIL = {
    "name": "TAPI Voicemail EXAMPLE", "custom_id": "tapi-voicemail-example-1",
    "service_number": {"country": "AU", "search_type": "number_type", "number_type": "MOBILE"},
    "service": {"type": "voicemail", "answer_point_name": "TAPI answer point EXAMPLE #2",
                "voicemail": "https://example.tld/audio/voicemail.mp3",
                "call_reporting": {"report": "missed",
                                   "email": {"subject": "call for Voicemail",
                                             "email_to": ["no-reply@avanser.com.au"],
                                             "template": "html_email_template"},
                                   "sms": {"mobile": "61420123123",
                                           "template": "text_sms_template"}}},
    "call_uri": "http://example.tld/debug.php?call-uri",
    "sms_forward_uri": "http://example.tld/debug.php?sms_forward_uri"}

#: the seed's "new transfer service" example (without its callback_uri: nothing listens)
TRANSFER = {
    "name": "TAPI Transfer EXAMPLE", "custom_id": "tapi-transfer-example-1",
    "service_number": {"country": "AU", "search_type": "szu", "szu": "sydney"},
    "service": {"type": "transfer", "answer_point_name": "TAPI answer point EXAMPLE #1",
                "answer_point": "61420123123",
                "call_whisper": "https://example.tld/audio/call_whisper.wav",
                "voicemail": "https://example.tld/audio/voicemail.wav", "record_call": False,
                "call_reporting": {"report": "none"}},
    "call_uri": "http://example.tld/debug.php?call-uri",
    "sms_forward_uri": "http://example.tld/debug.php?sms_forward_uri"}

#: the seed's "new prompt service" example: call_reporting at the top level
PROMPT = {
    "name": "TAPI Prompt EXAMPLE", "custom_id": "tapi-prompt-example-1",
    "service_number": {"country": "AU", "search_type": "number_type", "number_type": "MOBILE"},
    "service": {"type": "prompt", "answer_point_name": "TAPI answer point EXAMPLE #3",
                "call_greeting": "https://example.tld/audio/call_greeting.wav"},
    "call_reporting": {"report": "missed",
                       "email": {"subject": "call for Prompt",
                                 "email_to": ["no-reply@avanser.com.au"],
                                 "template": "html_email_template"},
                       "sms": {"mobile": "61420123123", "template": "text_sms_template"}},
    "call_uri": "http://example.tld/debug.php?call-uri",
    "sms_forward_uri": "http://example.tld/debug.php?sms_forward_uri"}

REQUEST_FIELDS = {"id", "request_type", "custom_id", "custom_group", "request_date",
                  "callback_date", "request_status", "message", "service_number",
                  "answer_point", "callback_url", "@links", "@callback"}
SERVICE_FIELDS = {"name", "service_number", "service", "call_uri", "sms_forward_uri",
                  "@links"}


def example(base: dict, **changes) -> dict:
    """A copy of an example body with top-level changes."""
    body = copy.deepcopy(base)
    body.update(changes)
    return body


def every_batch(avanser, path: str) -> list[dict]:
    """Every entry of a batched list (``/requests``, ``/services``), following ``@next``."""
    found: list[dict] = []
    while path:
        reply = avanser.get(path)
        assert reply.status_code == 200, reply.text
        body = reply.json()
        found.extend(body["response"])
        path = body.get("@next")
    return found


def all_requests(avanser) -> list[dict]:
    """Every request of the selected account."""
    return every_batch(avanser, "/requests")


def find_request(avanser, request_id: str) -> dict:
    """One request's List Requests entry."""
    return next(r for r in all_requests(avanser) if r["id"] == request_id)


def await_request(avanser, request_id: str, timeout: float = TIMEOUT) -> dict:
    """Poll until the request is done (completed, failed, reported); its entry."""
    waited = 0.0
    while True:
        entry = find_request(avanser, request_id)
        if entry["request_status"] in DONE or waited > timeout:
            return entry
        avanser.elapse(0.5)           # the mock's clock moves on; the real one is waited for
        waited += 0.5


def submit(avanser, body: dict) -> dict:
    """POST /requests; the Acknowledgment Reply's response, checked."""
    response = ok(avanser.post("/requests", json=body), "POST", "/requests")
    assert list(response) == ["service_number", "request_id", "message", "code"], response
    assert HEX32.fullmatch(response["request_id"])
    assert response["message"] == "Success" and response["code"] == 200
    return response


def create_service(avanser, body: dict) -> str:
    """Create a service and wait for it; its number."""
    ack = submit(avanser, body)
    entry = await_request(avanser, ack["request_id"])
    assert entry["request_status"] == "completed", entry
    return ack["service_number"]


def services(avanser) -> list[dict]:
    """Every active service."""
    return every_batch(avanser, "/services")
