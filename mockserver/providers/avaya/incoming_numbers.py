"""IncomingPhoneNumbers (seed 004, List/View/Add/Update/Delete Number): the numbers on an
account, bought from the inventory (``inventory.py``) or brought by the customer (BYOC,
``byoc.py``). Part of the Avaya backend (a mixin); no Flask here.

A number is kept as its IncomingPhoneNumber resource (the seed's View Number fields and what
the Zang SDKs' recorded responses add: ``phone_number``, ``next_renewal_date``, three-key
``capabilities``) with bookkeeping beside it under ``INTERNAL`` keys, which ``present_number``
strips: ``service_type`` (``cpaas`` or ``byoc``), ``iso_country``, ``monthly_cost`` and
``byoc_vendor``. Buying charges product 8 (Recurring DID) at the monthly cost, and again at
every ``next_renewal_date`` (every 30 days on the mock clock) while the number is held.
"""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from .accounts import MAX_FRIENDLY_NAME, account_path
from .applications import METHOD_PARAMS, URL_PARAMS, check_fallbacks, url_settings
from .errors import AvayaError, NotFound
from .inventory import NORTH_AMERICA, TOLLFREE, Inventory, Located, flag, national
from .ledger import RECURRING_DID
from .number_filters import area_code, contains_pattern
from .paging import Listing, Window
from .params import Params, valid_e164
from .renewals import RENEWAL_DAYS
from .state import AvayaState
from .wire import rfc2822

CPAAS, BYOC = "cpaas", "byoc"
INTERNAL = ("service_type", "iso_country", "monthly_cost", "byoc_vendor")
NO_URLS = {"voice_url": "", "voice_fallback_url": "", "sms_url": "", "sms_fallback_url": ""}
APPLICATIONS = {"VoiceApplicationSid": "voice_application_sid",
                "SmsApplicationSid": "sms_application_sid",
                "MmsApplicationSid": "mms_application_sid"}
#: what Update Number takes (and Add Number besides the number's choice)
UPDATE_PARAMS = ("FriendlyName", "VoiceCallerIdLookup", *URL_PARAMS, *METHOD_PARAMS,
                 *APPLICATIONS)
ADD_PARAMS = ("PhoneNumber", "AreaCode", "ByocVendor", "Type", *UPDATE_PARAMS)


