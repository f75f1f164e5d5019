"""Request schemas of the AVOXI endpoints that take a body: ``POST /order`` and
``PUT /extension/{extension}`` (seed 000, "Add phone number to account" and "Set the
configuration for an extension")."""
from __future__ import annotations

import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from ...core import phones
from ...core.validation import StrictBoolean, StrictString

DAYS = ("M", "Tu", "W", "Th", "F", "Sa", "Su")
#: action form 1 (routes the call somewhere) and form 2 (type and tags only)
ROUTING_ACTIONS = ("Dial",)
TERMINAL_ACTIONS = ("Voicemail", "Hangup")
CALLER_ID = ("Show Caller's Number", "Show AVOXI Number")
_HHMM = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
_SIP = re.compile(r"sip:[^\s@]+(@[^\s@]+)?")


class ProductId(fields.Field):
    """``product_id``: documented as a string, shown as an integer; both are accepted."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise ValidationError("Not a valid product id.")
        text = str(value).strip()
        if not text.isdigit():
            raise ValidationError("Not a valid product id.")
        return int(text)


class OrderItemSchema(Schema):
    """One item: a number by ``number_e164``, or a geography and a ``quantity``."""

    class Meta:
        unknown = EXCLUDE

    number_e164 = StrictString()
    country = StrictString()
    number_type = StrictString()
    region = StrictString()
    product_id = ProductId()
    quantity = fields.Integer(strict=True, validate=validate.Range(min=1, max=1000))


class OrderSchema(Schema):
    """The body of ``POST /order``."""

    class Meta:
        unknown = EXCLUDE

    contact_name = StrictString()
    reference_number = StrictString()
    items = fields.List(fields.Nested(OrderItemSchema), required=True,
                        validate=validate.Length(min=1, max=100))


def _time_zone(value: str) -> None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError("Not a known IANA time zone.") from None


def _hhmm(value: str | None) -> None:
    if value is not None and not _HHMM.fullmatch(value):
        raise ValidationError("Must be a time as HH:MM (00:00 to 23:59).")


def _destination(value: str) -> None:
    if _SIP.fullmatch(value):
        return
    if not value.startswith("+") or not phones.is_valid(value):
        raise ValidationError("Must be an E.164 number (+12604379623) or a sip: URI.")


class ActivationSchema(Schema):
    """When a rule applies."""

    class Meta:
        unknown = EXCLUDE

    start = fields.Integer(strict=True, required=True, validate=validate.Range(min=0))
    stop = fields.Integer(strict=True, allow_none=True, load_default=None,
                          validate=validate.Range(min=0))
    days = fields.List(StrictString(validate=validate.OneOf(DAYS)), load_default=list)
    start_time = StrictString(allow_none=True, load_default=None, validate=_hhmm)
    stop_time = StrictString(allow_none=True, load_default=None, validate=_hhmm)
    time_zone = StrictString(required=True, validate=_time_zone)

    @validates_schema
    def _order(self, data: dict, **kwargs: Any) -> None:
        if data.get("stop") is not None and data["stop"] < data["start"]:
            raise ValidationError("Must not be before start.", "stop")


class ActionSchema(Schema):
    """What a rule does: form 1 routes the call, form 2 has only a type and tags."""

    class Meta:
        unknown = EXCLUDE

    type = StrictString(required=True,
                        validate=validate.OneOf(ROUTING_ACTIONS + TERMINAL_ACTIONS))
    destination = StrictString(validate=_destination)
    timeout_sec = fields.Integer(strict=True, validate=validate.Range(min=1, max=600))
    caller_id = StrictString(validate=validate.OneOf(CALLER_ID))
    tags = fields.Dict(keys=StrictString(), values=StrictString(), load_default=dict)

    @validates_schema
    def _form(self, data: dict, **kwargs: Any) -> None:
        if data.get("type") in ROUTING_ACTIONS:
            if "destination" not in data:
                raise ValidationError("Missing data for required field.", "destination")
            return
        extra = [k for k in ("destination", "timeout_sec", "caller_id") if k in data]
        if extra:
            raise ValidationError({k: [f"Not allowed with action type {data.get('type')}."]
                                   for k in extra})


class RuleSchema(Schema):
    """One forwarding rule."""

    class Meta:
        unknown = EXCLUDE

    target_id = StrictString()
    name = StrictString(required=True, validate=validate.Length(min=1, max=255))
    priority = fields.Integer(strict=True, required=True)
    disabled = StrictBoolean(required=True)
    activations = fields.List(fields.Nested(ActivationSchema), load_default=list)
    action = fields.Nested(ActionSchema)


class ExtensionSchema(Schema):
    """The ``extension`` object of ``PUT /extension/{extension}``."""

    class Meta:
        unknown = EXCLUDE

    number_id = StrictString(required=True)
    organization_id = StrictString()
    number = StrictString(required=True)
    name = StrictString(required=True, validate=validate.Length(min=1, max=255))
    rules = fields.List(fields.Nested(RuleSchema), load_default=list)


class ExtensionBodySchema(Schema):
    """The whole body of ``PUT /extension/{extension}``."""

    class Meta:
        unknown = EXCLUDE

    extension = fields.Nested(ExtensionSchema, required=True)
