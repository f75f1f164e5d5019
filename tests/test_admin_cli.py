"""Issue 13, item 2: the admin commands drive a running server over its control API
(``reset``, ``state``, ``clock``, ``requests``, ``webhooks``), each with ``--url`` and
``--json``; ``endpoints`` lists the catalog. A server that cannot be reached, or a refusal,
is one line and exit status 2."""
from __future__ import annotations

import json
import socket

import pytest
import requests

from mockserver.app import services_of
from mockserver.cli import admin, main

pytestmark = pytest.mark.mock_only
TOKEN = {"Authorization": "Bearer admin-cli"}
ORDER = {"items": [{"country": "US", "number_type": "DID", "region": "US GA Atlanta 470",
                    "quantity": 1}]}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """``mockserver argv...``: exit status, stdout, stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys, *argv: str) -> str:
    """The one line a refused command prints (exit status 2, nothing on stdout)."""
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err.count("\n") == 1, (code, out, err)
    assert err.startswith("mockserver: ") and "Traceback" not in err
    return err


def buy(server) -> list[str]:
    """Order a number as the test's tenant; the numbers it then owns."""
    assert requests.post(server.url + "/avoxi/api/v2/order", json=ORDER, headers=TOKEN,
                         timeout=10).ok
    return owned(server)


def owned(server) -> list[str]:
    return [n["number"] for n in requests.get(server.url + "/avoxi/api/v2/numbers",
                                              headers=TOKEN, timeout=10).json()["data"]]


def test_reset_everything_and_one_tenant(mock_server, capsys):
    seeded = owned(mock_server)
    buy(mock_server)
    code, out, _ = run(capsys, "reset", "--url", mock_server.url, "--provider", "avoxi",
                       "--tenant", "admin-cli")
    assert code == 0 and out == ("reset provider avoxi tenant admin-cli: 1 tenant dropped, "
                                 "0 events cancelled\n")
    assert owned(mock_server) == seeded
    buy(mock_server)
    code, out, _ = run(capsys, "reset", "--url", mock_server.url, "--json")
    assert json.loads(out)["tenants_dropped"] == 1 and json.loads(out)["reset"] == {
        "provider": None, "tenant": None}


def test_url_comes_from_the_environment(mock_server, capsys, monkeypatch):
    monkeypatch.setenv("MOCKSERVER_URL", mock_server.url)
    code, out, _ = run(capsys, "clock")
    assert code == 0 and out.endswith("running\n")


def test_state_save_reset_and_load(mock_server, capsys, tmp_path):
    bought = buy(mock_server)
    saved = tmp_path / "state.json"
    code, out, _ = run(capsys, "state", "save", str(saved), "--url", mock_server.url)
    assert code == 0 and out.startswith(f"saved {saved}: avoxi 1 tenant, dial9 0 tenants")
    assert json.loads(saved.read_text())["version"] == 1
    run(capsys, "reset", "--url", mock_server.url)
    assert owned(mock_server) != bought
    code, out, _ = run(capsys, "state", "load", str(saved), "--url", mock_server.url)
    assert code == 0 and out.startswith(f"loaded {saved}: avoxi 1 tenant")
    assert owned(mock_server) == bought
    code, out, _ = run(capsys, "state", "--url", mock_server.url)
    assert code == 0 and out.splitlines()[1].endswith("; 0 scheduled events")
    code, out, _ = run(capsys, "state", "--url", mock_server.url, "--json")
    assert set(json.loads(out)) == {"version", "clock", "providers", "scheduled"}


def test_state_load_refuses_what_is_not_a_snapshot(mock_server, capsys, tmp_path):
    bought = buy(mock_server)
    bad = tmp_path / "bad.json"
    bad.write_text('{"foo": 1}')
    assert "PUT /_mock/state: 400 foo: unknown key" in refused(
        capsys, "state", "load", str(bad), "--url", mock_server.url)
    bad.write_text("{not json")
    assert f"{bad}: not JSON" in refused(capsys, "state", "load", str(bad), "--url",
                                         mock_server.url)
    assert "No such file" in refused(capsys, "state", "load", str(tmp_path / "none.json"),
                                     "--url", mock_server.url)
    assert "FILE is missing" in refused(capsys, "state", "save", "--url", mock_server.url)
    assert owned(mock_server) == bought                         # nothing was changed


def test_clock_show_freeze_advance_run(mock_server, capsys):
    url = ["--url", mock_server.url]
    assert run(capsys, "clock", "freeze", "2030-01-01T00:00:00Z", *url)[1] == \
        "2030-01-01T00:00:00.000Z  frozen\n"
    assert run(capsys, "clock", "advance", "90", *url)[1] == \
        "2030-01-01T00:01:30.000Z  frozen\n"
    assert run(capsys, "clock", *url)[1] == "2030-01-01T00:01:30.000Z  frozen\n"
    shown = json.loads(run(capsys, "clock", "--json", "advance", "30", *url)[1])
    assert shown["now"] == "2030-01-01T00:02:00.000Z" and shown["events_run"] == 0
    assert run(capsys, "clock", "run", *url)[1].endswith("running\n")
    assert requests.get(mock_server.url + "/_mock/clock", timeout=10).json()["frozen"] is False
    assert "advance: must be a number of seconds" in refused(capsys, "clock", "advance",
                                                             "soon", *url)
    assert "freeze: must be an ISO-8601 time" in refused(capsys, "clock", "freeze",
                                                         "someday", *url)