class IncomingNumbers:
    """The IncomingPhoneNumber operations of the Avaya backend."""

    _inventory: Inventory | None = None

    @property
    def inventory(self) -> Inventory:
        """The stock, built on first use (not at start-up: most runs never sell a number)."""
        if self._inventory is None:
            self._inventory = Inventory(self.settings["fixtures"], self.services.seed)
        return self._inventory

    # -- reading ----------------------------------------------------------------------------

    def list_numbers(self, sid: str, args, window: Window, *, service_type: str | None = None
                     ) -> Listing:
        """List Numbers: oldest first, filtered by ``Contains`` (digits, keypad letters, ``*``)
        and ``FriendlyName`` (exactly that name, as for Applications); only ``service_type``
        numbers when given (``/Numbers/Byoc``)."""
        pattern = contains_pattern(args.get("Contains"))
        name = (args.get("FriendlyName") or "").strip()
        with self.locked(sid) as state:
            found = [self.present_number(n) for n in state.numbers.values()
                     if (service_type is None or n["service_type"] == service_type)
                     and (pattern is None or pattern.search(n["phone_number"].lstrip("+")))
                     and (not name or n["friendly_name"] == name)]
            return window.slice(found)

    def view_number(self, sid: str, number_sid: str) -> dict:
        """View Number (Avaya and BYOC numbers alike)."""
        with self.locked(sid) as state:
            return self.present_number(self._number(state, number_sid))

    def account_number(self, state: AvayaState, e164: str) -> dict | None:
        """A copy of the number ``e164`` held by the account (for sending from it), or None:
        its resource fields (``capabilities``: ``voice``, ``sms``, ``mms``, each "true" or
        "false") and ``service_type``, ``iso_country``. Call it under the tenant's lock."""
        for number in state.numbers.values():
            if number["phone_number"] == e164:
                return {**number, "capabilities": dict(number["capabilities"])}
        return None

    def present_number(self, number: dict) -> dict:
        """The IncomingPhoneNumber resource of a stored number (bookkeeping stripped)."""
        out = {key: value for key, value in number.items() if key not in INTERNAL}
        out["capabilities"] = dict(number["capabilities"])
        return out

    def _number(self, state: AvayaState, number_sid: str, service_type: str | None = None
                ) -> dict:
        number = state.numbers.get(number_sid)
        if number is None or (service_type and number["service_type"] != service_type):
            raise NotFound("BYOC number" if service_type == BYOC else "IncomingPhoneNumber",
                           number_sid)
        return number

    # -- buying -----------------------------------------------------------------------------

    def add_number(self, sid: str, params: Params) -> dict:
        """Add Number: ``PhoneNumber`` (an available number) or ``AreaCode`` (a random
        available North American number there); with ``ByocVendor``, a BYOC number."""
        if params.get("ByocVendor") is not None:
            return self.add_byoc_number(sid, params)
        with self.locked(sid) as state:
            self.require_active(state)
            changes = self._settings(state, params)
            found = self._choose(state, params)
            kind = found.block.kind
            wanted = params.text("Type")
            if wanted is not None and wanted.lower() != kind:
                raise AvayaError(21458, details=f"{found.block.e164(found.nsn)} is a {kind} "
                                                f"number, not {wanted}")
            if kind == TOLLFREE:
                self.require_full(state, 21404)
            self._trial_limit(state)
            number = self._new_number(state, found.block.e164(found.nsn), kind, CPAAS,
                                      found.block.capabilities(), found.block.country.iso,
                                      found.block.offer.monthly_cost)
            number.update(changes)
            self.charge(state, RECURRING_DID, 1, Decimal(number["monthly_cost"]))
            self._schedule_renewal(state, number)
            return self.present_number(number)

    def _choose(self, state: AvayaState, params: Params) -> Located:
        """The stock number an Add Number asks for; 21408 when it names none."""
        if params.get("PhoneNumber") is not None:
            e164 = params.phone("PhoneNumber")
            if not valid_e164(e164):
                raise AvayaError(21401, details=f"PhoneNumber {params.get('PhoneNumber')!r} "
                                                "is not a valid phone number")
            found = self.inventory.locate(e164)
            if found is None or any(n["phone_number"] == e164 for n in state.numbers.values()):
                raise AvayaError(21501, details=f"{e164} is not an available number "
                                                "(see AvailablePhoneNumbers)"
                                 if found is None else f"{e164} is already on this account")
            return found
        if params.get("AreaCode") is None:
            raise AvayaError(21408)
        code = area_code(params.get("AreaCode"))
        blocks = [b for b in self.inventory.blocks if b.npa == code
                  and b.country.iso in NORTH_AMERICA]
        if any(b.kind == TOLLFREE for b in blocks):
            raise AvayaError(21457, details="AreaCode buys local numbers; buy a toll-free "
                                            "number by its PhoneNumber")
        taken = self.inventory.held_indexes({n["phone_number"] for n in state.numbers.values()})
        free = [(b, i) for b in blocks for i in self.inventory.free(b, taken.get(id(b), []))]
        if not free:
            raise AvayaError(21452, details=f"no available numbers in area code {code}")
        block, index = self.services.rng("avaya", "area-code", state.account["sid"],
                                         state.counter).choice(free)
        return Located(block, index, block.nsn(index))

    def _trial_limit(self, state: AvayaState) -> None:
        if state.account["type"] == "trial" and state.numbers:
            raise AvayaError(14200, status=403, details="a trial account holds one number")

    def _new_number(self, state: AvayaState, e164: str, kind: str, service_type: str,
                    capabilities: dict, iso: str, monthly_cost: str) -> dict:
        """Store a new number with the resource's defaults."""
        number_sid = self.new_sid(state, "DI")
        now = self.clock.now()
        created = rfc2822(now)
        number = {
            "sid": number_sid, "friendly_name": national(e164), "phone_number": e164,
            "account_sid": state.account["sid"], "type": kind,
            "voice_url": "", "voice_method": "POST", "voice_fallback_url": "",
            "voice_fallback_method": "POST", "voice_caller_id_lookup": "false",
            "voice_application_sid": "", "date_created": created, "date_updated": created,
            "next_renewal_date": rfc2822(now + timedelta(days=RENEWAL_DAYS)),
            "sms_url": "", "sms_method": "POST", "sms_fallback_url": "",
            "sms_fallback_method": "POST", "sms_application_sid": "",
            "mms_application_sid": "", "heartbeat_url": "", "heartbeat_method": "POST",
            "capabilities": capabilities, "status_callback": "",
            "status_callback_method": "POST", "hangup_callback": "",
            "hangup_callback_method": "POST", "api_version": "v2",
            "uri": f"{account_path(state.account['sid'])}/IncomingPhoneNumbers/{number_sid}",
            "service_type": service_type, "iso_country": iso, "monthly_cost": monthly_cost,
            "byoc_vendor": "",
        }
        state.numbers[number_sid] = number
        return number

    # -- changing ---------------------------------------------------------------------------

    def _settings(self, state: AvayaState, params: Params, current: dict | None = None
                  ) -> dict:
        """The fields an Add or Update Number sets, validated: URLs, methods and
        VoiceCallerIdLookup as an Application's (``applications.url_settings``: 12301,
        21402, 21229, 21232, 10022), FriendlyName at most 64 characters (20002),
        application SIDs of this account (21218), and no fallback URL without its URL,
        given ``current`` (the number's fields) (21405, 21406)."""
        changes: dict = {}
        name = params.text("FriendlyName")
        if name is not None:
            if len(name) > MAX_FRIENDLY_NAME:
                raise AvayaError(20002, details=f"FriendlyName is longer than "
                                                f"{MAX_FRIENDLY_NAME} characters")
            changes["friendly_name"] = name
        changes.update(url_settings(params))
        if "voice_caller_id_lookup" in changes:     # a string here, as the SDKs record it
            changes["voice_caller_id_lookup"] = flag(changes["voice_caller_id_lookup"])
        for param, key in APPLICATIONS.items():
            value = params.text(param)
            if value is None:
                continue
            if value and value not in state.applications:
                raise AvayaError(21218, details=f"{param} {value} is not an application "
                                                "of this account")
            changes[key] = value
        check_fallbacks({**NO_URLS, **(current or {}), **changes})
        return changes

    def update_number(self, sid: str, number_sid: str, params: Params,
                      service_type: str | None = None) -> dict:
        """Update Number: any of ``UPDATE_PARAMS``; an empty FriendlyName restores the
        national format."""
        with self.locked(sid) as state:
            self.require_active(state)
            number = self._number(state, number_sid, service_type)
            changes = self._settings(state, params, number)
            if changes.get("friendly_name") == "":
                changes["friendly_name"] = national(number["phone_number"])
            number.update(changes)
            number["date_updated"] = rfc2822(self.clock.now())
            return self.present_number(number)

    def delete_number(self, sid: str, number_sid: str, service_type: str | None = None
                      ) -> dict:
        """Delete Number: the deleted resource. An Avaya number goes back to the inventory
        (the account's available numbers offer it again); a BYOC number is gone."""
        with self.locked(sid) as state:
            self.require_active(state)
            number = self._number(state, number_sid, service_type)
            del state.numbers[number_sid]
            return self.present_number(number)

