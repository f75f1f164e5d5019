"""Dialogflow agents (seed 004, List Agents, View Agent Profile, Update Agent Profile). Part
of the Avaya backend (a mixin); no Flask here. To be filled in."""
from __future__ import annotations


class Agents:
    """Dialogflow agents of the Avaya backend."""
