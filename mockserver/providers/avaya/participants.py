"""Conference participants (seed 004, View Participant, List Participants, Mute / Deaf
Participant, Play Audio to Participant, Hangup Participant). Part of the Avaya backend (a
mixin of Conferences); no Flask here.

A participant is one call's stay in one conference. The seed lists its fields under List
Conferences (its View Participant lists paging fields instead); zang-java's Participant
also reads ``call_sid``, which is kept after ``conference_sid``. A participant that has
left stays listed with its final ``duration``; operations that act on the call (mute,
deaf, play, hang up) refuse it with 61000 "Invalid Member ID".

Which mistake answers with which code (docs/providers/avaya.md, "Conferences (part 2)"):

- an unknown ConferenceSid, or a ParticipantSid not of that conference: 21227 (404);
- ``Muted`` / ``Deaf`` other than true or false (1 and 0 too, any case): 10022, in the
  update and as list filters;
- ``AudioUrl`` missing or malformed: 61003, longer than 200 characters: 12301;
- a participant that has left the conference: 61000.
"""
from __future__ import annotations

import math
from datetime import datetime
from typing import Iterable, Mapping

from .accounts import account_path
from .applications import BOOLEANS
from .errors import AvayaError, NotFound
from .paging import Listing, Window
from .params import MAX_URL, Params, valid_url
from .state import AvayaState
from .wire import rfc2822

NOT_A_MEMBER, BAD_PLAY_URL = 61000, 61003


def participant_uri(account_sid: str, conference_sid: str, sid: str) -> str:
    """The ``uri`` of a participant."""
    return f"{account_path(account_sid)}/Conferences/{conference_sid}/Participants/{sid}"


def seconds_between(start: str | None, end: datetime) -> int:
    """Whole seconds (rounded up) from an ISO moment to ``end``; 0 without a start."""
    if not start:
        return 0
    elapsed = (end - datetime.fromisoformat(start)).total_seconds()
    return max(0, math.ceil(elapsed))


def flag(raw: str | None, name: str) -> bool | None:
    """A true/false parameter (``true``, ``false``, ``1``, ``0``, any case); None when
    absent or blank; 10022 for anything else."""
    if raw is None or not raw.strip():
        return None
    value = BOOLEANS.get(raw.strip().lower())
    if value is None:
        raise AvayaError(10022, details=f"{name} must be true or false, got {raw!r}")
    return value


def checked_audio_urls(urls: Iterable[str]) -> list[str]:
    """The AudioUrl values trimmed: 61003 when there is none, or one is blank or not an
    http(s) URL; 12301 for one longer than 200 characters."""
    urls = [url.strip() for url in urls]
    if not urls or not all(urls):
        raise AvayaError(BAD_PLAY_URL, details="AudioUrl is required")
    for url in urls:
        if len(url) > MAX_URL:
            raise AvayaError(12301, details=f"AudioUrl is {len(url)} characters; at most "
                                            f"{MAX_URL} are allowed")
        if not valid_url(url):
            raise AvayaError(BAD_PLAY_URL, details=f"AudioUrl is not a URL: {url!r}")
    return urls


class Participants:
    """Participants of the Avaya backend's conferences."""

    def present_participant(self, record: dict) -> dict:
        """A stored participant as the API shows it: ``duration`` up to now while it is in
        the conference."""
        shown = {key: value for key, value in record.items() if not key.startswith("_")}
        if record["_left_at"] is None:
            shown["duration"] = seconds_between(record["_joined_at"], self.clock.now())
        return shown

    def list_participants(self, account_sid: str, conference_sid: str,
                          args: Mapping[str, str], window: Window) -> Listing:
        """List Participants of a conference, newest first, filtered by ``Muted`` and
        ``Deaf``; those who left are listed too."""
        muted, deaf = flag(args.get("Muted"), "Muted"), flag(args.get("Deaf"), "Deaf")
        with self.locked(account_sid) as state:
            self._conference(state, conference_sid)
            found = [p for p in reversed(list(state.participants.values()))
                     if p["conference_sid"] == conference_sid
                     and (muted is None or p["muted"] == muted)
                     and (deaf is None or p["deaf"] == deaf)]
            return window.slice(found, self.present_participant)

    def view_participant(self, account_sid: str, conference_sid: str, sid: str) -> dict:
        """View Participant; 21227 (404) for an unknown conference or participant."""
        with self.locked(account_sid) as state:
            return self.present_participant(self._participant(state, conference_sid, sid))

    def update_participant(self, account_sid: str, conference_sid: str, sid: str,
                           params: Params) -> dict:
        """Mute / Deaf Participant: ``Muted`` and ``Deaf`` change what they say; neither
        changes nothing."""
        with self.locked(account_sid) as state:
            record = self._member(state, conference_sid, sid)
            muted = flag(params.get("Muted"), "Muted")
            deaf = flag(params.get("Deaf"), "Deaf")
            changes = {key: value for key, value in (("muted", muted), ("deaf", deaf))
                       if value is not None and record[key] != value}
            if changes:
                record.update(changes)
                record["date_updated"] = rfc2822(self.clock.now())
            return self.present_participant(record)

    def play_to_participant(self, account_sid: str, conference_sid: str, sid: str,
                            urls: Iterable[str]) -> dict:
        """Play Audio to Participant: every ``AudioUrl`` (several may be given) is checked
        and recorded on the participant (``_plays``, in order, with the time); the mock
        does not fetch the audio."""
        with self.locked(account_sid) as state:
            record = self._member(state, conference_sid, sid)
            urls = checked_audio_urls(urls)
            now = rfc2822(self.clock.now())
            record["_plays"].extend({"url": url, "date": now} for url in urls)
            return self.present_participant(record)

    def hangup_participant(self, account_sid: str, conference_sid: str, sid: str) -> dict:
        """Hangup Participant: the participant's call ends (``completed``), which takes it
        out of the conference; answers with the participant as it left."""
        with self.locked(account_sid) as state:
            record = self._member(state, conference_sid, sid)
            call = state.calls.get(record["call_sid"])
            end_call = getattr(self, "end_call", None)
            if call is not None and end_call is not None:
                end_call(state, call, "completed")
            if record["_left_at"] is None:        # a call the engine no longer runs
                self.call_ended_conference(state, call or {"sid": record["call_sid"]})
            return self.present_participant(record)

    def _participant(self, state: AvayaState, conference_sid: str, sid: str) -> dict:
        self._conference(state, conference_sid)
        record = state.participants.get(sid)
        if record is None or record["conference_sid"] != conference_sid:
            raise NotFound("participant", sid)
        return record

    def _member(self, state: AvayaState, conference_sid: str, sid: str) -> dict:
        """A participant still in the conference; 61000 for one that has left."""
        record = self._participant(state, conference_sid, sid)
        if record["_left_at"] is not None:
            raise AvayaError(NOT_A_MEMBER, details=f"participant {sid} left the conference")
        return record
