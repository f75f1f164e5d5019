"""Notifications (seed 004, List Notifications, View Notification); they are written by
``Ledger.notify``: by a failed status callback, and by every API request of an
authenticated account that is refused (``record_refusal``, called from routes/api.py).
Part of the Avaya backend (a mixin); no Flask here.
"""
from __future__ import annotations

from typing import Mapping

from .errors import AvayaError, NotFound
from .ledger import ERROR, LOG_LEVELS
from .paging import Listing, Window
from .state import AvayaState

#: the request methods a Notification may name: zang-python reads ``request_method`` with
#: its HttpMethod enum, which knows only these two
LOGGED_METHODS = ("GET", "POST")
#: the ``Log`` values the seed allows: "1,2 or 3, where 2=INFO, 1=WARNING, 0=ERROR"
ALLOWED_LOGS = frozenset(LOG_LEVELS) | {3}


class Notifications:
    """Notifications of the Avaya backend."""

    def list_notifications(self, sid: str, args: Mapping[str, str],
                           window: Window) -> Listing:
        """List Notifications, newest first; ``Log`` keeps one level (0 ERROR, 1 WARNING,
        2 INFO). The seed's "Allowed values are 1,2 or 3, where 2=INFO, 1=WARNING,
        0=ERROR" names four values: each is accepted (3, a level no Notification has,
        keeps none), and so are the level names; anything else is refused with 10022."""
        level = log_level(args.get("Log"))
        with self.locked(sid) as state:
            records = [dict(record) for record in reversed(state.notifications.values())
                       if level is None or record["log"] == level]
            return window.slice(records)

    def view_notification(self, sid: str, notification_sid: str) -> dict:
        """View Notification; 21227 (404) for an unknown SID."""
        with self.locked(sid) as state:
            return dict(self._notification(state, notification_sid))

    def record_refusal(self, sid: str, err: AvayaError, *, url: str, method: str,
                       variables: Mapping[str, str]) -> None:
        """Write an ERROR Notification for a refused API request of an authenticated
        account (as the real API logs them: zang-python's recorded notifications are
        refused requests). DELETE requests are not logged (see ``LOGGED_METHODS``)."""
        if method not in LOGGED_METHODS:
            return
        with self.locked(sid) as state:
            self.notify(state, err.code, err.message, log=ERROR, request_url=url,
                        request_method=method, request_variables=dict(variables))

    def _notification(self, state: AvayaState, notification_sid: str) -> dict:
        record = state.notifications.get(notification_sid)
        if record is None:
            raise NotFound("Notification", notification_sid)
        return record


def log_level(raw: str | None) -> int | None:
    """The ``Log`` filter as a level: a number from 0 to 3 (leading zeros and white space
    ignored; the seed allows "1,2 or 3" and names 0) or a level's name (``ERROR``,
    ``WARNING``, ``INFO``, any case); None when absent or empty; 10022 for anything
    else."""
    if raw is None or raw.strip() == "":
        return None
    text = raw.strip()
    names = {name: level for level, name in LOG_LEVELS.items()}
    if text.upper() in names:
        return names[text.upper()]
    level = int(text) if text.isascii() and text.isdigit() else None
    if level not in ALLOWED_LOGS:
        raise AvayaError(10022, details="Log must be 0 (ERROR), 1 (WARNING), 2 (INFO) or 3, "
                                        f"got {raw!r}")
    return level
