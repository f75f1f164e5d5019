"""Parameter schemas of the two actions that write fields (``save``, ``update_subscriber``)
and Moonrope's reading of parameter values.

Moonrope treats an empty string as no value (``ParamSet#_value_for``), and a ``:boolean``
parameter as any of true/false, "true"/"false", 1/0, "1"/"0" (``Action::BOOLEAN_VALUES``).
Values of the wrong type answer ``validation-error`` with Rails-style ``{field: [messages]}``.
"""
from __future__ import annotations

import re
from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from ...core.validation import StrictString
from .errors import ParameterError, ValidationFailed

CONTEXTS = ("incoming", "utility")
_TRUE = frozenset((type(v), v) for v in ("true", "1", 1, True))
_FALSE = frozenset((type(v), v) for v in ("false", "0", 0, False))
#: a UK postcode (outward and inward codes, one optional space), any case
_POSTCODE = re.compile(r"(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})", re.IGNORECASE)


class MoonropeBoolean(fields.Field):
    """A boolean as Moonrope reads one: true/false, "true"/"false", 1/0, "1"/"0"."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> bool:
        key = (type(value), value) if isinstance(value, (str, int)) else None
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
        raise ValidationError("must be true or false")


class MoonropeInteger(fields.Field):
    """An id: a positive JSON integer or a string of digits."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> int:
        integer = as_integer(value)
        if integer is None:
            raise ValidationError("must be a positive integer")
        return integer


def _postcode(value: str | None) -> None:
    if value is not None and not _POSTCODE.fullmatch(value.strip()):
        raise ValidationError("is not a valid UK postcode")


class SaveSchema(Schema):
    """``save``: every field but ``id`` (read separately)."""

    class Meta:
        unknown = EXCLUDE

    context = StrictString(allow_none=True)
    number = StrictString(allow_none=True)
    destination_type = StrictString(allow_none=True)
    destination_id = MoonropeInteger(allow_none=True)
    caller_id_prefix = StrictString(allow_none=True, validate=validate.Length(max=20))
    recording_enabled = MoonropeBoolean()
    callerid_passthrough = MoonropeBoolean()


class SubscriberSchema(Schema):
    """``update_subscriber``: the subscriber's name and address (each optional)."""

    class Meta:
        unknown = EXCLUDE

    first_name = StrictString(allow_none=True, validate=validate.Length(max=255))
    name = StrictString(allow_none=True, validate=validate.Length(max=255))
    address1 = StrictString(allow_none=True, validate=validate.Length(max=255))
    address2 = StrictString(allow_none=True, validate=validate.Length(max=255))
    address3 = StrictString(allow_none=True, validate=validate.Length(max=255))
    address4 = StrictString(allow_none=True, validate=validate.Length(max=255))
    postcode = StrictString(allow_none=True, validate=_postcode)


SAVE_SCHEMA = SaveSchema()
SUBSCRIBER_SCHEMA = SubscriberSchema()


def moonrope_values(params: dict[str, Any]) -> dict[str, Any]:
    """The parameters with empty strings as None (Moonrope's reading)."""
    return {key: (None if value == "" else value) for key, value in params.items()}


def validated(schema: Schema, params: dict[str, Any]) -> dict[str, Any]:
    """``schema.load(params)``, or ValidationFailed naming every offending field."""
    try:
        return schema.load(params)
    except ValidationError as exc:
        raise ValidationFailed({name: list(why) if isinstance(why, list) else [str(why)]
                                for name, why in exc.messages.items()}) from None


def as_integer(value: Any) -> int | None:
    """A positive id given as a JSON integer or a string of digits, as an int; None for
    anything else."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if value > 0 else None
    if isinstance(value, str) and value.isascii() and value.isdigit() and int(value) > 0:
        return int(value)
    return None


def required(params: dict[str, Any], name: str) -> Any:
    """A required parameter's value, or Moonrope's parameter-error naming it."""
    value = params.get(name)
    if value is None:
        raise ParameterError(f"`{name}` parameter is required but is missing")
    return value


def required_id(params: dict[str, Any]) -> int:
    """The required ``id`` parameter as an int (parameter-error if missing or malformed)."""
    number_id = as_integer(required(params, "id"))
    if number_id is None:
        raise ParameterError("`id` parameter is invalid")
    return number_id
