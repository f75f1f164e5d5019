"""``serve --state-file``: a server's state kept in a file across restarts.

The file holds a state snapshot (``core.snapshot``, the format of ``GET /_mock/state``).
``StateFile.open`` restores it when it exists; a file that does not parse, or is not a
snapshot this server reads, stops the start (``UsageError`` naming the file and the
problem): it is never silently replaced. ``start`` saves it every interval from a daemon
thread, when anything changed (a digest of the snapshot tells); ``close`` stops that thread
and saves a last time. Every save writes a temporary file in the same directory and renames
it over the old one (``write_atomically``), so a crash or a kill mid-save leaves the old
file whole. What is not state (the journal, webhook records, fault rules, inboxes) is not
kept.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import stat
import tempfile
import threading
from pathlib import Path
from typing import Any

from .core import snapshot

log = logging.getLogger("mockserver.persistence")


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in its directory and a rename:
    readers (and a restart after a crash) see the old file or the new one, never half."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with contextlib.suppress(OSError):  # keep an existing file's mode (new: 0600)
            os.chmod(temp, stat.S_IMODE(os.stat(path).st_mode))
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    with contextlib.suppress(OSError):     # make the rename itself durable (POSIX)
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def digest(snap: dict[str, Any]) -> str:
    """A digest of what a snapshot holds (a free clock's passing time left out)."""
    text = json.dumps(snapshot.stable(snap), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


class StateFile:
    """One app's state file."""

    def __init__(self, app: Any, path: str, interval: float) -> None:
        from .app import services_of
        self.app, self.path, self.interval = app, Path(path), interval
        self.services = services_of(app)
        self._saved: str | None = None          # digest of what the file holds
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def open(cls, app: Any, path: str, interval: float) -> "StateFile":
        """The state file of ``app`` at ``path``, restored into the app when it exists;
        UsageError naming the file when it cannot be read, is not a snapshot, or could not
        be written later (its directory is missing or read-only)."""
        state_file = cls(app, path, interval)
        state_file._check_writable()
        if state_file.path.exists():
            state_file._restore()
        return state_file

    def _problem(self, text: str) -> Exception:
        from .cli import UsageError
        return UsageError(f"--state-file {self.path}: {text}")

    def _check_writable(self) -> None:
        if self.path.is_dir():
            raise self._problem("is a directory")
        parent = self.path.parent
        if not parent.is_dir():
            raise self._problem(f"directory {parent} does not exist")
        if not os.access(parent, os.W_OK | os.X_OK):
            raise self._problem(f"directory {parent} is not writable")

    def _restore(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise self._problem(f"cannot be read ({getattr(exc, 'strerror', None) or exc})") \
                from None
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise self._problem(f"corrupt: not JSON ({exc})") from None
        try:
            snapshot.load(self.services, data)
        except snapshot.SnapshotError as exc:
            raise self._problem(f"not a state snapshot this server reads: {exc}") from None
        self._saved = digest(snapshot.export(self.services))

    def save(self) -> bool:
        """Write the state when it changed since the last save (or restore); True if it
        wrote. OSError when the file cannot be written (the old one is left whole)."""
        with self._lock:
            snap = snapshot.export(self.services)
            now = digest(snap)
            if now == self._saved:
                return False
            write_atomically(self.path, json.dumps(snap, indent=1).encode())
            self._saved = now
            return True

    def start(self) -> None:
        """Begin the periodic saves (none when the interval is 0)."""
        if self.interval > 0 and self._thread is None:
            self._thread = threading.Thread(target=self._run, name="mockserver-state-file",
                                            daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.save()
            except Exception:               # a full disk must not stop the server
                log.exception("could not save the state to %s", self.path)

    def close(self) -> None:
        """Stop the periodic saves and save a last time (UsageError if that fails)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        try:
            self.save()
        except OSError as exc:
            raise self._problem(f"could not save ({exc.strerror or exc})") from None
