"""Transcriptions (seed 004, View/List Transcriptions, Transcribe Recording, Transcribe Audio
Url). Part of the Avaya backend (a mixin); no Flask here. To be filled in."""
from __future__ import annotations


class Transcriptions:
    """Transcriptions of the Avaya backend."""
