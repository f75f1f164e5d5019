"""Granian (a Rust HTTP server, ``pip install 'telco-mockserver[fast]'``) serving the mock
in this process, as ``mockserver serve --server granian`` does.

The mock keeps its state in memory, so it must run in one process. Granian's usual server
forks its workers into processes; this one runs its single worker as a thread of the
serving process (Granian's own thread worker, ``granian.server.mt``), with ``threads``
Python threads calling the app. Granian's Rust runtime parses HTTP and writes the answers;
only the app runs in Python.

What differs from Granian's stock WSGI adapter:

* an answer that is not a list (a Flask app's ``ClosingIterator``) and holds one chunk is
  written as one, head and body together: streamed, it went out in two writes, and the
  client's delayed ACK held every few requests for 40 ms;

* the environ holds the request only: Granian copies the whole process environment into
  every request's environ (a CGI habit), which would show ``HTTP_PROXY`` and the like as
  request headers (to the app and in the journal);
* the proxy headers (``X-Forwarded-For``, ``-Host``, ``-Proto``, ``-Port``, ``-By``,
  ``Forwarded``) are left out, as waitress leaves them out for ``make_server``
  (``clear_untrusted_proxy_headers``), so both servers show the app the same request;
* a ``DroppedConnection`` out of the app closes the connection without a complete answer:
  Granian's WSGI protocol has no way to close a connection unanswered, so the answer's
  body fails before its first byte. The client sees the connection closed, with nothing
  or (when Granian had already flushed them) a status line and headers before the close;
  ``connection_reset`` is a plain close, not a TCP reset. Tests that need the exact drop
  (nothing at all, or a reset) use waitress.

This leans on Granian's internals (its thread worker and ``WSGIWorker``), so the
``fast`` extra pins Granian's minor version; ``tests/test_servers.py`` covers it.
"""
from __future__ import annotations

import logging
import os
import socket
import sys
import threading
from itertools import chain, islice
from typing import Any, Callable

from granian._futures import _new_cbscheduler
from granian._granian import SocketHolder, WSGIWorker
from granian.constants import HTTPModes, Interfaces, TaskImpl
from granian.log import LogLevels
from granian.server.common import WORKERS_METHODS, AbstractServer
from granian.server.mt import MTServer, WorkerThread

from .faults import DroppedConnection

#: the status line Granian may send before closing a dropped connection
DROP_STATUS = 503
_DROP_MESSAGE = "connection dropped by an injected fault"
#: Granian's log records (startup chatter is INFO) go to stderr, warnings and worse only,
#: without the error Granian logs for a dropped connection's body
_LOG_CONFIG = {
    "filters": {"drops": {"()": f"{__name__}._NotADrop"}},
    "handlers": {"console": {"formatter": "generic", "class": "logging.StreamHandler",
                             "stream": "ext://sys.stderr", "filters": ["drops"]},
                 "access": {"formatter": "access", "class": "logging.StreamHandler",
                            "stream": "ext://sys.stderr"}},
}
#: what waitress clears from every request (no proxy is trusted)
_PROXY_KEYS = tuple("HTTP_" + name for name in (
    "X_FORWARDED_FOR", "X_FORWARDED_HOST", "X_FORWARDED_PROTO", "X_FORWARDED_PORT",
    "X_FORWARDED_BY", "FORWARDED"))
_WSGI_ENVIRON = {"GATEWAY_INTERFACE": "CGI/1.1", "SCRIPT_NAME": "",
                 "SERVER_SOFTWARE": "mockserver", "wsgi.input_terminated": True,
                 "wsgi.multiprocess": False, "wsgi.multithread": True, "wsgi.run_once": False,
                 "wsgi.version": (1, 0)}


class _Start:
    """The ``start_response`` of one request: keeps the status and headers."""

    __slots__ = ("status", "headers")

    def __init__(self) -> None:
        self.status = 200
        self.headers: list = []

    def __call__(self, status: str, headers: list, exc_info: Any = None) -> None:
        self.status = int(status[:3])
        self.headers = headers


class _Iterated:
    """A WSGI answer that is not a list (``closing``: the app's iterable, closed once by
    :meth:`close`, as WSGI requires; Granian calls it after streaming)."""

    __slots__ = ("closing", "__next__")

    def __init__(self, inner: Any, closing: Any = None) -> None:
        self.closing = inner if closing is None else closing
        self.__next__ = iter(inner).__next__

    def __iter__(self):
        return self

    def close(self) -> None:
        """Close the app's iterable."""
        closing, self.closing = self.closing, None
        if isinstance(closing, _Iterated):
            closing.close()
        elif closing is not None and hasattr(closing, "close"):
            closing.close()


class _Drop(ConnectionAbortedError):
    """What ends a dropped connection's body (kept out of the error log)."""


class _NotADrop(logging.Filter):
    """Passes every log record but Granian's error for a dropped connection's body."""

    def filter(self, record: logging.LogRecord) -> bool:
        """False for the record of a :class:`_Drop`."""
        return f"_Drop: {_DROP_MESSAGE}" not in record.getMessage()


