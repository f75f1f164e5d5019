"""Seed data files: the packaged ones under ``mockserver/fixtures/<slug>/`` (the top-level
``fixtures/`` folder of the repository, installed inside the package), each of which a
user may replace by a file of the same name under their own fixtures directory.

A user's directory is checked whole when the app is built (:func:`check`), so that a file
that does not parse stops the start instead of the first request that reads it."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

#: the packaged fixtures: importable data, wherever and however the package is installed
PACKAGED: Traversable = files("mockserver.fixtures")


class FixtureError(ValueError):
    """A fixtures directory, or a file in it, that cannot be used: the message names it."""


class Fixtures:
    """One provider's fixture files, the user's directory taking precedence (looked up
    once per file: the directory is checked whole when the app is built)."""

    def __init__(self, slug: str, override_dir: str | Path | None = None) -> None:
        self.slug = slug
        self.override = Path(override_dir) / slug if override_dir else None
        self._paths: dict[str, Traversable] = {}

    def path(self, name: str) -> Traversable:
        """Where ``name`` is read from."""
        found = self._paths.get(name)
        if found is None:
            if self.override is not None and (self.override / name).is_file():
                found = self.override / name
            else:
                found = PACKAGED / self.slug / name
            self._paths[name] = found
        return found

    def load(self, name: str) -> Any:
        """The parsed JSON of ``name``."""
        return _read(self.path(name))


def check(directory: str | Path) -> None:
    """Refuse a fixtures directory that does not exist, a folder in it that is not a
    provider's, a file no provider reads, or a file that does not parse as JSON of the
    packaged file's shape (object or array): a :class:`FixtureError` naming the file, and
    for a syntax error its line and column. Hidden entries (``.git``...) are ignored."""
    root = Path(directory)
    if not root.is_dir():
        raise FixtureError(f"{root}: no such directory")
    slugs = _names(PACKAGED)
    for folder in _entries(root):
        if not folder.is_dir() or folder.name not in slugs:
            raise FixtureError(f"{folder}: not a provider's folder "
                               f"(known: {', '.join(slugs)})")
        packaged = PACKAGED / folder.name
        names = _names(packaged)
        for file in _entries(folder):
            if file.name not in names:
                raise FixtureError(f"{file}: no {folder.name} fixture has this name "
                                   f"(known: {', '.join(names)})")
            data = _parse(file)
            expected = type(_read(packaged / file.name))
            if not isinstance(data, expected):
                raise FixtureError(f"{file}: expected a JSON "
                                   f"{'object' if expected is dict else 'array'}")


def _entries(folder: Path) -> list[Path]:
    """A user's folder, sorted, without hidden entries (``.git``, ``.DS_Store``)."""
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def _names(folder: Traversable) -> list[str]:
    """The provider folders, or the ``.json`` files, of a packaged folder."""
    return sorted(p.name for p in folder.iterdir()
                  if not p.name.startswith(("_", ".")) and (p.is_dir() or
                                                            p.name.endswith(".json")))


def _parse(file: Path) -> Any:
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise FixtureError(f"{file}: line {exc.lineno} column {exc.colno}: "
                           f"{exc.msg}") from None
    except UnicodeDecodeError:
        raise FixtureError(f"{file}: not UTF-8 text") from None
    except OSError as exc:
        raise FixtureError(f"{file}: {exc.strerror or exc}") from None


@lru_cache(maxsize=256)
def _read(path: Traversable) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
