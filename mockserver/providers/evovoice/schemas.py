"""The request DTOs (BuyPhoneNumber, ServiceStack's Authenticate) as marshmallow schemas,
read the way ServiceStack binds them: property names matched case-insensitively, values
from a JSON body or from form / query strings (``"true"``, comma-separated lists, JSON text
for Struct values), unknown properties ignored."""
from __future__ import annotations

from typing import Any, Mapping

from marshmallow import EXCLUDE, Schema, ValidationError, fields

from ...core.body import loads
from ...core.validation import flatten
from .errors import BindingError

_TRUE, _FALSE = {"true", "1"}, {"false", "0"}
VALUE_KEYS = ("boolValue", "stringValue", "numberValue", "listValue", "structValue")
MAX_DEPTH = 32


class Text(fields.Field):
    """A string property: a JSON string, or a number written as its text."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        if isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        raise ValidationError("Not a valid string.")


class Flag(fields.Field):
    """A bool property: JSON true/false, or the text true/false/1/0 (any case)."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise ValidationError("Not a valid boolean.")


class TextList(fields.Field):
    """A ``List<string>``: a JSON array, repeated form fields, a comma-separated string or
    a JSON array written as text."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> list[str]:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                try:
                    value = loads(text)
                except ValueError:
                    raise ValidationError("Not a valid list of strings.") from None
            else:
                return [part.strip() for part in text.split(",") if part.strip()]
        if not isinstance(value, list):
            raise ValidationError("Not a valid list of strings.")
        out = []
        for item in value:
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                raise ValidationError("Not a valid list of strings.")
            out.append(str(item))
        return out


class StructField(fields.Field):
    """A ``Struct`` (``Dictionary<string, Value>``): a JSON object, or JSON text in a form."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> dict:
        if isinstance(value, str):
            try:
                value = loads(value) if value.strip() else {}
            except ValueError:
                raise ValidationError("Not a valid Struct (expected a JSON object).") from None
        return struct(value, "", 0)


def struct(value: Any, path: str, depth: int) -> dict:
    """A Struct checked and normalised: Value properties in camelCase, nulls dropped."""
    if depth > MAX_DEPTH:
        raise ValidationError(f"Struct nested deeper than {MAX_DEPTH} levels.")
    if not isinstance(value, dict):
        raise ValidationError(f"{path or 'Struct'} must be an object of Values.")
    out = {}
    for key, item in value.items():
        if item is None:
            continue
        out[key] = _value(item, f"{path}.{key}" if path else key, depth)
    return out


def _value(value: Any, path: str, depth: int) -> dict:
    if not isinstance(value, dict):
        raise ValidationError(f"{path} must be a Value object.")
    canonical = {k.lower(): k for k in VALUE_KEYS}
    out: dict[str, Any] = {}
    for key, item in value.items():
        name = canonical.get(str(key).lower())
        if name is None or item is None:
            continue
        where = f"{path}.{name}"
        if name == "boolValue" and not isinstance(item, bool):
            raise ValidationError(f"{where} must be a boolean.")
        if name == "stringValue" and not isinstance(item, str):
            raise ValidationError(f"{where} must be a string.")
        if name == "numberValue" and (isinstance(item, bool)
                                      or not isinstance(item, (int, float))):
            raise ValidationError(f"{where} must be a number.")
        if name == "listValue":
            if not isinstance(item, list):
                raise ValidationError(f"{where} must be a list of Structs.")
            item = [None if s is None else struct(s, f"{where}[{i}]", depth + 1)
                    for i, s in enumerate(item)]
        if name == "structValue":
            item = struct(item, where, depth + 1)
        out[name] = item
    return out


class BuyPhoneNumberSchema(Schema):
    """``BuyPhoneNumber`` (seed 001): every property optional."""

    class Meta:
        unknown = EXCLUDE

    accountId = Text(allow_none=True, load_default=None)
    customerId = Text(allow_none=True, load_default=None)
    number = Text(allow_none=True, load_default=None)
    isVirtualPhoneNumber = Flag(allow_none=True, load_default=False)
    isFaxNumber = Flag(allow_none=True, load_default=False)
    addressSid = Text(allow_none=True, load_default=None)
    tagIds = TextList(allow_none=True, load_default=list)
    data = StructField(allow_none=True, load_default=dict)
    flowId = Text(allow_none=True, load_default=None)
    flowParams = StructField(allow_none=True, load_default=dict)


class AuthenticateSchema(Schema):
    """ServiceStack's ``Authenticate`` request, the properties the mock reads."""

    class Meta:
        unknown = EXCLUDE

    provider = Text(allow_none=True, load_default=None)
    userName = Text(allow_none=True, load_default=None)
    password = Text(allow_none=True, load_default=None)
    rememberMe = Flag(allow_none=True, load_default=False)


BUY = BuyPhoneNumberSchema()
AUTHENTICATE = AuthenticateSchema()


def bind(schema: Schema, raw: Mapping[str, Any], dto: str) -> dict:
    """The request DTO from raw properties, names matched case-insensitively; a property
    that cannot be read is a SerializationException naming it."""
    names = {name.lower(): name for name in schema.fields}
    data = {}
    for key, value in raw.items():
        name = names.get(str(key).lower())
        if name is not None:
            data[name] = value
    try:
        loaded = schema.load(data)
    except ValidationError as exc:
        raise BindingError(f"Unable to bind to request '{dto}'",
                           fields=flatten(exc.messages)) from None
    for key in ("isVirtualPhoneNumber", "isFaxNumber", "rememberMe"):
        if key in loaded and loaded[key] is None:
            loaded[key] = False
    for key in ("tagIds",):
        if key in loaded and loaded[key] is None:
            loaded[key] = []
    for key in ("data", "flowParams"):
        if key in loaded and loaded[key] is None:
            loaded[key] = {}
    return loaded
