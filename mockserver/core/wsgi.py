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

Faults (``core.faults``) are applied here too: on arrival, the ``X-Mock-Fault`` header or
a rule without a tenant; once the provider has called ``identify``, a rule with one. A
fault that fails the request is raised before the provider's handler runs (the app's
``before_request`` raises what ``FAULT_KEY`` holds), so the provider's own renderer
answers it and no state changes; a dropped connection leaves the WSGI app as
``DroppedConnection``, which the server made by ``make_server`` turns into a closed
connection. Requests outside every mount, the control API and the front page (exactly
``/``) are journalled too, with no provider, so that a wrong URL shows among the unmatched
requests.

``AccessLog`` writes one line per request straight to a file descriptor.
"""
from __future__ import annotations

import io
import os
import time
from datetime import datetime
from typing import Any, Callable

from .errors import ProviderError
from .faults import HEADER, DroppedConnection, Fault, FaultRules, InjectedError, from_header
from .journal import Journal, paths_of
from .render import header_value

MOUNT_KEY = "mockserver.mount"
TENANT_KEY = "mockserver.tenant"
BODY_KEY = "mockserver.body"
STARTED_KEY = "mockserver.started"
ROUTE_KEY = "mockserver.route"
#: a ProviderError the app raises before routing (an injected status, a bad fault header)
FAULT_KEY = "mockserver.fault"
_SOURCE_KEY = "mockserver.fault.source"
_HOOK_KEY = "mockserver.fault.hook"
_DROP_KEY = "mockserver.fault.drop"
_FAULT_ENVIRON = "HTTP_" + HEADER.upper().replace("-", "_")


def identify(environ: dict, tenant: str) -> None:
    """What a provider calls once it knows the caller: record the tenant (for the journal)
    and apply a fault rule scoped to that tenant, if one fires: held, raised as the
    provider's error, or the connection dropped once the app has answered."""
    environ[TENANT_KEY] = tenant
    hook = environ.pop(_HOOK_KEY, None)
    fault = hook(tenant) if hook is not None else None
    if fault is None:
        return
    environ[_SOURCE_KEY] = fault.source
    _hold(fault)
    if fault.fault is not None:
        environ[_DROP_KEY] = fault
        raise InjectedError(Fault(fault.source, status=503))
    if fault.status is not None:
        raise InjectedError(fault)


#: how a fault holds an answer (a test may replace it to observe the hold without waiting)
sleep = time.sleep


