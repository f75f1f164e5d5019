"""marshmallow glue shared by providers: strict JSON field types and one way of turning a
ValidationError into a BadRequest that names every offending field."""
from __future__ import annotations

from typing import Any

import orjson
from marshmallow import Schema, ValidationError, fields

from .errors import BadRequest
from .render import json_copy

#: distinct objects a RememberedNested field keeps the loaded form of
REMEMBERED = 256


class StrictBoolean(fields.Boolean):
    """A JSON boolean: ``true`` or ``false``, not ``"true"``, ``1`` or ``"yes"``."""

    default_error_messages = {"invalid": "Not a valid boolean."}

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class StrictString(fields.String):
    """A JSON string, not a number or boolean coerced to one."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        if not isinstance(value, str):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class RememberedNested(fields.Nested):
    """A Nested field of a schema whose load is a pure function of the object given (no
    context, no state): the loaded form of each distinct object is remembered, so a client
    sending the same configuration again and again (the same service of every request,
    say) has it validated once. Each load answers a fresh copy; an object that fails is
    not remembered (its errors are worked out each time)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.remembered: dict[tuple, Any] = {}

    def _deserialize(self, value: Any, attr: Any, data: Any, partial: Any = None,
                     **kwargs: Any) -> Any:
        try:
            key = (orjson.dumps(value, option=orjson.OPT_SORT_KEYS), repr(partial))
        except TypeError:                     # not JSON orjson writes: load it every time
            return super()._deserialize(value, attr, data, partial=partial, **kwargs)
        loaded = self.remembered.get(key)
        if loaded is None:
            loaded = super()._deserialize(value, attr, data, partial=partial, **kwargs)
            if len(self.remembered) >= REMEMBERED:
                self.remembered.clear()
            self.remembered[key] = loaded
        return json_copy(loaded)


def flatten(messages: Any, prefix: str = "") -> dict[str, str]:
    """marshmallow's nested messages as ``{"items.0.quantity": "Must be ..."}``."""
    out: dict[str, str] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            name = str(key) if key != "_schema" else ""
            path = f"{prefix}.{name}" if prefix and name else (prefix or name)
            out.update(flatten(value, path))
    elif isinstance(messages, list) and messages and all(isinstance(m, str) for m in messages):
        out[prefix or "body"] = " ".join(messages)
    elif isinstance(messages, list):
        for item in messages:
            out.update(flatten(item, prefix))
    else:
        out[prefix or "body"] = str(messages)
    return out


def load(schema: Schema, data: Any, message: str) -> Any:
    """``schema.load(data)``, or BadRequest(message) naming every offending field."""
    try:
        return schema.load(data)
    except ValidationError as exc:
        raise BadRequest(message, fields=flatten(exc.messages)) from None
