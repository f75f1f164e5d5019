"""Configuration: every ``serve`` option by its environment variable, every refused option
or fixtures file (one line, exit status 2, no traceback), ``--version``, a bare
``mockserver``, the version in ``/_mock/health``, the ``mock_config`` keys create_app
accepts and refuses, ``mock_server`` honouring ``mock_config``, and the packaging of the
top-level ``fixtures/`` folder."""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import requests
from flask import Flask

import mockserver
from mockserver import cli
from mockserver.app import DEFAULTS, create_app
from mockserver.cli import options, serve
from mockserver.config import SCHEMA

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[1]
ALL_ENV = [option.env for option in options.SERVE_OPTIONS]


@pytest.fixture
def clean_env(monkeypatch):
    """No MOCKSERVER_* variable from the surroundings."""
    for name in ALL_ENV:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.fixture
def started(clean_env):
    """``mockserver serve`` in-process, stopped before it listens: what it would have
    built and bound (the app's config, the server's arguments, the state file's)."""
    seen: dict = {}
    real_create_app = create_app

    def fake_create_app(config):
        seen["config"] = config
        return real_create_app(config)

    class FakeServer:
        effective_port = 4321

    def fake_make_server(wsgi, host, port, threads):
        seen.update(wsgi=wsgi, host=host, port=port, threads=threads)
        return FakeServer()

    class FakeStateFile:
        @classmethod
        def open(cls, app, path, interval):
            seen.update(state_file=path, save_interval=interval)
            return cls()

        def start(self):
            """Nothing to save."""

        def close(self):
            """Nothing to save."""

    clean_env.setattr("mockserver.app.create_app", fake_create_app)
    clean_env.setattr(serve, "make_server", fake_make_server)
    clean_env.setattr(serve, "serve_until_signalled", lambda server: None)
    clean_env.setattr(serve, "StateFile", FakeStateFile)
    return seen


@pytest.mark.parametrize("variable, value, key, expected", [
    ("MOCKSERVER_HOST", "localhost", "host", "localhost"),
    ("MOCKSERVER_PORT", "9123", "port", 9123),
    ("MOCKSERVER_THREADS", "3", "threads", 3),
    ("MOCKSERVER_SEED", "7", "config", {"SEED": 7}),
    ("MOCKSERVER_AUTH", "strict", "config", {"AUTH_MODE": "strict"}),
    ("MOCKSERVER_PROVIDERS", "avoxi,dial9", "config", {"PROVIDERS": "avoxi,dial9"}),
    ("MOCKSERVER_STATE_FILE", "/tmp/mock-state.json", "state_file", "/tmp/mock-state.json"),
])
def test_each_serve_option_has_its_environment_variable(started, clean_env, variable, value,
                                                        key, expected):
    clean_env.setenv(variable, value)
    if variable == "MOCKSERVER_STATE_FILE":
        clean_env.setenv("MOCKSERVER_SAVE_INTERVAL", "12.5")
    assert cli.main(["serve"]) == 0
    if key == "config":
        assert started["config"].items() >= expected.items()
    else:
        assert started[key] == expected
    if variable == "MOCKSERVER_STATE_FILE":
        assert started["save_interval"] == 12.5


def test_fixtures_and_quiet_variables(started, clean_env, tmp_path):
    (tmp_path / "avoxi").mkdir()
    (tmp_path / "avoxi" / "regions.json").write_text(
        (ROOT / "fixtures" / "avoxi" / "regions.json").read_text())
    clean_env.setenv("MOCKSERVER_FIXTURES", str(tmp_path))
    clean_env.setenv("MOCKSERVER_QUIET", "true")
    assert cli.main(["serve"]) == 0
    assert started["config"]["FIXTURES_DIR"] == str(tmp_path)
    assert isinstance(started["wsgi"], Flask)                   # no access log wrapper


def test_a_flag_beats_its_variable_and_an_empty_variable_is_unset(started, clean_env):
    clean_env.setenv("MOCKSERVER_PORT", "9123")
    clean_env.setenv("MOCKSERVER_THREADS", "")
    assert cli.main(["serve", "--port", "9124"]) == 0
    assert started["port"] == 9124 and started["threads"] == 8


