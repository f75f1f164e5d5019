"""Applications (seed 004, View/Create/Update/Delete/List Application). Part of the Avaya
backend (a mixin); no Flask here.

An Application is a reusable set of voice and SMS URLs that numbers point at by
``VoiceApplicationSid`` / ``SmsApplicationSid`` / ``MmsApplicationSid``. The fields are the
seed's View Application list, spelled as the real API answered (zang-python's recorded
``application.json``): ``heartbeat_url`` and ``heartbeat_method`` where the seed's list says
``hearbeat_*``, and ``client_count`` (always 0: application clients are not emulated).
Which mistake answers with which code is in docs/providers/avaya.md.
"""
from __future__ import annotations

from .accounts import MAX_FRIENDLY_NAME, account_path
from .errors import AvayaError, NotFound
from .paging import Listing, Window
from .params import Params
from .state import AvayaState
from .wire import rfc2822

#: the URL parameters and the code a malformed value answers with: the table's
#: parameter-specific codes where it has one (21229, 21232), else 21402 "Invalid Url"
URL_PARAMS = {"VoiceUrl": 21402, "VoiceFallbackUrl": 21402, "SmsUrl": 21402,
              "SmsFallbackUrl": 21402, "HeartbeatUrl": 21232, "StatusCallback": 21229,
              "HangupCallback": 21229}
#: each method parameter and the URL parameter it belongs to
METHOD_PARAMS = {"VoiceMethod": "VoiceUrl", "VoiceFallbackMethod": "VoiceFallbackUrl",
                 "SmsMethod": "SmsUrl", "SmsFallbackMethod": "SmsFallbackUrl",
                 "HeartbeatMethod": "HeartbeatUrl",
                 "StatusCallbackMethod": "StatusCallback",
                 "HangupCallbackMethod": "HangupCallback"}
#: every body parameter Create and Update Application document
APPLICATION_PARAMS = ("FriendlyName", "VoiceCallerIdLookup", *URL_PARAMS, *METHOD_PARAMS)
#: the parameters' keys in the resource
KEYS = {"VoiceUrl": "voice_url", "VoiceMethod": "voice_method",
        "VoiceFallbackUrl": "voice_fallback_url", "VoiceFallbackMethod": "voice_fallback_method",
        "SmsUrl": "sms_url", "SmsMethod": "sms_method", "SmsFallbackUrl": "sms_fallback_url",
        "SmsFallbackMethod": "sms_fallback_method", "HeartbeatUrl": "heartbeat_url",
        "HeartbeatMethod": "heartbeat_method", "StatusCallback": "status_callback",
        "StatusCallbackMethod": "status_callback_method", "HangupCallback": "hangup_callback",
        "HangupCallbackMethod": "hangup_callback_method"}
#: "Allowed values are "true" and "false"" (the seed); zang-python sends Python's
#: ``True``/``False`` and the Params convention also reads 1 and 0
BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


