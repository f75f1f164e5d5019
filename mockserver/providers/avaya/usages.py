"""Usages (seed 004, View/List Usages), computed from the usage ``Ledger.charge`` records.
Part of the Avaya backend (a mixin); no Flask here. (Being written.)"""
from __future__ import annotations


class Usages:
    """Usages of the Avaya backend."""
