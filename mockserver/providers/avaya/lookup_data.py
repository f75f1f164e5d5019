"""What a lookup finds about a number (seed 004, Carrier Lookup, CNAM Lookup, BNA Lookup):
pure functions of the number and a 16-byte per-number digest, so the same number gets the
same answer in every run with the same seed. No state and no Flask here; lookups.py stores
and charges what these return.

- ``classify``: whether the number is one at all (21401 when phonenumbers finds it
  impossible), its country (ISO; ``001`` for non-geographic numbers; for a number that is
  possible but not valid, the main country of its country code) and its phonenumbers type.
- ``carrier_facts``: the network (phonenumbers' carrier name where it knows one, else the
  country's fixed network of ``NETWORKS`` for the kind of line), whether it is mobile (a
  North American number, which phonenumbers calls "fixed line or mobile", is mobile for
  about two numbers in three, by the digest), a five-digit carrier ID derived from the
  network's name, and MCC/MNC only where ``MNC`` knows the network (phonenumbers has no
  MCC/MNC; the table holds the public E.212 codes of the main networks of a few countries).
- ``cnam_name``: a caller name from a Faker seeded by the digest (``None`` for an unlisted
  number, about one in five), in capitals and at most 15 characters like a CNAM record.
- ``bna_record``: a billing name and address (Faker, seeded by the digest) in the city and
  state phonenumbers' geocoder places the number in; about one number in four has only its
  city, state and ZIP code on record.

Faker, phonenumbers' carrier and geocoder modules are imported on first use: the project
measured import costs at cold start.
"""
from __future__ import annotations

import threading
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneNumberType as T

from ...core import phones
from .errors import AvayaError

#: the types of line CNAM and BNA records exist for (a subscriber's line); any other
#: valid number (toll-free, premium rate, shared cost, UAN, personal, pager, voicemail)
#: answers 31007 "Lookup for specified phone number is not supported"
SUBSCRIBER_LINES = frozenset({T.FIXED_LINE, T.MOBILE, T.FIXED_LINE_OR_MOBILE, T.VOIP})
MOBILE_LINES = frozenset({T.MOBILE, T.PAGER})
NON_GEOGRAPHIC = "001"
#: each country's mobile country code (ITU E.212)
MCC = {"US": "310", "CA": "302", "GB": "234", "DE": "262", "FR": "208", "HR": "219",
       "ES": "214", "IT": "222", "AU": "505", "IE": "272", "NL": "204", "MX": "334"}
#: the mobile network code of the main networks of a few countries, by phonenumbers' name
MNC = {
    "GB": {"O2": "10", "Vodafone": "15", "Three": "20", "EE": "30", "Orange": "33"},
    "DE": {"T-Mobile": "01", "Telekom Deutschland": "01", "Vodafone": "02", "Eplus": "03",
           "O2": "07"},
    "FR": {"Orange France": "01", "SFR": "10", "Free Mobile": "15", "Bouygues": "20"},
    "HR": {"Hrvatski Telekom": "01", "Tele2": "02", "A1 Telekom": "10"},
    "ES": {"Vodafone": "01", "Orange": "03", "Yoigo": "04", "Movistar": "07"},
    "IT": {"TIM": "01", "Vodafone": "10", "WIND": "88", "3 Italia": "99"},
    "AU": {"Telstra": "01", "Optus": "02", "Vodafone": "03"},
    "IE": {"Vodafone": "01", "O2": "02", "Meteor": "03", "3": "05"},
    "NL": {"Vodafone Libertel B.V.": "04", "KPN": "08", "T-Mobile": "16"},
}
#: the network a number of a country is on when phonenumbers names none, by kind of line
NETWORKS = {
    "US": {"mobile": "Verizon Wireless", "landline": "AT&T Local",
           "voip": "Bandwidth.com CLEC, LLC"},
    "CA": {"mobile": "Rogers Communications", "landline": "Bell Canada", "voip": "Iristel"},
    "PR": {"mobile": "Claro Puerto Rico", "landline": "Liberty Puerto Rico",
           "voip": "Bandwidth.com CLEC, LLC"},
    "GB": {"mobile": "EE", "landline": "BT", "voip": "Gamma Telecom"},
    "DE": {"mobile": "Telekom Deutschland", "landline": "Deutsche Telekom",
           "voip": "sipgate"},
    "FR": {"mobile": "Orange France", "landline": "Orange", "voip": "Free"},
    "HR": {"mobile": "Hrvatski Telekom", "landline": "Hrvatski Telekom", "voip": "Iskon"},
    "MX": {"mobile": "Telcel", "landline": "Telmex", "voip": "Maxcom"},
}
#: US states as phonenumbers' geocoder names them, and their postal abbreviations
STATES = dict(zip(
    ("Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
     "Delaware", "Washington D.C.", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois",
     "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland",
     "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana",
     "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York",
     "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania",
     "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah",
     "Vermont", "Virginia", "Washington State", "West Virginia", "Wisconsin", "Wyoming"),
    ("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
     "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
     "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
     "VT", "VA", "WA", "WV", "WI", "WY")))