class _Dropped:
    """A body that fails before its first byte: Granian closes the connection."""

    def __iter__(self):
        return self

    def __next__(self) -> bytes:
        raise _Drop(_DROP_MESSAGE)

    def close(self) -> None:
        """Nothing to release."""


def runner(app: Callable) -> Callable:
    """Granian's per-request callback for the WSGI ``app``: the environ built from the
    request alone, a ``DroppedConnection`` turned into a closed connection."""
    def run(proto: Any, scope: dict) -> int:
        environ = dict(_WSGI_ENVIRON)
        environ.update(scope)
        environ.setdefault("wsgi.errors", sys.stderr)
        for key in _PROXY_KEYS:
            environ.pop(key, None)
        start = _Start()
        try:
            result = app(environ, start)
        except DroppedConnection:
            proto.response_iter(DROP_STATUS, [], _Dropped())
            return DROP_STATUS
        if isinstance(result, list):
            proto.response_bytes(start.status, start.headers, b"".join(result))
            return start.status
        chunks = _Iterated(result)
        head = list(islice(chunks, 2))      # a generator calls start_response only now
        if len(head) < 2:                   # one write: head and body in one packet
            chunks.close()
            proto.response_bytes(start.status, start.headers, b"".join(head))
        else:
            proto.response_iter(start.status, start.headers, _Iterated(chain(head, chunks),
                                                                       closing=chunks))
        return start.status
    return run


@WorkerThread.wrap_target
def _worker(worker_id: int, shutdown: Any, callback: Any, sock: Any, loop: Any,
            runtime_mode: Any, runtime_threads: int, runtime_blocking_threads: int | None,
            blocking_threads: int, blocking_threads_idle_timeout: int, backpressure: int,
            task_impl: Any, http_mode: Any, http1_settings: Any, http2_settings: Any,
            websockets: bool, static_path: Any, log_access_fmt: str | None, ssl_ctx: Any,
            scope_opts: dict, metrics: Any) -> None:
    """Granian's thread worker for WSGI (``MTServer._spawn_wsgi_worker``) with
    :func:`runner` as the callback: serves until the server signals shutdown."""
    stopped = threading.Event()
    shutdown.add_cb(stopped.set)
    worker = WSGIWorker(worker_id, sock, None, runtime_threads, runtime_blocking_threads,
                        blocking_threads, blocking_threads_idle_timeout, backpressure,
                        http_mode, http1_settings, http2_settings, static_path, *ssl_ctx,
                        metrics)
    serve = getattr(worker, WORKERS_METHODS[runtime_mode][(sock[0] or sock[1]).is_uds()])
    scheduler = _new_cbscheduler(loop, runner(callback),
                                 impl_asyncio=task_impl == TaskImpl.asyncio)
    serve(scheduler, loop, shutdown)
    stopped.wait()


def listening_socket(host: str, port: int, backlog: int = 1024) -> socket.socket:
    """A TCP socket bound to ``host``:``port`` (0: any free port) and listening; an
    ``OSError`` (port in use, address not of this machine) as waitress would raise it."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(backlog)
    except OSError:
        sock.close()
        raise
    return sock


class _InProcess(MTServer):
    """Granian's thread-worker server, on the GIL build too, on a socket bound before."""

    def __init__(self, sock: socket.socket, **options: Any) -> None:
        super().__init__("mockserver", **options)
        self._bound = sock

    def _check_gil(self) -> None:
        """Granian refuses threads with the GIL; here one process is the point, not
        parallelism (the Python threads share the GIL as waitress's do)."""

    def _init_shared_socket(self) -> None:
        # Granian's runtime owns (and closes) a duplicate; the original is ours to close
        self._ssp, self._sfd = None, os.dup(self._bound.fileno())
        self._shd = SocketHolder(self._sfd, False, 1024)


class GranianServer:
    """Granian serving ``app`` on ``host``:``port`` in this process: one worker thread,
    ``threads`` Python threads. The socket is bound here (``effective_port`` is known
    before :meth:`run`); :meth:`run` serves until SIGINT or SIGTERM, then stops the worker
    gracefully and returns."""

    def __init__(self, app: Callable, host: str, port: int, threads: int) -> None:
        self.app = app
        self.socket = listening_socket(host, port)
        self.effective_port = self.socket.getsockname()[1]
        self.server = _InProcess(self.socket, address=host, port=self.effective_port,
                                 interface=Interfaces.WSGI, workers=1,
                                 blocking_threads=threads, http=HTTPModes.http1,
                                 websockets=False, log_level=LogLevels.warning,
                                 log_dictconfig=_LOG_CONFIG)

    def run(self) -> None:
        """Serve until SIGINT or SIGTERM (Granian's handlers), then stop gracefully."""
        # AbstractServer.serve: MTServer.serve only adds a warning about free-threading
        AbstractServer.serve(self.server, spawn_target=_worker,
                             target_loader=lambda: self.app, wrap_loader=False)

    def close(self) -> None:
        """Close the listening socket."""
        self.socket.close()
