"""``serve --state-file``: a server's state kept in a file across restarts (to be built:
issue 13). ``StateFile.open`` restores the file when it exists; ``start`` saves it every
interval when anything changed; ``close`` saves it a last time."""
from __future__ import annotations

from typing import Any


class StateFile:
    """One app's state file."""

    def __init__(self, app: Any, path: str, interval: float) -> None:
        self.app, self.path, self.interval = app, path, interval

    @classmethod
    def open(cls, app: Any, path: str, interval: float) -> "StateFile":
        """The state file of ``app`` at ``path``, restored into the app when it exists."""
        return cls(app, path, interval)

    def start(self) -> None:
        """Begin the periodic saves."""

    def close(self) -> None:
        """Stop the periodic saves and save a last time."""
