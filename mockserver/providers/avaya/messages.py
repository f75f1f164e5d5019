"""SMS and MMS (seed 004, View/List/Send SMS, opt-in and opt-out keywords, View/List/Send
MMS). Part of the Avaya backend (a mixin); no Flask here. (Being written.)"""
from __future__ import annotations


class Messages:
    """SMS and MMS of the Avaya backend."""
