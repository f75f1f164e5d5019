"""The providers the mock impersonates, each in its own package; none imports another."""
from __future__ import annotations

from importlib import import_module

from ..core.provider import ProviderSpec

#: slug -> module exposing SPEC, in the order they are listed and mounted
SLUGS = ("avoxi", "dial9", "evovoice", "avanser", "avaya")


def available() -> dict[str, ProviderSpec]:
    """Every provider's spec, by slug."""
    return {slug: import_module(f"{__name__}.{slug}").SPEC for slug in SLUGS}
