"""Recordings (seed 004, List/View/Delete Recording, Record Call). Part of the Avaya backend
(a mixin); no Flask here. To be filled in: see the contract in the class docstring."""
from __future__ import annotations

from .state import AvayaState


class Recordings:
    """Recordings of the Avaya backend.

    Contract the voice engine relies on (all called under the tenant's lock):

    - ``add_recording(state, call, *, duration, file_format="mp3", direction="both",
      trim_silence=False, callback=None, transcribe=None, speech=None, base_url="") -> dict``
      stores a finished recording of ``call`` and returns its record.
    - ``call_ended_recordings(state, call)``: the call ended; whole-call recordings
      (Make Call ``Record=true``, Record Live Call) still open are finished.
    """

    def add_recording(self, state: AvayaState, call: dict, **options) -> dict:
        """Store a finished recording (stub until the recordings part lands)."""
        raise NotImplementedError

    def call_ended_recordings(self, state: AvayaState, call: dict) -> None:
        """Finish the call's open recordings (stub until the recordings part lands)."""