CNAM_LENGTH = 15
_faker_lock = threading.Lock()


class Number:
    """A number as a lookup sees it: ``e164``, ``region`` (ISO, ``001`` non-geographic),
    ``valid`` (assigned, for phonenumbers) and ``kind`` (its PhoneNumberType)."""

    def __init__(self, e164: str, parsed, region: str, valid: bool) -> None:
        self.e164 = e164
        self.parsed = parsed
        self.region = region
        self.valid = valid
        self.kind = phonenumbers.number_type(parsed) if valid else T.UNKNOWN


def classify(e164: str) -> Number:
    """The number; 21401 "Invalid Phone Number" without a country code,  31026 "Requested
    phone number details could not be discovered" when it is too short or too long for its
    country."""
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or \
            phonenumbers.region_code_for_country_code(parsed.country_code) == "ZZ":
        raise AvayaError(21401, details=f"{e164} has no country code")
    if not phonenumbers.is_possible_number(parsed):
        raise AvayaError(31026, details=f"{e164} is too short or too long for its country")
    if phonenumbers.is_valid_number(parsed):
        region = phonenumbers.region_code_for_number(parsed)
        return Number(e164, parsed, region or NON_GEOGRAPHIC, True)
    region = phonenumbers.region_code_for_country_code(parsed.country_code)
    return Number(e164, parsed, region if region != "ZZ" else NON_GEOGRAPHIC, False)


def carrier_facts(number: Number, digest: bytes) -> dict:
    """``{"network", "mobile", "carrier_id", "country_code"}`` and, for a network ``MNC``
    knows, ``"mnc"`` and ``"mcc"``, of a valid number."""
    if number.kind in MOBILE_LINES:
        line = "mobile"
    elif number.kind == T.VOIP:
        line = "voip"
    elif number.kind == T.FIXED_LINE_OR_MOBILE:
        line = "mobile" if digest[0] % 3 else "landline"
    else:
        line = "landline"
    name = _carrier_module().name_for_number(number.parsed, "en") if line == "mobile" else ""
    if not name:
        name = NETWORKS.get(number.region, {}).get(line) or \
            f"{_country_name(number)} {line.capitalize()}".strip()
    facts = {"network": name, "mobile": line == "mobile",
             "carrier_id": carrier_id(name), "country_code": number.region}
    mnc = MNC.get(number.region, {}).get(name) if line == "mobile" else None
    if mnc and number.region in MCC:
        facts.update(mnc=mnc, mcc=MCC[number.region])
    return facts


def carrier_id(network: str) -> int:
    """A five-digit carrier identification code (the recorded responses' 22607, 26155),
    the same for every number on one network."""
    total = 0
    for char in network:
        total = (total * 131 + ord(char)) % 1_000_003
    return 20000 + total % 10000


def in_cnam_database(digest: bytes) -> bool:
    """False for about one number in ten that the CNAM database has no record of (31021),
    as opposed to one it lists as unlisted (a null name)."""
    return digest[1] % 10 != 2


def cnam_name(number: Number, digest: bytes) -> str | None:
    """The caller name on record: ``None`` (unlisted) for about one number in five, a
    business for one in five (of those the database knows), else a person as ``LAST
    FIRST``."""
    draw = digest[1] % 10
    if draw < 2:
        return None
    with _faker_lock:
        faker = _faker("en_CA" if number.region == "CA" else "en_US")
        faker.seed_instance(int.from_bytes(digest, "big"))
        name = faker.company() if draw < 5 else f"{faker.last_name()} {faker.first_name()}"
    return name.upper().replace(",", "")[:CNAM_LENGTH].strip()


def bna_record(number: Number, digest: bytes) -> tuple[dict, bool]:
    """``({"first_name", "last_name", "address", "city", "state", "zip_code"}, full)``:
    ``full`` is False for about one number in four, whose name and street address are
    ``None`` (only city, state and ZIP code are known)."""
    place = phones.geocoder().description_for_number(number.parsed, "en")
    city, _, state = place.rpartition(", ")
    state = state if city else STATES.get(place, "")
    full = digest[2] % 4 != 0
    with _faker_lock:
        faker = _faker("en_US")
        faker.seed_instance(int.from_bytes(digest, "big"))
        state = state or faker.state_abbr(include_territories=False)
        record = {"first_name": faker.first_name(), "last_name": faker.last_name(),
                  "address": faker.street_address(), "city": city or faker.city(),
                  "state": state, "zip_code": faker.zipcode_in_state(state)}
    if not full:
        record.update(first_name=None, last_name=None, address=None)
    return record, full


def _country_name(number: Number) -> str:
    return phones.geocoder().country_name_for_number(number.parsed, "en")


@lru_cache(maxsize=None)
def _faker(locale: str):
    from faker import Faker     # imported on the first lookup, not at start-up
    return Faker(locale)


@lru_cache(maxsize=None)
def _carrier_module():
    from phonenumbers import carrier    # its data loads on the first carrier lookup
    return carrier

