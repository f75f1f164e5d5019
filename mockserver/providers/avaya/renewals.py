"""Monthly renewals of bought numbers (seed 004, Product Codes: 8 "Recurring DID"): a number
is charged its monthly cost when bought and again at every ``next_renewal_date``, 30 days
apart on the mock clock, for as long as the account holds it. Renewals are scheduler
events, so they survive a state export and a tenant reset cancels them. Part of the Avaya
backend (a mixin); no Flask here."""
from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from .ledger import RECURRING_DID
from .state import AvayaState
from .wire import parse_rfc2822, rfc2822

RENEWAL_DAYS = 30
RENEWAL_EVENT = "number_renewal"


class NumberRenewals:
    """The renewal events of the Avaya backend's numbers."""

    def setup_part(self) -> None:
        """Take the renewal events."""
        self.services.scheduler.register("avaya", RENEWAL_EVENT, self._renew)

    def _schedule_renewal(self, state: AvayaState, number: dict) -> None:
        """Charge ``number`` again at its ``next_renewal_date``."""
        self.services.scheduler.schedule(
            "avaya", state.account["sid"], RENEWAL_EVENT,
            {"sid": number["sid"], "due": number["next_renewal_date"]},
            due=parse_rfc2822(number["next_renewal_date"]))

    def _renew(self, tenant: str, payload: dict, now: datetime) -> None:
        """Charge a number's next month if the account still holds it."""
        with self.locked(tenant) as state:
            number = state.numbers.get(payload["sid"])
            if number is None or number["next_renewal_date"] != payload["due"]:
                return
            self.charge(state, RECURRING_DID, 1, Decimal(number["monthly_cost"]))
            number["next_renewal_date"] = rfc2822(
                parse_rfc2822(payload["due"]) + timedelta(days=RENEWAL_DAYS))
            self._schedule_renewal(state, number)
