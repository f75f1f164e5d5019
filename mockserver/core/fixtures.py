"""Seed data files: the packaged ones under ``mockserver/fixtures/<slug>/``, each of which a
user may replace by a file of the same name under their own fixtures directory."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

PACKAGED = Path(__file__).resolve().parent.parent / "fixtures"


class Fixtures:
    """One provider's fixture files, the user's directory taking precedence."""

    def __init__(self, slug: str, override_dir: str | Path | None = None) -> None:
        self.slug = slug
        self.override = Path(override_dir) / slug if override_dir else None

    def path(self, name: str) -> Path:
        """Where ``name`` is read from."""
        if self.override is not None and (self.override / name).is_file():
            return self.override / name
        return PACKAGED / self.slug / name

    def load(self, name: str) -> Any:
        """The parsed JSON of ``name``."""
        return _read(str(self.path(name)))


@lru_cache(maxsize=256)
def _read(path: str) -> Any:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)
