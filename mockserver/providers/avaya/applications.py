"""Applications (seed 004, View/Create/Update/Delete/List Application). Part of the Avaya
backend (a mixin); no Flask here. (Being written.)"""
from __future__ import annotations


class Applications:
    """Applications of the Avaya backend."""
