"""Issue 13, item 1: ``serve --state-file`` keeps state across restarts; a snapshot carries
a format version, and what is not a snapshot (a corrupt file, an unknown version, a body
that is no snapshot) is refused, never silently dropped; saves are atomic."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from mockserver import persistence
from mockserver.app import create_app
from mockserver.cli import main
from mockserver.persistence import StateFile, write_atomically

pytestmark = pytest.mark.mock_only
TOKEN = {"Authorization": "Bearer persistence-test"}
ORDER = {"items": [{"country": "US", "number_type": "DID", "region": "US GA Atlanta 470",
                    "quantity": 1}]}
NUMBERS = "/avoxi/api/v2/numbers"


def serve(state_file: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    """``mockserver serve --port 0 --state-file F`` as a subprocess, and its base URL."""
    proc = subprocess.Popen([sys.executable, "-m", "mockserver", "serve", "--port", "0",
                             "--quiet", "--state-file", str(state_file), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = proc.stdout.readline()          # "telco-mockserver listening on http://..."
    assert first.startswith("telco-mockserver listening on "), proc.communicate()
    return proc, first.split()[-1]


def stop(proc: subprocess.Popen) -> str:
    """SIGTERM, as Docker stops a container; the server's stderr."""
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    return err


def owned(base: str) -> list[str]:
    return [n["number"] for n in requests.get(base + NUMBERS, headers=TOKEN, timeout=10)
            .json()["data"]]


def test_a_restart_keeps_the_numbers_bought_and_a_frozen_clock(tmp_path):
    state_file = tmp_path / "state.json"
    proc, base = serve(state_file)
    try:
        before = owned(base)
        assert requests.post(base + "/avoxi/api/v2/order", json=ORDER, headers=TOKEN,
                             timeout=10).ok
        bought = owned(base)
        assert len(bought) == len(before) + 1
        requests.post(base + "/_mock/clock", json={"freeze": "2031-02-03T04:05:06Z"},
                      timeout=10)
    finally:
        stop(proc)
    saved = json.loads(state_file.read_text())
    assert saved["version"] == 1 and saved["clock"]["frozen"] is True

    proc, base = serve(state_file)
    try:
        assert owned(base) == bought
        clock = requests.get(base + "/_mock/clock", timeout=10).json()
        assert clock == {"now": "2031-02-03T04:05:06.000Z", "frozen": True,
                         "timestamp": clock["timestamp"]}
    finally:
        stop(proc)


def test_a_corrupt_state_file_stops_the_start_with_one_line(tmp_path):
    state_file = tmp_path / "state.json"
    state_file.write_text('{"version": 1, "providers": {')
    done = subprocess.run([sys.executable, "-m", "mockserver", "serve", "--port", "0",
                           "--state-file", str(state_file)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert str(state_file) in done.stderr and "corrupt: not JSON" in done.stderr
    assert state_file.read_text() == '{"version": 1, "providers": {'   # never discarded


@pytest.mark.parametrize("content, problem", [
    ({"version": 2, "providers": {}}, "version: unknown format version 2"),
    ({"providers": {}}, "version: missing"),
    ({"foo": 1}, "foo: unknown key"),
    ({"version": 1, "providers": []}, "providers: must be an object"),
    ({"version": 1, "providers": {"twilio": {"tenants": {}}}}, "unknown provider twilio"),
    ({"version": 1, "providers": {}, "clock": {"frozen": "yes"}}, "clock: frozen must be"),
    ({"version": 1, "providers": {}, "scheduled": [{"due": "soon"}]}, "scheduled: invalid"),
    ([1, 2], "snapshot: expected a JSON object"),
])
def test_a_state_file_that_is_no_snapshot_is_refused(tmp_path, capsys, content, problem):
    state_file = tmp_path / "state.json"
    state_file.write_text(json.dumps(content))
    assert main(["serve", "--port", "0", "--state-file", str(state_file)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"--state-file {state_file}: " in err and problem in err


@pytest.mark.parametrize("where, problem", [("missing/state.json", "does not exist"),
                                            (".", "is a directory")])
def test_a_state_file_that_could_never_be_written_is_refused(tmp_path, capsys, where,
                                                             problem):
    assert main(["serve", "--port", "0", "--state-file", str(tmp_path / where)]) == 2
    assert problem in capsys.readouterr().err


def test_a_save_that_never_reaches_the_rename_leaves_the_old_file_whole(tmp_path,
                                                                      monkeypatch):
    target = tmp_path / "state.json"
    target.write_text('{"old": true}')

    def killed(*args):
        raise KeyboardInterrupt             # the process dies between write and rename

    monkeypatch.setattr(persistence.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, b'{"new": true, "padding": "' + b"x" * 1_000_000 + b'"}')
    assert target.read_text() == '{"old": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]     # no temp file left


WRITER = """
import sys
from pathlib import Path
from mockserver.persistence import write_atomically
target = Path(sys.argv[1])
for n in range(10_000):
    write_atomically(target, b'{"n": %d, "padding": "' % n + b"x" * 20_000_000 + b'"}')
"""


def test_a_kill_9_during_saves_leaves_a_whole_file(tmp_path):
    target = tmp_path / "state.json"
    target.write_text('{"n": -1}')
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target)])
    try:
        deadline = time.monotonic() + 30
        while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.005)
    finally:
        proc.kill()                           # SIGKILL: no clean-up runs
        proc.wait(timeout=10)
    assert isinstance(json.loads(target.read_text())["n"], int)      # old or new, whole