def test_every_option_shows_its_default_and_variable_in_help(capsys):
    with pytest.raises(SystemExit):
        cli.main(["serve", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for option in options.SERVE_OPTIONS:
        assert re.search(rf"{option.flag} .*?\(default: [^;]+; env {option.env}\)", text)


def test_variables_really_configure_a_served_process():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "MOCKSERVER_PORT": str(port), "MOCKSERVER_PROVIDERS": "avoxi",
           "MOCKSERVER_QUIET": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "mockserver", "serve"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert f":{port}" in proc.stdout.readline()          # listening: its first line
        health = requests.get(f"http://127.0.0.1:{port}/_mock/health", timeout=5).json()
        assert health == {"status": "ok", "version": mockserver.__version__,
                          "providers": ["avoxi"]}
    finally:
        proc.terminate()
        proc.communicate(timeout=10)


def never_serve(server) -> None:
    """Stands for serve_until_signalled where the start must have been refused."""
    server.close()
    pytest.fail("the server started")


def refused(capsys, argv: list[str]) -> str:
    """Run ``mockserver`` on ``argv``: it must exit 2 with one line on stderr."""
    try:
        status = cli.main(argv)
    except SystemExit as exc:               # argparse's own refusals
        status = exc.code
    out, err = capsys.readouterr()
    assert status == 2, (out, err)
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mockserver: "), err
    return lines[0]


@pytest.mark.parametrize("argv, env, expected", [
    (["--port", "70000"], {}, "--port: must be 0 to 65535"),
    (["--port", "-1"], {}, "--port: must be 0 to 65535"),
    ([], {"MOCKSERVER_PORT": "http"}, "MOCKSERVER_PORT: 'http' is not a valid int"),
    ([], {"MOCKSERVER_PORT": "99999"}, "MOCKSERVER_PORT: must be 0 to 65535"),
    (["--host", "no-such-host.invalid"], {}, "--host: cannot resolve 'no-such-host.invalid'"),
    (["--host", "192.0.2.1", "--port", "0"], {}, "--host: cannot listen on 192.0.2.1:0"),
    (["--threads", "0"], {}, "--threads: must be at least 1"),
    ([], {"MOCKSERVER_THREADS": "-4"}, "MOCKSERVER_THREADS: must be at least 1"),
    (["--save-interval", "-1"], {}, "--save-interval: must be 0 or more"),
    (["--providers", "avoxi,acme"], {}, "--providers: unknown provider(s) acme (known: "),
    ([], {"MOCKSERVER_AUTH": "loose"}, "MOCKSERVER_AUTH: 'loose' is not one of"),
    ([], {"MOCKSERVER_QUIET": "maybe"}, "MOCKSERVER_QUIET: 'maybe' is not true or false"),
    (["--fixtures", "/no/such/dir"], {}, "--fixtures: /no/such/dir: no such directory"),
])
def test_each_refused_option(capsys, clean_env, argv, env, expected):
    for name, value in env.items():
        clean_env.setenv(name, value)
    clean_env.setattr(serve, "serve_until_signalled", never_serve)   # never serves
    assert expected in refused(capsys, ["serve", *argv])


def test_a_port_in_use_is_refused(capsys, clean_env):
    clean_env.setattr(serve, "serve_until_signalled", never_serve)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        line = refused(capsys, ["serve", "--port", str(port)])
    assert line == f"mockserver: --port: cannot listen on 127.0.0.1:{port}: " \
                   "Address already in use"


def test_a_refusal_in_a_real_process_has_no_traceback():
    result = subprocess.run([sys.executable, "-m", "mockserver", "serve", "--threads", "0"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert result.stderr == "mockserver: --threads: must be at least 1\n"


def fixture_dir(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            (tmp_path / name).write_bytes(content)
        else:
            (tmp_path / name).write_text(content)
    return tmp_path


@pytest.mark.parametrize("files, expected", [
    ({"avoxi/regions.json": '[\n  {"id": 1,}\n]'},
     "avoxi/regions.json: line 2 column 12: Expecting property name enclosed in double "
     "quotes"),
    ({"avoxi/regions.json": '{"regions": []}'}, "avoxi/regions.json: expected a JSON array"),
    ({"avaya/fraud.json": "[]"}, "avaya/fraud.json: expected a JSON object"),
    ({"avoxi/regionz.json": "{}"}, "avoxi/regionz.json: no avoxi fixture has this name "
                                   "(known: countries.json, credentials.json"),
    ({"acme/regions.json": "{}"}, "acme: not a provider's folder (known: avanser, avaya"),
    ({"notes.txt": "hello"}, "notes.txt: not a provider's folder"),
    ({"dial9/prefixes.json": b"\xff\xfe[]"}, "dial9/prefixes.json: not UTF-8 text"),
])
def test_a_fixtures_folder_is_checked_whole_at_start(capsys, clean_env, tmp_path, files,
                                                      expected):
    folder = fixture_dir(tmp_path, files)
    clean_env.setattr(serve, "serve_until_signalled", never_serve)
    line = refused(capsys, ["serve", "--fixtures", str(folder)])
    assert line.startswith(f"mockserver: --fixtures: {folder}/")
    assert expected in line
    with pytest.raises(ValueError, match=re.escape(expected)):     # the plugin's way too
        create_app({"FIXTURES_DIR": str(folder)})


def test_a_fixture_that_is_not_json_at_all(tmp_path):
    folder = fixture_dir(tmp_path, {"dial9/prefixes.json": "prefixes: [44]"})
    with pytest.raises(ValueError, match=r"FIXTURES_DIR: .*dial9/prefixes\.json: line 1 "
                                         r"column 1: Expecting value"):
        create_app({"FIXTURES_DIR": folder})


def test_hidden_entries_of_a_fixtures_folder_are_ignored(tmp_path):
    folder = fixture_dir(tmp_path, {".git/config": "x", "avoxi/.DS_Store": "x"})
    assert create_app({"FIXTURES_DIR": folder}).test_client().get(
        "/_mock/health").status_code == 200


def test_version_and_bare_command(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"telco-mockserver {mockserver.__version__}"
    assert cli.main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: mockserver") and "serve" in out


def test_version_in_health(mock_client):
    assert mock_client.get("/_mock/health").json["version"] == mockserver.__version__


# -- mock_config ---------------------------------------------------------------------------

@pytest.mark.parametrize("config, expected", [
    ({"SEEED": 1}, "SEEED: unknown key (did you mean SEED?)"),
    ({"seed": 1}, "seed: unknown key (did you mean SEED?)"),
    ({"COLOUR": "red"}, "COLOUR: unknown key"),
    ({"SEED": "one"}, "SEED: Not a valid integer"),
    ({"SEED": True}, "SEED: Not a valid integer"),
    ({"AUTH_MODE": "loose"}, "AUTH_MODE: Must be one of: lenient, strict"),
    ({"FIXTURES_DIR": 3}, "FIXTURES_DIR: Not a path"),
    ({"PROVIDERS": 5}, "PROVIDERS: Not a string or a list"),
    ({"PROVIDERS": ["avoxi", 5]}, "PROVIDERS: Not a valid string"),
    ({"JOURNAL_SIZE": 2.5}, "JOURNAL_SIZE: Not a valid integer"),
    ({"INBOX_SIZE": -1}, "INBOX_SIZE: Must be greater than or equal to 0"),
    ({"WEBHOOK_TIMEOUT": "5 s"}, "WEBHOOK_TIMEOUT: Not a valid number"),
    ({"WEBHOOK_TIMEOUT": [5]}, "WEBHOOK_TIMEOUT: Not a valid number"),
    ({"AVAYA_CALLBACK_RETRY_DELAYS": [5, "x"]}, "AVAYA_CALLBACK_RETRY_DELAYS: Not a valid "
                                                "number"),
    ({"AVOXI_INVENTORY_PER_REGION": "3.5"}, "AVOXI_INVENTORY_PER_REGION: Not a valid "
                                            "integer"),
])
def test_create_app_refuses_unknown_keys_and_wrong_types(config, expected):
    with pytest.raises(ValueError, match=re.escape(expected)):
        create_app(config)


def test_create_app_names_every_key_at_fault_in_one_error():
    with pytest.raises(ValueError) as exc:
        create_app({"SEED": "x", "NOPE": 1})
    assert str(exc.value) == "config: NOPE: unknown key; SEED: Not a valid integer"


def test_accepted_values_and_flasks_own_keys():
    app = create_app({"SEED": 3, "PROVIDERS": ["avoxi"], "FIXTURES_DIR": None,
                      "WEBHOOK_TIMEOUT": 2, "AVAYA_CALLBACK_RETRY_DELAYS": "1, 2",
                      "AVANSER_PROVISIONING_DELAY": None, "AVAYA_MESSAGE_SENT_DELAY": "20",
                      "AVOXI_INVENTORY_PER_REGION": "4", "TESTING": True})
    assert app.config["TESTING"] is True and app.config["SEED"] == 3


def test_the_schema_covers_every_key_the_code_reads():
    read = set()
    for path in (ROOT / "mockserver").rglob("*.py"):
        read |= set(re.findall(r'config\.get\(\s*"([A-Z][A-Z0-9_]+)"', path.read_text()))
        read |= set(re.findall(r'_seconds\(services, "([A-Z][A-Z0-9_]+)"', path.read_text()))
    assert read and set(DEFAULTS) | read <= set(SCHEMA.fields)
    assert set(SCHEMA.fields) <= set(DEFAULTS) | read          # nothing documented unread


def test_the_readme_documents_every_mock_config_key():
    readme = (ROOT / "README.md").read_text()
    table = readme.split("<!-- mock-config-keys -->", 1)[1].split("\n\n", 1)[0]
    assert set(re.findall(r"^\| `([A-Z0-9_]+)` \|", table, re.MULTILINE)) == set(SCHEMA.fields)


def test_mock_server_honours_mock_config(pytester):
    pytester.makepyfile("""
        import pytest
        import requests

        SEEN = []

        @pytest.fixture
        def mock_config():
            return {"PROVIDERS": "avoxi", "AUTH_MODE": "strict"}

        def test_configured(mock_server):
            SEEN.append(mock_server)
            health = requests.get(mock_server.url + "/_mock/health", timeout=5).json()
            assert health["providers"] == ["avoxi"]
            url = mock_server.url_for("avoxi") + "/api/v2/countries"
            assert requests.get(url, headers={"Authorization": "Bearer nobody"},
                                timeout=5).status_code == 401

        def test_stopped_after_its_test(mock_server):
            assert mock_server is not SEEN[0]
            with pytest.raises(requests.ConnectionError):
                requests.get(SEEN[0].url + "/_mock/health", timeout=2)

        class TestDefault:
            @pytest.fixture
            def mock_config(self):
                return {}

            def test_session_server(self, mock_server, mock_server_session):
                assert mock_server is mock_server_session
    """)
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=3)


def test_mock_config_refusal_reaches_the_test(pytester):
    pytester.makepyfile("""
        import pytest

        @pytest.fixture
        def mock_config():
            return {"SEED": "1a"}

        def test_app(mock_app):
            pass
    """)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*ValueError: config: SEED: Not a valid integer*"])


# -- packaging -----------------------------------------------------------------------------

def test_every_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())
                 ["tool"]["setuptools"]["packages"])
    tree = {".".join(path.parent.relative_to(ROOT).parts)
            for path in (ROOT / "mockserver").rglob("*.py") if "__pycache__" not in path.parts}
    assert listed == tree | {"mockserver.fixtures"}


def test_the_packaged_fixtures_are_the_top_level_folder():
    from mockserver.core.fixtures import PACKAGED, Fixtures
    assert not (ROOT / "mockserver" / "fixtures").exists()
    assert Path(str(PACKAGED)).resolve() == (ROOT / "fixtures").resolve()
    assert Fixtures("avoxi").load("regions.json") == json.loads(
        (ROOT / "fixtures" / "avoxi" / "regions.json").read_text())


@pytest.mark.parametrize("argv", [["state", "foo"], ["serve", "--bogus"], ["nope"],
                                  ["clock", "advance"]])
def test_an_argument_argparse_refuses_is_one_line_and_exit_2(capsys, argv):
    from mockserver.cli import main
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("mockserver") and "--help" in err