def test_requests_one_line_each_filters_and_json(mock_server, capsys):
    buy(mock_server)
    requests.get(mock_server.url + "/avoxi/api/v2/nowhere", headers=TOKEN, timeout=10)
    code, out, _ = run(capsys, "requests", "--url", mock_server.url)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3                 # the order, the numbers, the 404
    time_, method, path, status, tenant = lines[0].split()
    assert (method, path, status, tenant) == ("POST", "/avoxi/api/v2/order", "200",
                                              "admin-cli")
    assert time_.endswith("Z")
    out = run(capsys, "requests", "--url", mock_server.url, "--status", "4xx")[1]
    assert out.split()[1:4] == ["GET", "/avoxi/api/v2/nowhere", "404"]
    out = run(capsys, "requests", "--url", mock_server.url, "--method", "GET", "--status",
              "200", "--limit", "1", "--json")[1]
    [entry] = json.loads(out)["requests"]
    assert entry["path"] == "/avoxi/api/v2/numbers"
    assert "status: must be a status" in refused(capsys, "requests", "--url", mock_server.url,
                                                 "--status", "2yy")


def test_requests_follow_prints_new_requests_once_until_ctrl_c(mock_server, capsys,
                                                               monkeypatch):
    buy(mock_server)
    polls = []

    def pause(seconds):
        polls.append(seconds)
        if len(polls) == 1:     # a request arrives between two polls
            requests.get(mock_server.url + "/avoxi/api/v2/countries", headers=TOKEN,
                         timeout=10)
        elif len(polls) == 2:   # nothing new on the third poll
            pass
        else:
            raise KeyboardInterrupt

    monkeypatch.setattr(admin, "pause", pause)
    code, out, _ = run(capsys, "requests", "--follow", "--url", mock_server.url,
                       "--method", "GET")
    assert code == 0 and [line.split()[2] for line in out.splitlines()] == [
        "/avoxi/api/v2/numbers", "/avoxi/api/v2/countries"]
    polls.clear()
    code, out, _ = run(capsys, "requests", "-f", "--json", "--url", mock_server.url,
                       "--path", "*/countries")
    assert [json.loads(line)["path"] for line in out.splitlines()] == [
        "/avoxi/api/v2/countries", "/avoxi/api/v2/countries"]


def test_webhooks_lists_each_attempt(mock_server, capsys):
    hooks = services_of(mock_server.app).webhooks
    hooks.send("avoxi", "admin-cli", method="POST", url=mock_server.url + "/_mock/inbox/cli",
               json_body={"event": "done"}, kind="test")
    code, out, _ = run(capsys, "webhooks", "--wait", "--url", mock_server.url)
    assert code == 0
    [line] = out.splitlines()
    assert line.split()[1:6] == ["POST", mock_server.url + "/_mock/inbox/cli", "200",
                                 "admin-cli", "test"]
    assert line.split()[6].endswith(".1")                # delivery id, attempt 1
    attempts = json.loads(run(capsys, "webhooks", "--json", "--ok", "--url",
                              mock_server.url)[1])["webhooks"]
    assert [a["url"] for a in attempts] == [mock_server.url + "/_mock/inbox/cli"]
    assert run(capsys, "webhooks", "--failed", "--url", mock_server.url)[1] == ""
    assert "status: " in refused(capsys, "webhooks", "--status", "soon", "--url",
                                 mock_server.url)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("argv", [["reset"], ["state"], ["clock"], ["requests"],
                                  ["webhooks"], ["clock", "advance", "5"]])
def test_an_unreachable_server_is_one_line(capsys, argv):
    url = f"http://127.0.0.1:{closed_port()}"
    assert f"cannot reach a mock server at {url} (" in refused(capsys, *argv, "--url", url)


def test_a_url_that_is_no_url_or_no_mock_server_is_one_line(capsys, httpserver):
    assert "--url: 'localhost:8080' is not an http" in refused(capsys, "clock", "--url",
                                                               "localhost:8080")
    httpserver.expect_request("/_mock/clock").respond_with_data("<html>hi</html>")
    assert "did not answer as a mock server" in refused(capsys, "clock", "--url",
                                                         httpserver.url_for(""))


def test_endpoints_lists_the_catalog_with_totals(capsys):
    from mockserver.catalog import endpoints
    code, out, _ = run(capsys, "endpoints", "dial9")
    lines = out.splitlines()
    documented = len(endpoints("dial9"))
    assert code == 0 and lines[0] == f"dial9: {documented} of {documented} endpoints served"
    assert lines[1].split()[:3] == ["served", "POST", "/api/v2/numbers/list"]
    assert lines[-1] == f"total: {documented} of {documented} documented endpoints served"
    report = json.loads(run(capsys, "endpoints", "--json")[1])
    assert report["documented"] == len(endpoints()) == sum(
        p["documented"] for p in report["providers"].values())
    assert set(report["providers"]) == {"avoxi", "dial9", "evovoice", "avanser", "avaya"}
    assert "unknown provider 'acme'" in refused(capsys, "endpoints", "acme")


def readme_section(title: str) -> str:
    from pathlib import Path
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    return readme.split(f"### {title}\n", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]


def ctrl_c(seconds: float) -> None:
    raise KeyboardInterrupt


def test_the_readme_commands_run_against_a_live_server(mock_server, capsys, monkeypatch,
                                                       tmp_path):
    section = readme_section("Driving a running server")
    commands = section.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert {c.split()[1] for c in commands} == {"reset", "state", "clock", "requests",
                                                "webhooks", "endpoints"}
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MOCKSERVER_URL", mock_server.url)
    monkeypatch.setattr(admin, "pause", ctrl_c)            # --follow: one poll, then Ctrl-C
    buy(mock_server)
    for command in commands:
        assert command.startswith("mockserver ")
        code, _, err = run(capsys, *command.split()[1:])
        assert code == 0, (command, err)
    assert (tmp_path / "dev-state.json").exists()
    assert requests.get(mock_server.url + "/_mock/clock", timeout=10).json()["now"] == \
        "2030-01-01T10:00:00.000Z"