def test_periodic_saves_write_only_when_something_changed(tmp_path):
    state_file = tmp_path / "state.json"
    app = create_app()
    saver = StateFile.open(app, str(state_file), interval=0.05)
    assert saver.save() is True and saver.save() is False      # nothing changed since
    saver.start()
    try:
        app.test_client().post("/avoxi/api/v2/order", json=ORDER, headers=TOKEN)
        deadline = time.monotonic() + 10    # the saver thread runs on real time
        while "persistence-test" not in state_file.read_text():
            assert time.monotonic() < deadline, "the change was never saved"
            time.sleep(0.02)
    finally:
        saver.close()
    mtime = state_file.stat().st_mtime_ns
    again = StateFile.open(create_app(), str(state_file), interval=0)
    again.close()                            # restored, unchanged: not rewritten
    assert state_file.stat().st_mtime_ns == mtime


def test_a_free_clock_is_kept_as_its_offset_from_real_time(tmp_path):
    app = create_app()
    client = app.test_client()
    client.post("/_mock/clock", json={"freeze": "2040-01-01T00:00:00Z"})
    client.post("/_mock/clock", json={"freeze": None})            # runs free, years ahead
    snap = client.get("/_mock/state").json
    assert snap["clock"]["frozen"] is False and snap["clock"]["offset"] > 365 * 86400
    other = create_app().test_client()
    assert other.put("/_mock/state", json=snap).status_code == 200
    clock = other.get("/_mock/clock").json
    assert clock["frozen"] is False and clock["now"].startswith("2040-01-01T00:0")


@pytest.mark.parametrize("body, field", [
    ({"foo": 1}, "foo"),
    ({"providers": {}}, "version"),
    ({"version": "1", "providers": {}}, "version"),
    ({"version": 1}, "providers"),
    ({"version": 1, "providers": 3}, "providers"),
    ({"version": 1, "providers": {"avoxi": {"tenants": {}, "x": 1}}}, "providers"),
    ({"version": 1, "providers": {}, "scheduled": {}}, "scheduled"),
    ({"version": 1, "providers": {}, "clock": {"now": "never", "frozen": True}}, "clock"),
])
def test_put_state_refuses_what_is_not_a_snapshot_and_changes_nothing(mock_client, body,
                                                                      field):
    mock_client.post("/avoxi/api/v2/order", json=ORDER, headers=TOKEN)
    before = mock_client.get("/_mock/state").json
    reply = mock_client.put("/_mock/state", json=body)
    assert reply.status_code == 400 and reply.json["error"].startswith(f"{field}: ")
    after = mock_client.get("/_mock/state").json
    assert after["providers"] == before["providers"] and after["version"] == 1


def test_the_readme_shows_the_refusal_as_it_is_printed(tmp_path, capsys, monkeypatch):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    section = readme.split("### Keeping state across restarts\n", 1)[1].split("\n### ", 1)[0]
    command, shown = section.split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mock-state.json").write_text('{"version": 2, "providers": {}}')
    assert main(command.removeprefix("$ mockserver ").split() + ["--port", "0"]) == 2
    assert capsys.readouterr().err.strip() == shown
