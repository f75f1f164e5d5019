"""Carrier, CNAM and BNA lookups (seed 004, Carrier Lookup, CNAM Lookup, BNA Lookup). Part of the Avaya backend (a mixin); no Flask here. To be filled in."""
from __future__ import annotations


class Lookups:
    """Carrier, CNAM and BNA lookups (seed 004, Carrier Lookup, CNAM Lookup, BNA Lookup)."""
