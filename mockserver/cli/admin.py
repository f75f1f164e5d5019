"""The admin commands: drive a running mock server over its control API.

``reset``, ``state [save FILE | load FILE]``, ``clock [freeze TIME | advance SECONDS |
run]``, ``requests [--follow]`` and ``webhooks`` each take ``--url`` (default
``$MOCKSERVER_URL``, else ``http://127.0.0.1:8080``) and ``--json`` (the control API's
answer as it is, instead of lines for a human). A server that cannot be reached, or an
answer of 4xx or 5xx, is one line and exit status 2.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

from . import UsageError

DEFAULT_URL = "http://127.0.0.1:8080"
URL_ENV = "MOCKSERVER_URL"
#: how long a control call may take (``webhooks --wait`` asks the server to wait up to 10 s)
TIMEOUT = 30.0
#: how ``requests --follow`` waits between polls (a test may replace it)
pause = time.sleep


# -- talking to the server -------------------------------------------------------------------

def control(args: argparse.Namespace, method: str, path: str, *,
            params: dict | None = None, body: Any = None) -> Any:
    """Call ``/_mock<path>`` on the server at ``--url`` and return its JSON answer; a
    UsageError (one line) when it cannot be reached or refuses."""
    base = args.url.rstrip("/")
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"--url: {args.url!r} is not an http:// or https:// URL")
    try:
        reply = requests.request(method, f"{base}/_mock{path}", params=params, json=body,
                                 timeout=TIMEOUT)
    except requests.RequestException as exc:
        raise UsageError(f"cannot reach a mock server at {base} ({_reason(exc)})") from None
    try:
        data = reply.json()
    except ValueError:
        data = None
    if reply.status_code >= 400:
        error = data.get("error") if isinstance(data, dict) else None
        raise UsageError(f"{method} /_mock{path}: {reply.status_code} "
                         f"{error or reply.reason or 'error'}")
    if data is None:
        raise UsageError(f"{base} did not answer as a mock server (GET /_mock{path} is not "
                         f"JSON)")
    return data


def _reason(exc: requests.RequestException) -> str:
    """The gist of a connection failure: 'Connection refused', 'timed out'..."""
    text = str(exc)
    found = re.search(r"\[Errno -?\d+\] ([^'\")]+)", text)
    if found:
        return found.group(1).strip()
    if isinstance(exc, requests.Timeout):
        return "timed out"
    return type(exc).__name__


def emit(args: argparse.Namespace, data: Any, lines: list[str]) -> int:
    """Print ``data`` as JSON with ``--json``, else ``lines``."""
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        for line in lines:
            print(line)
    return 0


# -- the commands ----------------------------------------------------------------------------

def reset(args: argparse.Namespace) -> int:
    """``mockserver reset``: everything back to its seed, or one provider and/or tenant."""
    body = {key: value for key, value in (("provider", args.provider),
                                          ("tenant", args.tenant)) if value is not None}
    data = control(args, "POST", "/reset", body=body)
    scope = " ".join(f"{k} {v}" for k, v in body.items()) or "everything"
    return emit(args, data, [f"reset {scope}: {_n(data['tenants_dropped'], 'tenant')} "
                             f"dropped, {_n(data['events_cancelled'], 'event')} cancelled"])


def state(args: argparse.Namespace) -> int:
    """``mockserver state [save FILE | load FILE]``: what the server holds, saved to a
    file or loaded from one (``-``: standard output or input)."""
    if args.action == "load":
        data = _read_snapshot(args.file)
        imported = control(args, "PUT", "/state", body=data)["imported"]
        return emit(args, {"loaded": args.file, **{"imported": imported}},
                    [f"loaded {args.file}: {_tenants(imported)}"])
    snap = control(args, "GET", "/state")
    held = {slug: len(p.get("tenants", {})) for slug, p in snap.get("providers", {}).items()}
    summary = f"{_tenants(held)}; {_n(len(snap.get('scheduled', [])), 'scheduled event')}"
    if args.action == "save":
        text = json.dumps(snap, indent=1) + "\n"
        if args.file == "-":
            print(text, end="")
            return 0
        from ..persistence import write_atomically
        try:
            write_atomically(Path(args.file), text.encode())
        except OSError as exc:
            raise UsageError(f"{args.file}: cannot be written ({exc.strerror or exc})") \
                from None
        return emit(args, {"saved": args.file, "tenants": held,
                           "scheduled": len(snap.get("scheduled", []))},
                    [f"saved {args.file}: {summary}"])
    clock = snap.get("clock", {})
    return emit(args, snap, [f"clock {clock.get('now')} "
                             f"({'frozen' if clock.get('frozen') else 'running'})", summary])


def _read_snapshot(name: str) -> Any:
    import sys
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{name}: cannot be read ({getattr(exc, 'strerror', None) or exc})") \
            from None
    try:
        return json.loads(text)
    except ValueError as exc:
        raise UsageError(f"{name}: not JSON ({exc})") from None


def clock(args: argparse.Namespace) -> int:
    """``mockserver clock [freeze [TIME] | advance SECONDS | run]``: show or move it."""
    if args.action is None:
        data = control(args, "GET", "/clock")
    elif args.action == "freeze":
        at = args.time or control(args, "GET", "/clock")["now"]
        data = control(args, "POST", "/clock", body={"freeze": at})
    elif args.action == "advance":
        data = control(args, "POST", "/clock", body={"advance": args.seconds})
    else:
        data = control(args, "POST", "/clock", body={"freeze": None})
    line = f"{data['now']}  {'frozen' if data['frozen'] else 'running'}"
    if data.get("events_run"):
        line += f"  ({_n(data['events_run'], 'event')} run)"
    return emit(args, data, [line])


def journal(args: argparse.Namespace) -> int:
    """``mockserver requests``: what the providers received, one line per request; with
    ``--follow``, new requests as they come, until Ctrl-C."""
    params = {name: getattr(args, name) for name in REQUEST_FILTERS
              if getattr(args, name) is not None}
    if args.unmatched:
        params["unmatched"] = "true"
    if not args.follow:
        data = control(args, "GET", "/requests", params=params)
        return emit(args, data, [_request_line(e) for e in data["requests"]])
    seen = 0
    try:
        while True:
            entries = control(args, "GET", "/requests", params=params)["requests"]
            for entry in entries:
                if entry["id"] > seen:
                    print(json.dumps(entry) if args.json else _request_line(entry),
                          flush=True)
            seen = max([seen] + [e["id"] for e in entries])
            params.pop("limit", None)       # the limit is for what is already there
            pause(args.interval)
    except KeyboardInterrupt:
        return 0


def _request_line(entry: dict) -> str:
    path = entry["path"] + (f"?{entry['query']}" if entry.get("query") else "")
    status = entry["response"]["status"]
    return (f"{entry['time']}  {entry['method']:<6} {path}  "
            f"{status if status is not None else '---'}  {entry.get('tenant') or '-'}")


def webhooks(args: argparse.Namespace) -> int:
    """``mockserver webhooks``: every delivery attempt the mock made, one line each."""
    params = {name: getattr(args, name) for name in ("provider", "tenant", "kind", "method",
                                                      "status") if getattr(args, name)}
    if args.to:
        params["url"] = args.to
    if args.ok is not None:
        params["ok"] = "true" if args.ok else "false"
    if args.wait:
        params["wait"] = "1"
    data = control(args, "GET", "/webhooks", params=params)
    return emit(args, data, [
        f"{a['time']}  {a['method']:<6} {a['url']}  "
        f"{a['status'] if a['status'] is not None else a.get('error') or '---'}  "
        f"{a.get('tenant') or '-'}  {a.get('kind') or ''} #{a['delivery']}.{a['attempt']}"
        .rstrip() for a in data["webhooks"]])


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _tenants(by_provider: dict[str, int]) -> str:
    return ", ".join(f"{slug} {_n(n, 'tenant')}" for slug, n in by_provider.items()) \
        or "no providers"


# -- the parsers -----------------------------------------------------------------------------

REQUEST_FILTERS = ("provider", "tenant", "method", "path", "status", "since", "body",
                   "route", "fault", "limit")


def _common(*, nested: bool = False) -> argparse.ArgumentParser:
    """``--url`` and ``--json``; ``nested`` (an action's parser, as ``clock freeze``) sets
    no defaults, so that it keeps what its command was given (``clock --json freeze``)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--url", default=argparse.SUPPRESS if nested
                        else os.environ.get(URL_ENV, DEFAULT_URL),
                        help=f"the mock server (default: {DEFAULT_URL}; env {URL_ENV})")
    common.add_argument("--json", action="store_true",
                        default=argparse.SUPPRESS if nested else False,
                        help="print the control API's JSON answer")
    return common


