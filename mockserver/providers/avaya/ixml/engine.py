"""The InboundXML engine: a part (mixin) of the Avaya backend; no Flask here.

When a call connects, the engine requests its Url with its Method and the call's
parameters (call_life.call_fields; query string for GET, form body for POST), as a
webhook delivery, so every request is recorded in ``GET /_mock/webhooks``. What comes
back is checked and parsed (document.py), then run one element at a time as events on the
mock clock (``ixml-step``): each verb (verbs.py and the modules that register more) says
what follows and after how long. A call's place in its document is kept on the call
(``_run``: the document's URL, its elements, the next position, and a sequence number that
retires the events of a document once another replaces it).

Errors (seed 004 error table): an unreachable URL 11205 (11210 when the host name does
not resolve), a non-2xx answer 11200, a Content-Type that is not XML 12300, a document that
does not parse 12100, a root that is not Response 12102, an unknown verb 12200, a bad
attribute its verb's 13xxx code. Each writes a Notification on the call (with the request
and what came back); then, when the call has a FallbackUrl and the failing document was not
already the fallback's, the fallback is requested (and a 12105 warning written); otherwise
the call ends.

Interrupt Live Call (``interrupt``) "intervenes with the InboundXML on completing the
current running element" (the seed): the new URL is requested between two elements.
"""
from __future__ import annotations

from datetime import datetime

from .. import timeline
from ..errors import MESSAGES, SLUG, AvayaError
from ..ledger import ERROR, WARNING
from ..state import AvayaState
from .document import is_xml_type, parse
from .outcome import Outcome, fetch, go_on
from .verbs import VERBS
from . import dial, messaging, misc, record  # noqa: F401  (they register their verbs)

STEP = "ixml-step"
FETCH = "ixml-fetch"
HTTP_RETRIEVAL, HTTP_CONNECTION, BAD_HOST, BAD_TYPE = 11200, 11205, 11210, 12300
UNKNOWN_VERB, FALLBACK_USED = 12200, 12105


