"""The ``@transaction`` object every AVANSER reply carries, errors included (seed 002, Data
Structures, Transaction), built here and nowhere else::

    {"id": "c9220015e2f48bc7cf4b38186a7b2025", "account-id": 6999,
     "request": {"api-version": "v1", "method": "POST", "path": "/{resource}/?{parameters}"},
     "time": "2016-09-06T16:13:38+10:00", "ms": 0.039}
"""
from __future__ import annotations

import time
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from ...core.wsgi import STARTED_KEY

API_VERSION = "v1"
#: the seed's times carry the offset of Sydney (``+10:00``, ``+11:00`` in daylight time)
ZONE = ZoneInfo("Australia/Sydney")


def resource_path(environ: dict) -> str:
    """The path as the API names it: after ``/v1``, with the query string as received
    (``/numbers?country=AU&szu=sydney``)."""
    path = environ.get("PATH_INFO", "")
    marker = f"/{API_VERSION}/"
    at = path.find(marker)
    resource = path[at + len(marker) - 1:] if at >= 0 else path
    query = environ.get("QUERY_STRING", "")
    return f"{resource}?{query}" if query else resource


def local_time(moment: datetime) -> str:
    """A naive UTC mock-clock instant as ISO 8601 with Sydney's offset, to the second."""
    return moment.replace(tzinfo=timezone.utc).astimezone(ZONE).isoformat(timespec="seconds")


def transaction(environ: dict, *, transaction_id: str, account_id: int | None,
                now: datetime) -> dict:
    """The ``@transaction`` of the request in ``environ`` on ``account_id`` (None when no
    user was recognised), answered at ``now`` (naive UTC, from the mock clock). ``ms`` is
    the real processing time so far, in milliseconds."""
    started = environ.get(STARTED_KEY)
    elapsed = (time.perf_counter() - started) * 1000 if started is not None else 0.0
    return {"id": transaction_id, "account-id": account_id,
            "request": {"api-version": API_VERSION,
                        "method": environ.get("REQUEST_METHOD", ""),
                        "path": resource_path(environ)},
            "time": local_time(now), "ms": round(elapsed, 3)}
