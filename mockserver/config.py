"""The keys ``create_app`` (and the pytest plugin's ``mock_config``) accept, with their
types: an unknown key or a value of the wrong type is a ``ValueError`` naming the key,
never silently ignored. Flask's own keys (``TESTING``...) pass through unchecked.

The defaults of the app-wide keys are ``mockserver.app.DEFAULTS``; a provider key that is
absent (or ``None`` where the schema allows it) keeps the provider's built-in default,
listed in the README's table of ``mock_config`` keys.
"""
from __future__ import annotations

import difflib
import os
from typing import Any, Mapping

from flask import Flask
from marshmallow import Schema, ValidationError, fields, validate

from .core.auth import MODES
from .core.validation import StrictString, flatten


class StrictInteger(fields.Integer):
    """An int, or a string of one (``"300"``, as an environment gives it); not a bool or a
    float."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(strict=True, **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> int:
        if isinstance(value, bool):
            raise self.make_error("invalid")
        if isinstance(value, str):
            try:
                value = int(value.strip())
            except ValueError:
                raise self.make_error("invalid") from None
        return super()._deserialize(value, attr, data, **kwargs)


class Seconds(fields.Float):
    """A number of seconds: an int, a float or a string of one (``"20"``); not a bool."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class OneOrMany(fields.Field):
    """A string (comma-separated) or a list or tuple of ``item`` values."""

    default_error_messages = {"invalid": "Not a string or a list."}

    def __init__(self, item: fields.Field, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.item = item

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, str):
            return value
        if not isinstance(value, (list, tuple)):
            raise self.make_error("invalid")
        return [self.item.deserialize(part) for part in value]


class PathField(fields.Field):
    """A filesystem path: a string or an ``os.PathLike``."""

    default_error_messages = {"invalid": "Not a path (a string or os.PathLike)."}

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Any:
        if not isinstance(value, (str, os.PathLike)):
            raise self.make_error("invalid")
        return value


def _seconds(**kwargs: Any) -> Seconds:
    return Seconds(validate=validate.Range(min=0), **kwargs)


def _count(**kwargs: Any) -> StrictInteger:
    return StrictInteger(validate=validate.Range(min=0), **kwargs)


class ConfigSchema(Schema):
    """Every key of an app's config (Flask's own keys aside)."""

    # the app
    SEED = StrictInteger()
    AUTH_MODE = StrictString(validate=validate.OneOf(MODES))
    FIXTURES_DIR = PathField(allow_none=True)
    PROVIDERS = OneOrMany(StrictString(), allow_none=True)
    JOURNAL_SIZE = _count()
    MAX_CONTENT_LENGTH = _count(allow_none=True)
    WEBHOOK_TIMEOUT = _seconds()
    INBOX_SIZE = _count()
    # AVOXI, AVANSER
    AVOXI_INVENTORY_PER_REGION = _count(allow_none=True)
    AVANSER_STOCK_PER_SZU = _count(allow_none=True)
    AVANSER_SEARCH_LIMIT = _count(allow_none=True)
    AVANSER_PROVISIONING_DELAY = _seconds(allow_none=True)
    AVANSER_CALLBACK_RETRY_DELAY = _seconds(allow_none=True)
    # Avaya
    AVAYA_CALL_RING_DELAY = _seconds()
    AVAYA_PLAY_SECONDS = _seconds()
    AVAYA_SMS_REPLY_LIMIT = _count()
    AVAYA_FLOOD_LIMIT = _count()
    AVAYA_FLOOD_SECONDS = _seconds()
    AVAYA_MESSAGE_SENDING_DELAY = _seconds(allow_none=True)
    AVAYA_MESSAGE_SENT_DELAY = _seconds(allow_none=True)
    AVAYA_CALLBACK_RETRY_DELAYS = OneOrMany(_seconds(), allow_none=True)
    AVAYA_TRANSCRIPTION_DELAY = _seconds()
    AVAYA_TRANSCRIPTION_DELAY_PER_SECOND = _seconds()
    AVAYA_PUBLIC_URL = StrictString(allow_none=True)
    AVAYA_SIP_DEFAULT_VOICE_URL = StrictString()


SCHEMA = ConfigSchema()


def check_config(config: Mapping[str, Any]) -> None:
    """Refuse an unknown key or a value of the wrong type: one ``ValueError`` naming each
    key at fault (with the nearest known key for a misspelt one)."""
    known = set(SCHEMA.fields)
    problems: dict[str, str] = {}
    for key in config:
        if key not in known and key not in Flask.default_config:
            near = difflib.get_close_matches(str(key).upper(), known, n=1)
            problems[str(key)] = "unknown key" + (f" (did you mean {near[0]}?)" if near else "")
    try:
        SCHEMA.load({key: value for key, value in config.items() if key in known})
    except ValidationError as exc:
        problems.update(flatten(exc.messages))
    if problems:
        raise ValueError("config: " + "; ".join(f"{key}: {message.rstrip('.')}"
                                                for key, message in sorted(problems.items())))
