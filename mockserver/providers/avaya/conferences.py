"""Conferences (seed 004, View Conference, List Conferences; the ``Dial->Conference`` error
codes 13230-13237 and the Conference Error Codes 61000-61004). Part of the Avaya backend (a
mixin); no Flask here. Participants and the operations on them are in participants.py.

There is no REST call that creates a conference: a call creates one by joining a conference
of a name that has none in progress (InboundXML ``<Dial><Conference>name</Conference>
</Dial>``); the InboundXML engine calls ``join_conference`` under the tenant's lock.

A conference is ``init`` ("the conference has been initialize, but no one has yet entered")
until a participant with ``startConferenceOnEnter`` (true by default) joins, then
``in-progress``, then ``completed`` when its last participant leaves or a participant with
``endConferenceOnExit`` leaves; those still in it leave too, and their calls go on with the
element after their Dial. Choices where the seed is silent: docs/providers/avaya.md,
"Conferences (part 2)".
"""
from __future__ import annotations

from datetime import datetime
from typing import Mapping

from .accounts import account_path
from .errors import SLUG, AvayaError, NotFound
from .ixml import attributes as attr
from .ixml.verbs import base_of
from .paging import Listing, Window
from .params import date_filter, within
from .participants import Participants, participant_uri, seconds_between
from .state import AvayaState
from .wire import rfc2822

CONFERENCE_CALLBACK = "conference-callback"
STATUSES = ("init", "in-progress", "completed")
#: "The maximum number of participants allowed in the conference call. Allowed Value:
#: integer from 1 to 40" (zang-node's Conference element, default 40)
MAX_PARTICIPANTS = 40
#: a bad value of an attribute the seed gives no code of its own
SCHEMA = 12200
#: the seed's Dial->Conference codes, by attribute
MUTED, END_ON_EXIT, START_ON_ENTER, WAIT_URL, WAIT_METHOD, BEEP = (13230, 13231, 13232,
                                                                 13233, 13234, 13235)
BAD_NAME, CONFERENCE_FULL = 13237, 61004
MAX_NAME = 128
DIGITS_MATCH = "0123456789#*, "


def conference_uri(account_sid: str, sid: str) -> str:
    """The ``uri`` of a conference."""
    return f"{account_path(account_sid)}/Conferences/{sid}"


def conference_options(attributes: Mapping[str, str], base: str) -> dict:
    """The Conference noun's attributes (zang-python, zang-java and zang-node's Conference
    elements) checked and read, with their defaults; URLs resolve against ``base`` (the
    document's URL). Unknown attributes are ignored."""
    element = {"tag": "Conference", "attrs": dict(attributes), "text": "", "children": []}

    def target(url_name: str, method_name: str, url_code: int, method_code: int):
        url = attr.url(element, attributes.get(url_name), base, url_code)
        method = attr.method(element, method_code, method_name)
        return {"url": url, "method": method} if url else None

    digits = (attributes.get("digitsMatch") or "").strip()
    if digits.strip(DIGITS_MATCH):
        raise AvayaError(SCHEMA, details=f"Conference digitsMatch={digits!r}: digits 0-9 # * "
                                         "separated by commas")
    return {
        "muted": attr.boolean(element, "muted", MUTED, False),
        "beep": attr.boolean(element, "beep", BEEP, False),
        "start_on_enter": attr.boolean(element, "startConferenceOnEnter", START_ON_ENTER, True),
        "end_on_exit": attr.boolean(element, "endConferenceOnExit", END_ON_EXIT, False),
        "max_participants": attr.integer(element, "maxParticipants", SCHEMA, MAX_PARTICIPANTS,
                                         minimum=1, maximum=MAX_PARTICIPANTS),
        "time_limit": attr.integer(element, "timeLimit", SCHEMA, None, minimum=0),
        "wait": target("waitUrl", "waitMethod", WAIT_URL, WAIT_METHOD),
        "wait_sound": target("waitSound", "waitSoundMethod", WAIT_URL, WAIT_METHOD),
        "hangup_on_star": attr.boolean(element, "hangupOnStar", SCHEMA, False),
        "callback": target("callbackUrl", "callbackMethod", SCHEMA, SCHEMA),
        "method": attr.method(element, SCHEMA),
        "digits_match": digits,
        "stay_alone": attr.boolean(element, "stayAlone", SCHEMA, True),
        "record": attr.boolean(element, "record", SCHEMA, False),
        "record_callback": target("recordCallbackUrl", "recordCallbackMethod", SCHEMA, SCHEMA),
        "record_file_format": attr.choice(element, "recordFileFormat", SCHEMA, ("mp3", "wav"),
                                          "mp3"),
    }


