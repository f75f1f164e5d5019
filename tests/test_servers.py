"""``mockserver serve --server waitress|granian``: each server serves the mock, routes by
Host, journals, injects faults (a status; a dropped connection: exact on waitress, a close
without a complete answer on Granian), logs each request and stops cleanly on SIGTERM
with the state file's last save."""
from __future__ import annotations

import io
import os
from importlib.util import find_spec
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from mockserver.core import wsgi
from mockserver.core.faults import DroppedConnection, Fault

BIN = Path(sys.executable).parent
AVOXI = {"Authorization": "Bearer servers"}
COUNTRIES = "/avoxi/api/v2/countries"
SERVERS = ["waitress", pytest.param("granian", marks=pytest.mark.skipif(
    find_spec("granian") is None, reason="granian is not installed (the 'fast' extra)"))]


def start(server: str, *options: str, env: dict[str, str] | None = None):
    """``mockserver serve --server SERVER --port 0`` and its base URL (the first line)."""
    proc = subprocess.Popen(
        [str(BIN / "mockserver"), "serve", "--server", server, "--port", "0",
         "--providers", "avoxi", *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, **(env or {})})
    line = proc.stdout.readline()
    assert "listening on" in line, (line, proc.poll())
    url = line.split()[-1]
    # answering: the server runs, with its signal handlers in place
    assert requests.get(url + "/_mock/health", timeout=10).status_code == 200
    return proc, url


def stop(proc: subprocess.Popen, signum: int = signal.SIGTERM) -> tuple[str, str]:
    """Signal the server; its exit status must be 0. Returns its stdout and stderr."""
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    return out, err


@pytest.fixture(scope="module", params=SERVERS)
def served(request):
    """One server of each kind for the module, logging requests, a leaky environment."""
    proc, url = start(request.param, env={"HTTP_X_FROM_THE_ENVIRONMENT": "leaked"})
    yield request.param, url, proc
    if proc.poll() is None:
        stop(proc)


def test_each_server_serves_and_journals(served):
    _, url, _ = served
    reply = requests.get(url + COUNTRIES, headers=AVOXI, timeout=10)
    assert reply.status_code == 200 and "US" in {country["id"] for country in reply.json()}
    entry = requests.get(url + "/_mock/requests?provider=avoxi", timeout=10) \
        .json()["requests"][-1]
    assert entry["path"] == COUNTRIES and entry["response"]["status"] == 200
    # only the request's headers: not the server process's environment
    assert "X-From-The-Environment" not in entry["request"]["headers"]


def test_host_routing(served):
    _, url, _ = served
    direct = requests.get(url + COUNTRIES, headers=AVOXI, timeout=10)
    routed = requests.get(url + "/api/v2/countries",
                          headers={**AVOXI, "Host": "genius.avoxi.com"}, timeout=10)
    assert routed.status_code == 200 and routed.content == direct.content


def test_a_status_fault(served):
    _, url, _ = served
    reply = requests.get(url + COUNTRIES, timeout=10,
                         headers={**AVOXI, "X-Mock-Fault": "status=503"})
    assert reply.status_code == 503 and reply.json()["error"]["message"]