class Applications:
    """Applications of the Avaya backend."""

    def create_application(self, sid: str, params: Params) -> dict:
        """Create Application: every documented parameter; ``FriendlyName`` defaults to
        the new SID; methods to POST; URLs to ""."""
        with self.locked(sid) as state:
            self.require_active(state)
            changes = application_changes(params, creating=True)
            app_sid = self.new_sid(state, "AP")
            now = rfc2822(self.clock.now())
            record = {
                "sid": app_sid, "friendly_name": app_sid, "account_sid": sid,
                "voice_url": "", "voice_method": "POST", "voice_fallback_url": "",
                "voice_fallback_method": "POST", "voice_caller_id_lookup": False,
                "date_created": now, "date_updated": now,
                "sms_url": "", "sms_method": "POST", "sms_fallback_url": "",
                "sms_fallback_method": "POST", "heartbeat_url": "", "heartbeat_method": "POST",
                "status_callback": "", "status_callback_method": "POST",
                "hangup_callback": "", "hangup_callback_method": "POST",
                "client_count": 0, "api_version": "v2",
                "uri": f"{account_path(sid)}/Applications/{app_sid}",
            }
            check_fallbacks({**record, **changes})
            record.update(changes)
            state.applications[app_sid] = record
            return dict(record)

    def view_application(self, sid: str, app_sid: str) -> dict:
        """View Application; 21227 (404) for an unknown SID."""
        with self.locked(sid) as state:
            return dict(self._application(state, app_sid))

    def list_applications(self, sid: str, args, window: Window) -> Listing:
        """List Applications, oldest first as created; ``FriendlyName`` keeps those whose
        name is exactly the one given (white space around it trimmed)."""
        name = (args.get("FriendlyName") or "").strip()
        with self.locked(sid) as state:
            records = [dict(app) for app in state.applications.values()
                       if not name or app["friendly_name"] == name]
            return window.slice(records)

    def update_application(self, sid: str, app_sid: str, params: Params) -> dict:
        """Update Application: only the parameters given change."""
        with self.locked(sid) as state:
            self.require_active(state)
            record = self._application(state, app_sid)
            changes = application_changes(params, creating=False)
            check_fallbacks({**record, **changes})
            if changes:
                record.update(changes)
                record["date_updated"] = rfc2822(self.clock.now())
            return dict(record)

    def delete_application(self, sid: str, app_sid: str) -> dict:
        """Delete Application: answers with the deleted resource. Numbers that used it
        keep working and forget it (their ``*_application_sid`` becomes "")."""
        with self.locked(sid) as state:
            self.require_active(state)
            record = self._application(state, app_sid)
            now = rfc2822(self.clock.now())
            for number in state.numbers.values():
                used = [key for key, value in number.items()
                        if key.endswith("application_sid") and value == app_sid]
                for key in used:
                    number[key] = ""
                if used and "date_updated" in number:
                    number["date_updated"] = now
            del state.applications[app_sid]
            return dict(record)

    def _application(self, state: AvayaState, app_sid: str) -> dict:
        record = state.applications.get(app_sid)
        if record is None:
            raise NotFound("Application", app_sid)
        return record


def application_changes(params: Params, *, creating: bool) -> dict:
    """The resource keys the parameters set, all validated before anything changes:
    20002 for a FriendlyName longer than 64 characters (or, on update, blank), and what
    ``url_settings`` checks."""
    changes: dict = {}
    name = params.text("FriendlyName")
    if name is not None and (name or not creating):
        if not name or len(name) > MAX_FRIENDLY_NAME:
            raise AvayaError(20002, details="FriendlyName must be 1 to "
                                            f"{MAX_FRIENDLY_NAME} characters")
        changes["friendly_name"] = name
    changes.update(url_settings(params))
    return changes


def url_settings(params: Params) -> dict:
    """The URL, method and caller-ID-lookup keys the parameters set (an Application's,
    and an IncomingPhoneNumber's, which take the same ones): 12301 for a URL longer than
    200 characters, ``URL_PARAMS[name]`` for a malformed one, any method but GET is POST,
    10022 for a VoiceCallerIdLookup other than true or false (a bool here)."""
    changes: dict = {}
    for param, code in URL_PARAMS.items():
        url = params.url(param, invalid=code)
        if url is not None:
            changes[KEYS[param]] = url
    for param in METHOD_PARAMS:
        if param in params:
            changes[KEYS[param]] = params.method(param)
    lookup = params.text("VoiceCallerIdLookup")
    if lookup is not None:
        if lookup.lower() not in BOOLEANS:
            raise AvayaError(10022, details="VoiceCallerIdLookup must be true or false, "
                                            f"got {lookup!r}")
        changes["voice_caller_id_lookup"] = BOOLEANS[lookup.lower()]
    return changes


def check_fallbacks(record: dict) -> None:
    """21405 / 21406 when an application (or number) would have a voice or SMS fallback
    URL without the URL it falls back from."""
    if record["voice_fallback_url"] and not record["voice_url"]:
        raise AvayaError(21405, details="VoiceFallbackUrl needs a VoiceUrl")
    if record["sms_fallback_url"] and not record["sms_url"]:
        raise AvayaError(21406, details="SmsFallbackUrl needs an SmsUrl")