def register(sub) -> None:
    """Add the admin subcommands: reset, state, clock, requests, webhooks."""
    common, nested = [_common()], [_common(nested=True)]
    cmd = sub.add_parser("reset", parents=common, help="reset a running server's state",
                         description="Everything back to its seed (state, scheduled events, "
                         "journal, webhooks, faults, clock), or one provider's and/or "
                         "tenant's state.")
    cmd.add_argument("--provider", metavar="P", help="only this provider")
    cmd.add_argument("--tenant", metavar="T", help="only this tenant")
    cmd.set_defaults(func=reset)

    cmd = sub.add_parser("state", parents=common, help="show, save or load a running "
                         "server's state", description="Without an action: the tenants and "
                         "scheduled events held. save FILE writes the snapshot of GET "
                         "/_mock/state; load FILE replaces the state with one (all or "
                         "nothing). FILE '-' is standard output or input.")
    cmd.add_argument("action", nargs="?", choices=("save", "load"))
    cmd.add_argument("file", nargs="?", metavar="FILE")
    cmd.set_defaults(func=_state_checked)

    cmd = sub.add_parser("clock", parents=common, help="show, freeze, advance or run a "
                         "running server's clock", description="Without an ACTION: show "
                         "the mock clock (its time, frozen or running).")
    actions = cmd.add_subparsers(dest="action", metavar="ACTION")
    freeze = actions.add_parser("freeze", parents=nested, help="stop the clock at TIME "
                                "(ISO-8601; default: where it stands)")
    freeze.add_argument("time", nargs="?", metavar="TIME")
    advance = actions.add_parser("advance", parents=nested, help="move the clock forward, "
                                 "running the events that fall due")
    advance.add_argument("seconds", metavar="SECONDS")
    actions.add_parser("run", parents=nested, help="let the clock follow real time again")
    cmd.set_defaults(func=clock)

    cmd = sub.add_parser("requests", parents=common, help="what a running server's "
                         "providers received", description="One line per request: time, "
                         "method, path, status, tenant.")
    cmd.add_argument("--follow", "-f", action="store_true",
                     help="keep printing new requests until Ctrl-C")
    cmd.add_argument("--interval", type=float, default=0.5, help=argparse.SUPPRESS)
    for name, text in (("provider", "a provider slug"), ("tenant", "a tenant"),
                       ("method", "an HTTP method"), ("path", "a glob over the path"),
                       ("status", "a status (503) or a class (5xx)"),
                       ("since", "a mock time (ISO-8601): at or after it"),
                       ("body", "a substring of the request body"),
                       ("route", "a glob over the route rule"),
                       ("fault", "a fault rule id, or 'any'"),
                       ("limit", "only the last N")):
        cmd.add_argument(f"--{name}", help=f"only requests with {text}" if name != "limit"
                         else text, metavar=name.upper())
    cmd.add_argument("--unmatched", action="store_true",
                     help="only requests that reached no documented route")
    cmd.set_defaults(func=journal)

    cmd = sub.add_parser("webhooks", parents=common, help="what a running server's webhooks "
                         "sent", description="One line per delivery attempt: time, method, "
                         "URL, status (or error), tenant, kind, #delivery.attempt.")
    for name in ("provider", "tenant", "kind", "method", "status"):
        cmd.add_argument(f"--{name}", metavar=name.upper(), help=f"only this {name}")
    cmd.add_argument("--to", metavar="GLOB", help="only deliveries to URLs matching GLOB")
    cmd.add_argument("--ok", action="store_true", default=None, help="only 2xx answers")
    cmd.add_argument("--failed", dest="ok", action="store_false", default=None,
                     help="only failures")
    cmd.add_argument("--wait", action="store_true",
                     help="first let queued deliveries finish (up to 10 s)")
    cmd.set_defaults(func=webhooks)


def _state_checked(args: argparse.Namespace) -> int:
    if args.action and not args.file:
        raise UsageError(f"state {args.action}: FILE is missing")
    return state(args)
