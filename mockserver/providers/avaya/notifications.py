"""Notifications (seed 004, List/View Notification); they are written by ``Ledger.notify``.
Part of the Avaya backend (a mixin); no Flask here. (Being written.)"""
from __future__ import annotations


class Notifications:
    """Notifications of the Avaya backend."""
