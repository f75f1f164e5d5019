"""marshmallow schemas of AVANSER's query parameters and request bodies (the Inbound
Request, a service update). Error messages are the seed's terse reasons (``invalid
number``); nested fields are named by their path (``service.answer_point``)."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import phonenumbers
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from ...core.validation import RememberedNested, StrictBoolean, StrictString


def _float(reason: str, low: float, high: float, *, min_inclusive: bool = True) -> fields.Float:
    return fields.Float(validate=validate.Range(low, high, min_inclusive=min_inclusive,
                                                error=reason),
                        error_messages={"invalid": reason, "special": reason})


class SearchQuery(Schema):
    """``GET /numbers``: the parameters of every search type (which one applies is decided
    by the backend)."""

    class Meta:
        unknown = EXCLUDE

    country = fields.String()
    location = fields.String()
    lat = _float("invalid latitude", -90, 90)
    lng = _float("invalid longitude", -180, 180)
    radius = _float("invalid radius", 0, 500, min_inclusive=False)
    number = fields.String()
    number_type = fields.String()
    szu = fields.String()


SEARCH_QUERY = SearchQuery()


# -- request bodies: the Inbound Request and the Service Detail (seed 002) --------------------

SEARCH_TYPES = ("coordinates", "location", "prefix", "number_type", "number", "szu")
SERVICE_TYPES = ("transfer", "voicemail", "prompt")
REPORTS = ("missed", "missed-voicemail", "all-calls", "none")
#: the most characters of ``custom_id`` and ``custom_group`` (the seed: "50 chars max")
CUSTOM_ID_MAX = 50
NAME_MAX = 100
_MESSAGES = {"required": "required", "null": "required"}


def _text(reason: str, low: int = 1, high: int = 255, **kwargs) -> StrictString:
    return StrictString(validate=validate.Length(low, high, error=reason),
                        error_messages={**_MESSAGES, "invalid": reason}, **kwargs)


def _url(**kwargs) -> StrictString:
    return StrictString(validate=_is_url, error_messages={**_MESSAGES, "invalid": "invalid url"},
                        **kwargs)


def _is_url(value: str) -> None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise ValidationError("invalid url")


def _number(**kwargs) -> StrictString:
    return StrictString(validate=_is_e164, error_messages={**_MESSAGES,
                                                           "invalid": "invalid number"}, **kwargs)


#: E.164 format: an optional ``+``, a country code (no leading 0) and the national number,
#: at most 15 digits; at least 7, the length of the shortest numbers in use (Niue, +683 4xxx)
_E164 = re.compile(r"\+?([1-9]\d{6,14})")


def e164_country_code(value: str) -> int | None:
    """The country calling code of a number written in E.164 format (``+`` optional, as the
    seed writes ``61401010023``), None when it is not in that format. Only the format is
    checked, as the seed asks ("(E164 format)"), not whether the number is assigned: its own
    callback example reports ``614201010100`` as an answer point, which ``phonenumbers``
    calls invalid. The country code must be one E.164 assigns."""
    found = _E164.fullmatch(value.strip())
    if found is None:
        return None
    digits = found.group(1)
    for length in (1, 2, 3):
        if int(digits[:length]) in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            return int(digits[:length])
    return None


def _is_e164(value: str) -> None:
    """A number in E.164 format (see e164_country_code)."""
    if e164_country_code(value) is None:
        raise ValidationError("invalid number")


def _nested(schema, **kwargs) -> fields.Nested:
    """A nested object, remembered once loaded (its schema is a pure function of it)."""
    return RememberedNested(schema, error_messages={**_MESSAGES, "type": "must be an object"},
                            **kwargs)


class _Body(Schema):
    class Meta:
        unknown = EXCLUDE


class EmailReport(_Body):
    """``call_reporting.email``: subject and recipients required when present."""

    subject = _text("invalid subject", required=True)
    email_to = fields.List(fields.Email(error_messages={"invalid": "invalid email"}), required=True,
                           validate=validate.Length(min=1, error="at least one recipient"),
                           error_messages={**_MESSAGES, "invalid": "must be an array"})
    email_cc = fields.List(fields.Email(error_messages={"invalid": "invalid email"}),
                           error_messages={**_MESSAGES, "invalid": "must be an array"})
    email_bcc = fields.List(fields.Email(error_messages={"invalid": "invalid email"}),
                            error_messages={**_MESSAGES, "invalid": "must be an array"})
    template = _text("invalid template", high=64)


class SmsReport(_Body):
    """``call_reporting.sms``: the mobile is required when present. The seed says only
    "``mobile``: 614200220001 (string, required) - sms recipient", no format (unlike
    ``answer_point``, "E164 format"), and its own example number is not an assigned one:
    any string of 1 to 255 characters is taken."""

    sms_id = _text("invalid sms_id (1 to 11 characters)", high=11)
    mobile = _text("invalid mobile", required=True)
    template = _text("invalid template", high=64)


class CallReporting(_Body):
    """``call_reporting``: which calls are reported, by email and/or SMS."""

    report = StrictString(validate=validate.OneOf(REPORTS, error="invalid report"),
                          load_default="none", error_messages={**_MESSAGES,
                                                               "invalid": "invalid report"})
    email = _nested(EmailReport)
    sms = _nested(SmsReport)


class ServiceConfig(_Body):
    """``service``: the type and the fields each type requires."""

    type = StrictString(required=True, validate=validate.OneOf(SERVICE_TYPES,
                                                               error="invalid type"),
                        error_messages={**_MESSAGES, "invalid": "invalid type"})
    answer_point = _number()
    answer_point_name = _text("invalid answer_point_name", high=NAME_MAX)
    record_call = StrictBoolean(error_messages={**_MESSAGES, "invalid": "must be a boolean"})
    call_greeting = _url()
    call_whisper = _url()
    voicemail = _url()
    call_reporting = _nested(CallReporting)

    @validates_schema
    def _transfer(self, data: dict, **kwargs) -> None:
        if data.get("type") == "transfer":
            missing = {k: "required for a transfer" for k in ("answer_point", "record_call")
                       if k not in data}
            if missing:
                raise ValidationError(missing)


class ServiceNumberRules(_Body):
    """``service_number``: the search rules, one search type, with the fields it needs."""

    country = StrictString(required=True, error_messages={**_MESSAGES,
                                                          "invalid": "invalid country"})
    search_type = StrictString(required=True,
                               validate=validate.OneOf(SEARCH_TYPES, error="invalid search_type"),
                               error_messages={**_MESSAGES, "invalid": "invalid search_type"})
    szu = _text("invalid szu")
    radius = _float("invalid radius", 0, 500, min_inclusive=False)
    lat = _float("invalid latitude", -90, 90)
    long = _float("invalid longitude", -180, 180)
    lng = _float("invalid longitude", -180, 180)
    location = _text("invalid location")
    number_type = _text("invalid number_type")
    number = _text("invalid number", high=20)

    @validates_schema
    def _rules(self, data: dict, **kwargs) -> None:
        errors: dict[str, str] = {}
        country = data.get("country", "").strip().upper()
        if "country" in data and country not in phonenumbers.SUPPORTED_REGIONS:
            errors["country"] = "invalid country"
        elif "country" in data and country != "AU":
            errors["country"] = "no inventory in this country"
        kind = data.get("search_type")
        needs = {"szu": ("szu",), "number_type": ("number_type",), "number": ("number",),
                 "prefix": ("number",), "coordinates": ("lat", "lng", "radius"),
                 "location": ("radius",)}.get(kind, ())
        given = set(data) | ({"lng"} if "long" in data else set())
        errors.update({k: f"required if search_type = {kind}" for k in needs if k not in given})
        if kind == "location" and "location" not in data and not {"lat", "lng"} <= given:
            errors["location"] = "required if search_type = location"
        if errors:
            raise ValidationError(errors)


class InboundRequest(_Body):
    """``POST /requests``: the Inbound Request. ``call_reporting`` may sit in ``service``
    (the transfer and voicemail examples) or at the top level (the prompt example)."""

    name = _text("invalid name", high=NAME_MAX, required=True)
    custom_id = _text(f"at most {CUSTOM_ID_MAX} characters", 0, CUSTOM_ID_MAX)
    custom_group = _text(f"at most {CUSTOM_ID_MAX} characters", 0, CUSTOM_ID_MAX)
    service_number = _nested(ServiceNumberRules, required=True)
    service = _nested(ServiceConfig, required=True)
    call_reporting = _nested(CallReporting)
    call_uri = _url()
    sms_forward_uri = _url()
    callback_uri = _url()

    @validates_schema
    def _reporting_once(self, data: dict, **kwargs) -> None:
        if "call_reporting" in data and "call_reporting" in data.get("service", {}):
            raise ValidationError({"call_reporting": "given both here and in service"})


class ServiceDetail(_Body):
    """A service as stored once its changes are merged (``POST /services/{number}`` sends
    only the changes): the Inbound Request without the search rules."""

    name = _text("invalid name", high=NAME_MAX, required=True)
    service = _nested(ServiceConfig, required=True)
    call_uri = _url()
    sms_forward_uri = _url()


class ServiceUpdate(_Body):
    """``POST /services/{number}``: the Request-only fields of an update (the rest is
    checked once merged into the service, with ServiceDetail)."""

    service_number = _text("invalid service_number", high=20)
    custom_id = _text(f"at most {CUSTOM_ID_MAX} characters", 0, CUSTOM_ID_MAX)
    custom_group = _text(f"at most {CUSTOM_ID_MAX} characters", 0, CUSTOM_ID_MAX)
    callback_uri = _url()


INBOUND_REQUEST = InboundRequest()
SERVICE_DETAIL = ServiceDetail()
SERVICE_UPDATE = ServiceUpdate()
