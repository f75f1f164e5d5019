"""Steps the Avaya phone number contract tests share (seed 004, Add Number, List Available
Numbers): finding available numbers and buying them."""
from __future__ import annotations

import phonenumbers

from .helpers import ok_json

#: every field of an AvailablePhoneNumber (seed 004, List Available Numbers)
AVAILABLE_FIELDS = ("friendly_name", "phone_number", "lata", "rate_center", "latitude",
                    "longitude", "country_code", "npa", "exchange", "city", "region",
                    "postal_code", "iso_country", "type", "setup_cost", "monthly_cost",
                    "voice_enabled", "sms_enabled", "supports_forwarded_from")
#: every field of an IncomingPhoneNumber (seed 004, View Number, as zang-python's
#: recorded responses name them)
NUMBER_FIELDS = ("sid", "friendly_name", "phone_number", "account_sid", "type", "voice_url",
                 "voice_method", "voice_fallback_url", "voice_fallback_method",
                 "voice_caller_id_lookup", "date_created", "date_updated", "sms_url",
                 "sms_method", "sms_fallback_url", "sms_fallback_method", "heartbeat_url",
                 "heartbeat_method", "capabilities", "status_callback",
                 "status_callback_method", "hangup_callback", "hangup_callback_method",
                 "api_version", "uri")


def available(avaya, country: str = "US", kind: str = "Local", **params) -> dict:
    """A JSON page of available numbers."""
    return ok_json(avaya.get(f"/AvailablePhoneNumbers/{country}/{kind}.json", params=params))


def first_available(avaya, country: str = "US", kind: str = "Local", **params) -> dict:
    """The first available number matching the filters."""
    items = available(avaya, country, kind, PageSize=1, **params)["available_phone_numbers"]
    assert items, (country, kind, params)
    return items[0]


def buy(avaya, **params) -> dict:
    """Add Number with ``params`` (``AreaCode=...`` or ``PhoneNumber=...``): the resource."""
    return ok_json(avaya.post("/IncomingPhoneNumbers.json", data=params))


def national(e164: str) -> str:
    """The national format a number's default FriendlyName has."""
    return phonenumbers.format_number(phonenumbers.parse(e164),
                                      phonenumbers.PhoneNumberFormat.NATIONAL)


def numbers(avaya, path: str = "/IncomingPhoneNumbers.json", **params) -> dict:
    """A JSON page of the account's numbers."""
    return ok_json(avaya.get(path, params=params))
