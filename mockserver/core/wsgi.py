"""The WSGI layer in front of the Flask app: what every request passes through, kept out
of Flask's hooks because it runs on every request and must cost microseconds.

``FrontDoor`` does three things, in order:
1. host routing: a request whose Host is a provider's real hostname gets that provider's
   mount prefix, so the provider answers at its documented paths; the mount the client
   used ('' or '/<slug>') is left in ``environ["mockserver.mount"]`` for building links;
2. runs the scheduled events that have fallen due on the mock clock;
3. records the exchange in the journal when the path is under a provider's mount
   (``mount_of``: its first non-empty segment is a provider's slug, so ``//avoxi/...`` is
   AVOXI's too, as werkzeug reads leading slashes as one; the tenant is whatever the
   provider's auth left in ``environ["mockserver.tenant"]``; a request body is read here
   once, handed on as a new stream, and left as bytes in ``environ["mockserver.body"]``
   for ``core.body`` to use without reading it again; the ``time.perf_counter()`` at
   arrival is ``environ["mockserver.started"]``, for providers that report their
   processing time); on the way out, a response header value that is
   not printable ASCII is escaped (``core.render.header_value``), a last guard so that no
   client-supplied character splits a header or makes the server refuse the response.

``AccessLog`` writes one line per request straight to a file descriptor.
"""
from __future__ import annotations

import io
import os
import time
from datetime import datetime
from typing import Any, Callable

from .journal import Journal
from .render import header_value

MOUNT_KEY = "mockserver.mount"
TENANT_KEY = "mockserver.tenant"
BODY_KEY = "mockserver.body"
STARTED_KEY = "mockserver.started"


def mount_of(path: str, slugs: set[str] | dict) -> str | None:
    """The provider whose mount ``path`` is under: its first non-empty segment, when that
    is one of ``slugs`` (``/avoxi/api``, ``//avoxi//api``), else None."""
    slug = path.lstrip("/").split("/", 1)[0]
    return slug if slug in slugs else None


def _safe(headers: list) -> list:
    """Response headers with every value printable ASCII (most already are: untouched)."""
    if all(value.isascii() and value.isprintable() for _, value in headers):
        return headers
    return [(name, header_value(value)) for name, value in headers]


class FrontDoor:
    """Host routing, due events and the journal, around a WSGI app."""

    def __init__(self, app: Callable, *, mounts: dict[str, str], slugs: set[str],
                 control_prefix: str, journal: Journal, now: Callable[[], datetime],
                 run_due: Callable[[], Any], max_body: int | None) -> None:
        self.app = app
        self.mounts = {host.lower(): mount for host, mount in mounts.items()}
        self.slugs = slugs
        self.control_prefix = control_prefix
        self.journal = journal
        self.now = now
        self.run_due = run_due
        self.max_body = max_body

    def __call__(self, environ: dict, start_response: Callable):
        path = environ.get("PATH_INFO", "")
        if self.mounts:
            mount = self.mounts.get(environ.get("HTTP_HOST", "").rsplit(":", 1)[0].lower())
            if mount and not path.startswith(self.control_prefix) \
                    and not path.startswith(mount + "/"):
                path = environ["PATH_INFO"] = mount + ("/" + path.lstrip("/") if path else "")
                environ[MOUNT_KEY] = ""
        self.run_due()
        provider = mount_of(path, self.slugs)
        if provider is None:
            return self.app(environ, start_response)
        return self._recorded(environ, start_response, path, provider)

    def _recorded(self, environ: dict, start_response: Callable, path: str, provider: str):
        started = environ[STARTED_KEY] = time.perf_counter()
        request_body = self._read_body(environ)
        status: list[str] = []

        def recording_start(code: str, headers: list, exc_info: Any = None):
            status.append(code)
            return start_response(code, _safe(headers), exc_info)

        iterable = self.app(environ, recording_start)
        try:
            body = b"".join(iterable)
        finally:
            if hasattr(iterable, "close"):
                iterable.close()
        self.journal.record(
            self.now(), environ.get("REQUEST_METHOD", ""), path,
            environ.get("QUERY_STRING", ""), provider, environ.get(TENANT_KEY),
            {key: value for key, value in environ.items() if key.startswith("HTTP_")
             or key in ("CONTENT_TYPE", "CONTENT_LENGTH")},
            request_body, int(status[0][:3]) if status else 500, body,
            (time.perf_counter() - started) * 1000)
        return [body]

    def _read_body(self, environ: dict) -> bytes | None:
        """The request body, read once and handed on as a fresh stream; None when absent
        or larger than the app accepts (the app answers that with its own 413)."""
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return None
        if length <= 0 or (self.max_body is not None and length > self.max_body):
            return None
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)
        environ[BODY_KEY] = body
        return body


class AccessLog:
    """One line per request (client, method, path and query, status, milliseconds),
    written with a single ``os.write`` so that lines from threads never interleave."""

    def __init__(self, app: Callable, fd: int = 2) -> None:
        self.app = app
        self.fd = fd

    def __call__(self, environ: dict, start_response: Callable):
        started = time.perf_counter()
        status: list[str] = []

        def recording_start(code: str, headers: list, exc_info: Any = None):
            status.append(code[:3])
            return start_response(code, headers, exc_info)

        try:
            return self.app(environ, recording_start)
        finally:
            query = environ.get("QUERY_STRING")
            line = (f"{environ.get('REMOTE_ADDR', '-')} {environ.get('REQUEST_METHOD')} "
                    f"{environ.get('PATH_INFO')}{'?' + query if query else ''} "
                    f"{status[0] if status else '-'} "
                    f"{(time.perf_counter() - started) * 1000:.1f}ms\n")
            try:
                os.write(self.fd, line.encode("utf-8", "replace"))
            except OSError:
                pass


def make_server(app: Callable, host: str, port: int, threads: int) -> Any:
    """A waitress server for ``app``: one process, ``threads`` worker threads."""
    from waitress import create_server
    return create_server(app, host=host, port=port, threads=threads, ident="mockserver",
                         clear_untrusted_proxy_headers=True)


def serve_until_signalled(server: Any) -> None:
    """Run ``server`` until SIGINT or SIGTERM, then close it cleanly."""
    import signal

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