class InboundXml:
    """Fetching and running InboundXML documents for calls."""

    def setup_part(self) -> None:
        """Register the step event and the fetch result handler."""
        self.services.scheduler.register(SLUG, STEP, self.ixml_step)
        self.services.webhooks.register(SLUG, FETCH, self.ixml_fetched)

    # -- fetching ----------------------------------------------------------------------------

    def ixml_begin(self, state: AvayaState, call: dict, url: str, method: str,
                   extra: dict | None = None, *, fallback: bool = False) -> None:
        """Request a document for the call (its Url when it connects, an action, a
        Redirect, an interruption); what comes back replaces what the call was running."""
        from ..call_life import call_fields
        run = call.setdefault("_run", {"seq": 0})
        run.update(seq=run["seq"] + 1, url=url, method=method, doc=None, pos=0,
                   fallback=fallback, wait=None)
        fields = call_fields(call)
        fields.update(extra or {})
        timeline.record(call, self.clock.now(), "fetch", url=url, method=method,
                        fallback=fallback, params=dict(fields))
        self.services.webhooks.send(
            SLUG, state.account["sid"], method=method, url=url,
            params=fields if method == "GET" else None,
            form=fields if method != "GET" else None, kind=FETCH,
            context={"sid": call["sid"], "seq": run["seq"], "fields": fields})

    def ixml_fetched(self, tenant_id: str, context: dict, attempt: dict, final: bool) -> None:
        """Webhook result handler: the document arrived (or did not); check, parse, run."""
        tenant = self.store.peek(tenant_id)
        if tenant is None:
            return
        with tenant.lock:
            call = tenant.state.calls.get(context["sid"])
            if call is None or not self._current(call, context["seq"]):
                return
            try:
                call["_run"]["doc"] = self._document(attempt)
            except AvayaError as err:
                timeline.record(call, self.clock.now(), "document",
                                **timeline.fetched(attempt, error=err))
                self.ixml_failed(tenant.state, call, err, attempt, context.get("fields"))
                return
            timeline.record(call, self.clock.now(), "document",
                            **timeline.fetched(attempt, call["_run"]["doc"]))
            self._schedule_step(tenant.state, call, 0)

    def _document(self, attempt: dict) -> list[dict]:
        if attempt["status"] is None:
            error = attempt["error"] or ""
            code = BAD_HOST if "NameResolution" in error or "not known" in error \
                or "getaddrinfo" in error else HTTP_CONNECTION
            raise AvayaError(code, details=error)
        if not 200 <= attempt["status"] < 300:
            raise AvayaError(HTTP_RETRIEVAL, details=f"the URL answered {attempt['status']}")
        if not is_xml_type(attempt.get("content_type")):
            raise AvayaError(BAD_TYPE, details=f"Content-Type {attempt['content_type']}")
        return parse(attempt["response"] or "")

    def _current(self, call: dict, seq: int) -> bool:
        run = call.get("_run")
        return bool(run) and run["seq"] == seq and call["status"] == "in-progress"

    def ixml_failed(self, state: AvayaState, call: dict, err: AvayaError,
                    attempt: dict | None = None, fields: dict | None = None) -> None:
        """A document failed: a Notification on the call, then the FallbackUrl (once) or
        the end of the call."""
        run = call["_run"]
        self.notify(state, err.code, MESSAGES.get(err.code, err.message), log=ERROR,
                    request_url=run["url"], request_method=run["method"],
                    request_variables=fields or {}, call_sid=call["sid"],
                    response_body=(attempt or {}).get("response") or err.describe())
        fallback = call.get("_fallback")
        if fallback and not run.get("fallback"):
            self.notify(state, FALLBACK_USED, MESSAGES[FALLBACK_USED], log=WARNING,
                        request_url=fallback["url"], request_method=fallback["method"],
                        call_sid=call["sid"])
            self.ixml_begin(state, call, fallback["url"], fallback["method"],
                            {"ErrorCode": str(err.code), "ErrorUrl": run["url"]},
                            fallback=True)
            return
        self.end_call(state, call, "completed")

    # -- running -----------------------------------------------------------------------------

    def _schedule_step(self, state: AvayaState, call: dict, seconds: float,
                       then: dict | None = None) -> None:
        payload = {"sid": call["sid"], "seq": call["_run"]["seq"]}
        if then:
            payload["fetch"] = then
        self.services.scheduler.schedule(SLUG, state.account["sid"], STEP, payload,
                                         delay=seconds)

    def ixml_step(self, tenant_id: str, payload: dict, at: datetime) -> None:
        """Scheduler handler: the element running has finished; run the next (or the
        interruption, or the requested document)."""
        tenant = self.store.peek(tenant_id)
        if tenant is None:
            return
        with tenant.lock:
            state = tenant.state
            call = state.calls.get(payload["sid"])
            if call is None or not self._current(call, payload["seq"]):
                return
            interruption = call.pop("_interrupt", None)
            if interruption:
                self.ixml_begin(state, call, interruption["url"], interruption["method"])
                return
            if payload.get("fetch"):
                then = payload["fetch"]
                self.ixml_begin(state, call, then["url"], then["method"], then["fields"])
                return
            self._run_next(state, call)

    def _run_next(self, state: AvayaState, call: dict) -> None:
        run = call["_run"]
        if run["doc"] is None:
            return
        if run["pos"] >= len(run["doc"]):
            self.ixml_document_done(state, call)
            return
        element = run["doc"][run["pos"]]
        run["pos"] += 1
        run["wait"] = None
        timeline.record(call, self.clock.now(), "element", **timeline.element_details(element))
        try:
            run_verb = VERBS.get(element["tag"])
            if run_verb is None:
                raise AvayaError(UNKNOWN_VERB, details=f"unknown verb <{element['tag']}>")
            outcome = run_verb(self, state, call, element)
        except AvayaError as err:
            self.ixml_failed(state, call, err)
            return
        self.ixml_follow(state, call, outcome, element)

    def ixml_document_done(self, state: AvayaState, call: dict) -> None:
        """The call ran the last element of its document: it ends (a dialled leg that ran
        its Number ``url`` document is bridged instead: ixml/dial.py)."""
        self.end_call(state, call, "completed")

    def ixml_follow(self, state: AvayaState, call: dict, outcome: Outcome,
                    element: dict | None = None) -> None:
        """Carry out what an element led to."""
        if outcome.kind == "next":
            self._schedule_step(state, call, outcome.seconds)
        elif outcome.kind == "fetch":
            self._schedule_step(state, call, outcome.seconds,
                                {"url": outcome.url, "method": outcome.method,
                                 "fields": outcome.fields})
        elif outcome.kind == "hangup":
            self.end_call(state, call, outcome.status)
        else:
            call["_run"]["wait"] = element["tag"] if element else "wait"

    def ixml_continue(self, state: AvayaState, call: dict, fields: dict | None = None,
                      action: dict | None = None) -> None:
        """What a waiting element waited for has happened (a dialled leg ended, a
        conference ended): request ``action`` (``{"url", "method"}``) with ``fields``, or
        go on with the next element."""
        if call["status"] != "in-progress" or not (call.get("_run") or {}).get("wait"):
            return
        call["_run"]["wait"] = None
        if action:
            self.ixml_follow(state, call, fetch(action["url"], action["method"], fields))
        else:
            self.ixml_follow(state, call, go_on(0))

    # -- from outside ------------------------------------------------------------------------

    def interrupt(self, state: AvayaState, call: dict, url: str, method: str) -> None:
        """Interrupt Live Call with a Url: a call not yet connected requests it when it
        connects; a connected one once the element running completes. An element that
        waits without end (a Dial, a conference, a loop of 0) completes by the
        interruption: its legs hang up, the conference is left."""
        timeline.record(call, self.clock.now(), "interrupt", url=url, method=method)
        if call["status"] != "in-progress":
            call["_url"], call["_method"] = url, method
            return
        if (call.get("_run") or {}).get("wait"):
            self._abandon_wait(state, call)
            self.ixml_begin(state, call, url, method)
            return
        call["_interrupt"] = {"url": url, "method": method}

    def _abandon_wait(self, state: AvayaState, call: dict) -> None:
        run = call["_run"]
        run["wait"] = None
        for leg_sid in run.pop("legs", []):
            leg = state.calls.get(leg_sid)
            if leg is not None:
                leg.pop("_bridge", None)
                self.end_call(state, leg, _hangup_status(leg))
        self.call_ended_conference(state, call)

    def ixml_call_ended(self, state: AvayaState, call: dict) -> None:
        """The call ended: its pending steps retire; legs it dialled hang up; a leg tells
        the call that dialled it."""
        run = call.get("_run")
        if run:
            run["seq"] += 1
        for leg_sid in (run or {}).get("legs", []):
            leg = state.calls.get(leg_sid)
            if leg is not None:
                self.end_call(state, leg, _hangup_status(leg))
        if call.get("_bridge"):
            parent = state.calls.get(call["parent_call_sid"])
            if parent is not None:
                self.ixml_leg_ended(state, parent, call)

    def ixml_leg_answered(self, state: AvayaState, leg: dict) -> None:
        """A leg dialled by Dial answered (Dial's module bridges it)."""

    def ixml_leg_ended(self, state: AvayaState, parent: dict, leg: dict) -> None:
        """A leg dialled by Dial ended: the Dial is over (Dial's module requests its
        action with DialCallStatus)."""
        self.ixml_continue(state, parent, {"DialCallStatus": leg["status"],
                                           "DialCallSid": leg["sid"],
                                           "DialCallDuration": str(leg["duration"])})


def _hangup_status(leg: dict) -> str:
    """How a leg ends when the call that dialled it stops: ``completed`` once it was
    answered, ``canceled`` while it still rings."""
    return "completed" if leg["status"] == "in-progress" else "canceled"