def _hold(fault: Fault) -> None:
    if fault.latency_ms:
        sleep(fault.latency_ms / 1000)


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
                 run_due: Callable[[], Any], max_body: int | None,
                 faults: FaultRules | None = None) -> None:
        self.app = app
        self.faults = faults
        self.mounts = {host.lower(): mount for host, mount in mounts.items()}
        self.slugs = slugs
        self.control_prefix = control_prefix
        self.journal = journal
        self.now = now
        self.run_due = run_due
        self.max_body = max_body

    def __call__(self, environ: dict, start_response: Callable):
        sent = path = environ.get("PATH_INFO", "")
        if self.mounts:
            mount = self.mounts.get(environ.get("HTTP_HOST", "").rsplit(":", 1)[0].lower())
            if mount and not path.startswith(self.control_prefix) \
                    and not path.startswith(mount + "/"):
                path = environ["PATH_INFO"] = mount + ("/" + path.lstrip("/") if path else "")
                environ[MOUNT_KEY] = ""
        self.run_due()
        provider = mount_of(path, self.slugs)
        if provider is None and (path.startswith(self.control_prefix) or path == "/"):
            return self.app(environ, start_response)
        return self._recorded(environ, start_response, sent, path, provider)

    def _recorded(self, environ: dict, start_response: Callable, sent: str, path: str,
                  provider: str | None):
        started = environ[STARTED_KEY] = time.perf_counter()
        request_body = self._read_body(environ)
        method = environ.get("REQUEST_METHOD", "")
        answer: list = []

        def record(status: int | None, body: bytes | None) -> None:
            self.journal.record(
                self.now(), method, sent, environ.get("QUERY_STRING", ""), provider,
                environ.get(TENANT_KEY),
                {key: value for key, value in environ.items() if key.startswith("HTTP_")
                 or key in ("CONTENT_TYPE", "CONTENT_LENGTH")},
                request_body, status, body, (time.perf_counter() - started) * 1000,
                routed_path=path, route=environ.get(ROUTE_KEY),
                fault=environ.get(_SOURCE_KEY), response_type=answer[1] if answer else None)

        if provider is not None:
            fault = self._on_arrival(environ, provider, method, sent, path)
            if fault is not None and fault.fault is not None:
                record(None, None)
                raise DroppedConnection(fault)

        def recording_start(code: str, headers: list, exc_info: Any = None):
            answer[:] = [code, next((v for k, v in headers if k.lower() == "content-type"),
                                    None)]
            return start_response(code, _safe(headers), exc_info)

        iterable = self.app(environ, recording_start)
        try:
            body = b"".join(iterable)
        finally:
            if hasattr(iterable, "close"):
                iterable.close()
        dropped = environ.get(_DROP_KEY)
        if dropped is not None:
            record(None, None)
            raise DroppedConnection(dropped)
        record(int(answer[0][:3]) if answer else 500, body)
        return [body]

    def _on_arrival(self, environ: dict, provider: str, method: str, sent: str,
                    path: str) -> Fault | None:
        """The fault asked for by the request's header or a rule without a tenant (held
        here; a status left for the app to raise); arms the tenant-scoped rules."""
        header = environ.get(_FAULT_ENVIRON)
        faults = self.faults
        fault = None
        if header is not None:
            try:
                fault = from_header(header)
            except ProviderError as bad:
                environ[FAULT_KEY] = bad
                return None
        elif faults is not None and faults.active:
            paths = paths_of(sent, path, provider)
            fault = faults.pick(provider, method, paths)
            if fault is None and faults.tenant_scoped:
                environ[_HOOK_KEY] = lambda tenant: faults.pick(provider, method, paths,
                                                                 tenant, scoped=True)
        if fault is None:
            return None
        environ[_SOURCE_KEY] = fault.source
        _hold(fault)
        if fault.status is not None:
            environ[FAULT_KEY] = InjectedError(fault)
        return fault

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


#: the HTTP servers ``mockserver serve --server`` can run (the first is the default)
SERVERS = ("waitress", "granian")


def make_server(app: Callable, host: str, port: int, threads: int) -> Any:
    """A waitress server for ``app``: one process, ``threads`` worker threads; a
    ``DroppedConnection`` out of the app closes the connection without an answer (with a
    TCP reset for ``connection_reset``)."""
    from waitress import create_server
    server = create_server(app, host=host, port=port, threads=threads, ident="mockserver",
                           clear_untrusted_proxy_headers=True)
    server.channel_class = _fault_channel()
    return server


def make_granian_server(app: Callable, host: str, port: int, threads: int) -> Any:
    """A Granian server for ``app``, with ``run()``, ``close()`` and ``effective_port`` as
    waitress's: one process, ``threads`` worker threads (``core.granian_server``; a
    ``DroppedConnection`` closes the connection, after the status line at times)."""
    from .granian_server import GranianServer
    return GranianServer(app, host, port, threads)


def _fault_channel() -> type:
    """waitress's channel, whose task turns a DroppedConnection into a silent close."""
    import socket
    import struct

    from waitress.channel import ClientDisconnected, HTTPChannel
    from waitress.task import WSGITask

    class FaultTask(WSGITask):
        def execute(self):
            try:
                super().execute()
            except DroppedConnection as drop:
                if drop.reset:
                    self.channel.socket.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                                   struct.pack("ii", 1, 0))
                raise ClientDisconnected(str(drop)) from None

    class FaultChannel(HTTPChannel):
        task_class = FaultTask

    return FaultChannel


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