def raw_get(url: str, fault: str) -> tuple[bytes, bool]:
    """What a raw socket receives for a GET with the drop ``fault``, and whether the
    connection was reset."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(f"GET {COUNTRIES} HTTP/1.1\r\nHost: x\r\nAuthorization: "
                     f"{AVOXI['Authorization']}\r\nX-Mock-Fault: fault={fault}\r\n\r\n"
                     .encode())
        received = b""
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except ConnectionResetError:
            return received, True
    return received, False


@pytest.mark.parametrize("fault", ["connection_reset", "empty_response"])
def test_a_drop_fault_closes_the_connection_without_an_answer(served, fault):
    server, url, _ = served
    received, reset = raw_get(url, fault)
    if server == "waitress":      # exact: nothing at all; a TCP reset for connection_reset
        assert received == b"" and reset == (fault == "connection_reset")
    else:                         # Granian: closed, at most a status line and headers sent
        assert received == b"" or (received.startswith(b"HTTP/1.1 503")
                                   and not received.endswith(b"0\r\n\r\n"))
    entry = requests.get(url + "/_mock/requests?fault=header", timeout=10) \
        .json()["requests"][-1]
    assert entry["response"]["status"] is None
    assert requests.get(url + COUNTRIES, headers=AVOXI, timeout=10).status_code == 200


def test_sigterm_stops_cleanly_with_the_last_save_and_the_access_log(served, tmp_path):
    server, _, _ = served
    state = tmp_path / "state.json"
    proc, url = start(server, "--state-file", str(state), "--save-interval", "0",
                      "--threads", "2")
    requests.post(url + "/avoxi/api/v2/order", headers=AVOXI, timeout=10, json={
        "items": [{"country": "US", "number_type": "DID", "region": "US GA Atlanta 470",
                   "quantity": 1}]}).raise_for_status()
    assert not state.exists()           # --save-interval 0: saved only on shutdown
    out, err = stop(proc)
    assert "telco-mockserver stopped" in out and state.stat().st_size > 0
    assert "POST /avoxi/api/v2/order 200" in err and "Traceback" not in err


def test_sigint_stops_too(served):
    server, _, _ = served
    proc, _ = start(server, "--quiet")
    out, err = stop(proc, signal.SIGINT)
    assert "telco-mockserver stopped" in out and "Traceback" not in err


def test_an_unknown_server_is_a_usage_error():
    done = subprocess.run([str(BIN / "mockserver"), "serve", "--server", "gunicorn"],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 2 and "--server" in done.stderr


# -- Granian's callback, in-process ------------------------------------------------------------

class Proto:
    """Granian's WSGI protocol object, recording the answer."""

    def response_bytes(self, status, headers, body):
        self.answer = ("bytes", status, headers, body)

    def response_iter(self, status, headers, body):
        self.answer = ("iter", status, headers, body)


def scope(**extra) -> dict:
    return {"REQUEST_METHOD": "GET", "PATH_INFO": "/", "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""), **extra}


def test_granian_callback_answers_drops_and_keeps_the_environment_out(monkeypatch):
    granian_server = pytest.importorskip("mockserver.core.granian_server")
    monkeypatch.setenv("HTTP_PROXY", "http://attacker.example")
    seen = {}

    def app(environ, start_response):
        seen.update(environ)
        if environ["PATH_INFO"] == "/drop":
            raise DroppedConnection(Fault("header", fault="empty_response"))
        start_response("201 Created", [("Content-Type", "text/plain")])
        return [b"a", b"b"]

    run, proto = granian_server.runner(app), Proto()
    assert run(proto, scope(HTTP_X_FORWARDED_FOR="10.0.0.1", HTTP_FORWARDED="for=x",
                            HTTP_X_KEPT="yes")) == 201
    assert proto.answer == ("bytes", 201, [("Content-Type", "text/plain")], b"ab")
    assert "HTTP_PROXY" not in seen and seen["wsgi.multithread"] is True
    # proxy headers cleared, as waitress clears them; every other header kept
    assert "HTTP_X_FORWARDED_FOR" not in seen and "HTTP_FORWARDED" not in seen
    assert seen["HTTP_X_KEPT"] == "yes"
    closed = []

    class Answer:
        """A one-chunk WSGI iterable with close()."""

        def __init__(self, chunks):
            self.chunks = chunks

        def __iter__(self):
            return iter(self.chunks)

        def close(self):
            closed.append(self.chunks)

    def lazy(environ, start_response):
        if environ["PATH_INFO"] == "/gen":
            def generate():
                start_response("202 Accepted", [])
                yield b"x"
                yield b"y"
            return generate()
        start_response("200 OK", [])
        return Answer([b"one"])

    run_lazy = granian_server.runner(lazy)
    assert run_lazy(proto, scope()) == 200 and proto.answer[0:4:3] == ("bytes", b"one")
    assert closed == [[b"one"]]
    assert run_lazy(proto, scope(PATH_INFO="/gen")) == 202     # status set by the generator
    kind, status, _, body = proto.answer
    assert (kind, status, list(body)) == ("iter", 202, [b"x", b"y"])
    body.close()
    assert run(proto, scope(PATH_INFO="/drop")) == granian_server.DROP_STATUS
    kind, _, _, body = proto.answer
    with pytest.raises(ConnectionAbortedError):
        next(iter(body))


def test_granian_server_takes_the_threads_and_binds_at_once():
    granian_server = pytest.importorskip("mockserver.core.granian_server")
    server = wsgi.make_granian_server(lambda environ, start: [], "127.0.0.1", 0, 3)
    try:
        assert server.server.blocking_threads == 3 and server.server.workers == 1
        assert server.effective_port > 0
        with pytest.raises(OSError):
            granian_server.listening_socket("127.0.0.1", server.effective_port)
    finally:
        server.close()
