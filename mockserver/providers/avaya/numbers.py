"""IncomingPhoneNumbers, BYOC numbers, AvailablePhoneNumbers and AllowedCountries (seed
004). Part of the Avaya backend (a mixin); no Flask here. (Being written.)"""
from __future__ import annotations


class Numbers:
    """Phone numbers of the Avaya backend."""
