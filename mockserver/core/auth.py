"""Credential parsing and the two auth modes, provider-neutral.

``lenient``: any well-formed credential is accepted and is its own tenant.
``strict``: only credentials the provider's fixtures list are accepted.
Parsing answers ``None`` for a missing or malformed credential; the provider decides which
error envelope that becomes.
"""
from __future__ import annotations

import base64
import binascii
import re
from typing import Iterable

LENIENT = "lenient"
STRICT = "strict"
MODES = (LENIENT, STRICT)

# RFC 6750 section 2.1: b64token
_B64TOKEN = re.compile(r"[A-Za-z0-9\-._~+/]+=*")


def bearer_token(value: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header value, or None if absent
    or malformed."""
    if not value:
        return None
    scheme, _, token = value.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or not _B64TOKEN.fullmatch(token):
        return None
    return token


def basic_credentials(value: str | None) -> tuple[str, str] | None:
    """``(user, password)`` of an ``Authorization: Basic ...`` header value, or None if
    absent or malformed."""
    if not value:
        return None
    scheme, _, encoded = value.strip().partition(" ")
    if scheme.lower() != "basic" or not encoded.strip():
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    user, sep, password = decoded.partition(":")
    if not sep or not user:
        return None
    return user, password


def header_token(value: str | None) -> str | None:
    """A credential carried in a custom header (``X-Auth-Token``), or None if blank."""
    value = (value or "").strip()
    return value or None


class CredentialPolicy:
    """Which well-formed credentials a provider accepts in the current auth mode."""

    def __init__(self, mode: str, known: Iterable[str] = ()) -> None:
        if mode not in MODES:
            raise ValueError(f"auth mode must be one of {', '.join(MODES)}, not {mode!r}")
        self.mode = mode
        self.known = frozenset(known)

    def admits(self, identity: str) -> bool:
        """True when ``identity`` may use the provider."""
        return self.mode == LENIENT or identity in self.known
