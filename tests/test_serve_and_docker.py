"""The ``mockserver serve`` command as the Dockerfile runs it: start-up, mounts printed,
one log line per request, health check, clean stop on SIGTERM and SIGINT."""
from __future__ import annotations

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def dockerfile_instruction(name: str) -> str:
    """The text of the Dockerfile's (last) instruction ``name``, continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    found = re.findall(rf"^{name}\s+(.*)$", text, re.MULTILINE)
    assert found, f"no {name} in the Dockerfile"
    return found[-1].strip()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(argv: list[str], env: dict[str, str] | None = None) -> subprocess.Popen:
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {}),
                                 "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"})
    return proc


def wait_healthy(port: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        try:
            if requests.get(f"http://127.0.0.1:{port}/_mock/health", timeout=1).ok:
                return
        except requests.ConnectionError:
            time.sleep(0.05)
    raise AssertionError("server did not become healthy")


def docker_cmd() -> list[str]:
    return json.loads(dockerfile_instruction("CMD"))


def docker_env() -> dict[str, str]:
    """Every variable the Dockerfile's ENV instructions set."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    pairs = [pair for line in re.findall(r"^ENV\s+(.*)$", text, re.MULTILINE)
             for pair in shlex.split(line)]
    return dict(pair.split("=", 1) for pair in pairs)


def healthcheck_cmd() -> list[str]:
    healthcheck = dockerfile_instruction("HEALTHCHECK")
    return json.loads(healthcheck[healthcheck.index("CMD") + 3:].strip())


def test_dockerfile_runs_the_serve_command_on_8080_configured_by_variables():
    assert docker_cmd() == ["mockserver", "serve"]
    env = docker_env()
    assert env["MOCKSERVER_HOST"] == "0.0.0.0" and env["MOCKSERVER_PORT"] == "8080"
    assert dockerfile_instruction("EXPOSE") == "8080"
    assert dockerfile_instruction("USER") == "mock"          # never root
    assert "curl" not in (ROOT / "Dockerfile").read_text()


def test_the_healthcheck_follows_the_port_variable():
    check = healthcheck_cmd()
    assert "MOCKSERVER_PORT" in check[-1] and "8080" not in check[-1].replace(
        "'MOCKSERVER_PORT', '8080'", "")                    # 8080 only as the default


def test_dockerignore_keeps_local_state_out_of_the_image():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for entry in (".git", ".venv", "**/__pycache__", "*.egg-info", ".pytest_cache",
                  ".hypothesis", "benchmarks/results"):
        assert entry in ignored
    copied = re.findall(r"^COPY\s+(.*?)\s+\S+$", (ROOT / "Dockerfile").read_text(),
                        re.MULTILINE)
    sources = [part for line in copied for part in line.split()]
    assert sorted(sources) == ["README.md", "fixtures", "mockserver", "pyproject.toml"]
    assert not set(sources) & set(ignored)                 # what is copied is not ignored


@pytest.fixture
def served():
    """The Dockerfile's command and variables, exactly, but for the port (8080 may be
    taken here)."""
    port = free_port()
    proc = start(docker_cmd(), {**docker_env(), "MOCKSERVER_PORT": str(port)})
    wait_healthy(port, proc)
    yield port, proc
    if proc.poll() is None:
        proc.kill()
        proc.communicate()


def test_dockerfile_command_serves_every_provider_and_stops_on_sigterm(served):
    port, proc = served
    reply = requests.get(f"http://127.0.0.1:{port}/avoxi/api/v2/countries",
                         headers={"Authorization": "Bearer docker"}, timeout=5)
    assert reply.status_code == 200
    check = [sys.executable, *healthcheck_cmd()[1:]]
    env = {**os.environ, "MOCKSERVER_PORT": str(port)}
    assert subprocess.run(check, env=env, timeout=10).returncode == 0
    unused = free_port()
    assert subprocess.run(check, env={**env, "MOCKSERVER_PORT": str(unused)},
                          capture_output=True, timeout=10).returncode != 0
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0
    assert f"http://0.0.0.0:{port}/avoxi/api/v2" in out
    assert "/_mock/health" in out and "stopped" in out
    assert re.search(r"GET /avoxi/api/v2/countries 200 [\d.]+ms", err)


def test_one_log_line_per_request_and_sigint_stops(served):
    port, proc = served
    for path in ("/avoxi/api/v2/countries", "/avoxi/api/v2/nope"):
        requests.get(f"http://127.0.0.1:{port}{path}", headers={"Authorization": "Bearer x"},
                     timeout=5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0
    lines = [line for line in err.splitlines() if "/avoxi/" in line]
    assert len(lines) == 2 and " 404 " in lines[1]


def test_python_dash_m_and_options():
    port = free_port()
    proc = start([sys.executable, "-m", "mockserver", "serve", "--port", str(port),
                  "--auth", "strict", "--seed", "7", "--providers", "avoxi", "--quiet"])
    try:
        wait_healthy(port, proc)
        url = f"http://127.0.0.1:{port}/avoxi/api/v2/countries"
        assert requests.get(url, headers={"Authorization": "Bearer nobody"},
                            timeout=5).status_code == 401
        assert requests.get(url, headers={"Authorization": "Bearer avoxi-test-token"},
                            timeout=5).status_code == 200
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=10)
    assert "/avoxi/api/v2/countries" not in err          # --quiet


def test_unknown_provider_is_refused_with_exit_status_2():
    result = subprocess.run([sys.executable, "-m", "mockserver", "serve", "--providers",
                             "acme"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "acme" in result.stderr


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    block = readme.split("<!-- test-command -->", 1)[1].split("```", 2)[1]
    command = block.split("\n", 1)[1].strip()
    assert "pytest" in command and "pip install" in command
    assert "README.md" in (ROOT / ".ci" / "run").read_text()
    assert shlex.split(command)


@pytest.mark.parametrize("example", ["test_readme_example.py", "test_readme_ivr.py",
                                     "test_readme_faults.py", "test_readme_verification.py",
                                     "test_readme_inbox.py", "test_readme_intercept.py"])
def test_readme_quotes_the_runnable_examples(example):
    readme = (ROOT / "README.md").read_text()
    code = (ROOT / "tests" / example).read_text().split('"""', 2)[2].strip()
    assert code in readme


def readme_blocks(language: str) -> list[str]:
    readme = (ROOT / "README.md").read_text()
    return re.findall(rf"^```{language}\n(.*?)^```", readme, re.MULTILINE | re.DOTALL)


def test_readme_compose_and_ci_examples_wait_for_health():
    yaml = pytest.importorskip("yaml")
    from mockserver.cli.options import SERVE_OPTIONS
    documents = [yaml.safe_load(block) for block in readme_blocks("yaml")]
    compose = next(doc for doc in documents if "services" in doc)
    assert compose["services"]["tests"]["depends_on"]["mock"]["condition"] == \
        "service_healthy"
    variables = {option.env for option in SERVE_OPTIONS}
    assert set(compose["services"]["mock"]["environment"]) <= variables
    ci = next(doc for doc in documents if "jobs" in doc)
    service = ci["jobs"]["test"]["services"]["mock"]
    assert "--health-interval" in service["options"] and service["ports"] == ["8080:8080"]


def test_readme_sends_no_one_outside_the_repository():
    readme = (ROOT / "README.md").read_text()
    assert not re.search(r"[\s`(]\.\./\w", readme) and "catalog_check" not in readme
    assert "mockserver endpoints" in readme
    for path in re.findall(r"\]\(([^)#:]+)\)", readme):     # relative links resolve
        assert (ROOT / path).exists(), path