class Conferences(Participants):
    """Conferences of the Avaya backend.

    Contract the voice engine relies on (all called under the tenant's lock):

    - ``join_conference(state, call, name, attributes) -> dict`` puts a live call in the
      conference named ``name`` (created when none of that name is open) and returns the
      participant record; AvayaError 13230-13237, 12200 or 61004 for a bad attribute, a
      bad name, a full conference.
    - ``call_ended_conference(state, call)``: the call ended (or its Dial was interrupted);
      it leaves any conference it is in.
    """

    def setup_part(self) -> None:
        """Register the result handler of conference callbacks."""
        self.services.webhooks.register(SLUG, CONFERENCE_CALLBACK, self.callback_attempted)

    # -- joining and leaving (the InboundXML engine) ----------------------------------------

    def join_conference(self, state: AvayaState, call: dict, name: str,
                        attributes: Mapping[str, str]) -> dict:
        """A call joins the conference ``name``: attributes checked (module doc), the open
        conference of that name found or created, the participant stored and returned; the
        conference starts when the participant has ``startConferenceOnEnter``."""
        options = conference_options(attributes, base_of(call))
        name = (name or "").strip()
        if not name or len(name) > MAX_NAME:
            raise AvayaError(BAD_NAME, details=f"a conference name is 1 to {MAX_NAME} "
                                               f"characters, got {name!r}")
        conference = self._open_conference(state, name)
        current = self._participant_of_call(state, call)
        if current is not None and conference is not None and \
                current["conference_sid"] == conference["sid"]:
            return current
        if conference is not None and \
                conference["active_participants_count"] >= conference["_max"]:
            raise AvayaError(CONFERENCE_FULL, details=f"conference {name!r} has its "
                                                      f"{conference['_max']} participants")
        self.call_ended_conference(state, call)      # a call is in one conference at most
        now = self.clock.now()
        if conference is None:
            conference = self._new_conference(state, name, options, now)
        if conference["_callback"] is None and options["callback"]:
            conference["_callback"] = options["callback"]     # the first one is used
        participant = self._new_participant(state, conference, call, options, now)
        conference["active_participants_count"] += 1
        conference["date_updated"] = rfc2822(now)
        self._conference_event(state, conference, "participant-join", participant)
        if conference["status"] == "init" and options["start_on_enter"]:
            conference["status"], conference["_started_at"] = "in-progress", now.isoformat()
            self._conference_event(state, conference, "conference-start")
        return participant

    def call_ended_conference(self, state: AvayaState, call: dict) -> None:
        """The call leaves the conference it is in (if any): the participant keeps its
        final duration; the conference completes when nobody is left, when the participant
        had ``endConferenceOnExit``, or when the one left has ``stayAlone=false``."""
        participant = self._participant_of_call(state, call)
        if participant is None:
            return
        conference = state.conferences[participant["conference_sid"]]
        self._leave(state, conference, participant)
        remaining = self._present(state, conference)
        if participant["_options"]["end_on_exit"] or not remaining or \
                (len(remaining) == 1 and not remaining[0]["_options"]["stay_alone"]):
            self._end_conference(state, conference, remaining)

    def _participant_of_call(self, state: AvayaState, call: dict) -> dict | None:
        return next((p for p in state.participants.values()
                     if p["call_sid"] == call["sid"] and p["_left_at"] is None), None)

    def _open_conference(self, state: AvayaState, name: str) -> dict | None:
        return next((c for c in reversed(list(state.conferences.values()))
                     if c["friendly_name"] == name and c["status"] != "completed"), None)

    def _new_conference(self, state: AvayaState, name: str, options: dict,
                        now: datetime) -> dict:
        sid = self.new_sid(state, "CF")
        uri = conference_uri(state.account["sid"], sid)
        record = {
            "sid": sid, "friendly_name": name, "account_sid": state.account["sid"],
            "active_participants_count": 0, "run_time": 0, "status": "init",
            "date_created": rfc2822(now), "date_updated": rfc2822(now),
            "subresource_uris": {"participants": f"{uri}/Participants"}, "uri": uri,
            "_max": options["max_participants"], "_callback": None,
            "_started_at": None, "_ended_at": None,
        }
        state.conferences[sid] = record
        return record

    def _new_participant(self, state: AvayaState, conference: dict, call: dict,
                         options: dict, now: datetime) -> dict:
        sid = self.new_sid(state, "PA")
        number = call["from"] if call.get("direction") == "inbound" else call["to"]
        record = {
            "sid": sid, "caller_name": call.get("_caller_name") or "",
            "caller_number": number[1:] if number.startswith("+") else number,
            "duration": 0, "conference_sid": conference["sid"], "call_sid": call["sid"],
            "date_created": rfc2822(now), "date_updated": rfc2822(now),
            "account_sid": state.account["sid"], "muted": options["muted"], "deaf": False,
            "uri": participant_uri(state.account["sid"], conference["sid"], sid),
            "_options": options, "_joined_at": now.isoformat(), "_left_at": None,
            "_plays": [],
        }
        state.participants[sid] = record
        return record

    def _present(self, state: AvayaState, conference: dict) -> list[dict]:
        """The participants still in a conference, in the order they joined."""
        return [p for p in state.participants.values()
                if p["conference_sid"] == conference["sid"] and p["_left_at"] is None]

    def _leave(self, state: AvayaState, conference: dict, participant: dict) -> None:
        now = self.clock.now()
        participant["duration"] = seconds_between(participant["_joined_at"], now)
        participant["_left_at"] = now.isoformat()
        participant["date_updated"] = conference["date_updated"] = rfc2822(now)
        conference["active_participants_count"] -= 1
        self._conference_event(state, conference, "participant-leave", participant)

    def _end_conference(self, state: AvayaState, conference: dict,
                        remaining: list[dict]) -> None:
        for participant in remaining:
            self._leave(state, conference, participant)
        now = self.clock.now()
        if conference["_started_at"]:
            conference["run_time"] = seconds_between(conference["_started_at"], now)
        conference["status"], conference["_ended_at"] = "completed", now.isoformat()
        conference["date_updated"] = rfc2822(now)
        self._conference_event(state, conference, "conference-end")
        resume = getattr(self, "ixml_continue", None)
        for participant in remaining:
            call = state.calls.get(participant["call_sid"])
            if resume is not None and call is not None and call["status"] == "in-progress":
                resume(state, call, {"DialCallStatus": "completed"})

    def _conference_event(self, state: AvayaState, conference: dict, event: str,
                          participant: dict | None = None) -> None:
        """Tell the conference's callbackUrl (the first participant's that set one)."""
        target = conference["_callback"]
        if not target:
            return
        shown = self.present_conference(conference)
        fields = {"AccountSid": conference["account_sid"], "ConferenceSid": conference["sid"],
                  "FriendlyName": conference["friendly_name"],
                  "ConferenceStatus": shown["status"],
                  "ActiveParticipantsCount": str(shown["active_participants_count"]),
                  "RunTime": str(shown["run_time"]), "StatusCallbackEvent": event,
                  "Timestamp": rfc2822(self.clock.now())}
        if participant is not None:
            fields.update({"ParticipantSid": participant["sid"],
                           "CallSid": participant["call_sid"],
                           "CallerNumber": participant["caller_number"],
                           "Muted": "true" if participant["muted"] else "false",
                           "Deaf": "true" if participant["deaf"] else "false",
                           "Duration": str(self.present_participant(participant)["duration"])})
        self.deliver(state.account["sid"], CONFERENCE_CALLBACK, target["url"],
                     target["method"], fields, {"kind": "conference", "sid": conference["sid"]})

    # -- REST: View Conference, List Conferences --------------------------------------------

    def present_conference(self, record: dict) -> dict:
        """A stored conference as the API shows it: ``run_time`` up to now while it runs."""
        shown = {key: value for key, value in record.items() if not key.startswith("_")}
        shown["subresource_uris"] = dict(record["subresource_uris"])
        if record["status"] == "in-progress":
            shown["run_time"] = seconds_between(record["_started_at"], self.clock.now())
        return shown

    def view_conference(self, account_sid: str, sid: str) -> dict:
        """View Conference; 21227 (404) for an unknown SID."""
        with self.locked(account_sid) as state:
            return self.present_conference(self._conference(state, sid))

    def list_conferences(self, account_sid: str, args: Mapping[str, str],
                         window: Window) -> Listing:
        """List Conferences, newest first: ``FriendlyName`` (exact, trimmed), ``Status``
        (init, in-progress or completed; 10022 for another), ``DateCreated`` and
        ``DateUpdated`` (a day, or inequalities; 32005 for a bad date)."""
        name = (args.get("FriendlyName") or "").strip()
        status = (args.get("Status") or "").strip().lower()
        if status and status not in STATUSES:
            raise AvayaError(10022, details=f"Status must be one of {', '.join(STATUSES)}")
        created, updated = date_filter(args, "DateCreated"), date_filter(args, "DateUpdated")
        with self.locked(account_sid) as state:
            found = [c for c in reversed(list(
                state.conferences.values()))
                if (not name or c["friendly_name"] == name)
                and (not status or c["status"] == status)
                and within(c["date_created"], created) and within(c["date_updated"], updated)]
            return window.slice(found, self.present_conference)

    def _conference(self, state: AvayaState, sid: str) -> dict:
        record = state.conferences.get(sid)
        if record is None:
            raise NotFound("conference", sid)
        return record

