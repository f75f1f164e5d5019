"""Conferences and participants (seed 004, View/List Conferences, View/List Participants,
Mute or Deaf, Play Audio, Hangup Participant). Part of the Avaya backend (a mixin); no Flask
here. To be filled in: see the contract in the class docstring."""
from __future__ import annotations

from .state import AvayaState


class Conferences:
    """Conferences of the Avaya backend.

    Contract the voice engine relies on (all called under the tenant's lock):

    - ``join_conference(state, call, name, options) -> dict`` puts a live call in the
      conference named ``name`` (created when none of that name is in progress) and returns
      the participant record.
    - ``call_ended_conference(state, call)``: the call ended; it leaves any conference.
    """

    def join_conference(self, state: AvayaState, call: dict, name: str, options: dict) -> dict:
        """Join a conference (stub until the conferences part lands)."""
        raise NotImplementedError

    def call_ended_conference(self, state: AvayaState, call: dict) -> None:
        """The call leaves its conference (stub until the conferences part lands)."""
