"""Phone numbers (seed 004): IncomingPhoneNumbers (``incoming_numbers.py``), BYOC numbers
(``byoc.py``), AvailablePhoneNumbers and AllowedCountries (``available_numbers.py``) over
the computed inventory (``inventory.py``, ``number_filters.py``), and monthly renewals
(``renewals.py``). Part of the Avaya backend (a mixin); no Flask here."""
from __future__ import annotations

from .available_numbers import AvailableNumbers
from .byoc import ByocNumbers
from .incoming_numbers import IncomingNumbers
from .renewals import NumberRenewals


class Numbers(IncomingNumbers, ByocNumbers, AvailableNumbers, NumberRenewals):
    """Phone numbers of the Avaya backend: what an account holds and what it may buy."""
