"""Interception of the providers' real hostnames in-process (``mockserver.intercept`` and
the ``mock_intercept`` fixture): plain ``requests`` and ``httpx`` code with the production
URLs reaches the test's app; every other host still reaches the network."""
from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

import pytest
import requests

import mockserver
from mockserver.providers import available

try:
    import httpx
except ImportError:                     # the intercept works without it; these tests skip
    httpx = None

needs_httpx = pytest.mark.skipif(
    httpx is None, reason="httpx is not installed (the 'test' extra installs it with respx)")

SID = "AC00000000000000000000000000000042"
AVOXI = {"Authorization": "Bearer my-test-token"}


def _check_avoxi(reply):
    assert {"id": "JP", "english_name": "Japan"} in reply.json()


def _check_dial9(reply):
    body = reply.json()
    assert body["status"] == "success" and len(body["data"]) == 10
    assert all(number.startswith("01224") for number in body["data"])


def _check_evovoice(reply):
    assert reply.json()["phoneNumber"] == "+14702035109"


def _check_avanser(reply):
    body = reply.json()
    assert "@transaction" in body and body["response"]
    assert all(n["country"] == "AU" for n in body["response"].values())


def _check_avaya(reply):
    assert reply.json()["sid"] == SID


#: per provider: one documented call, as its production client makes it, and its check;
#: the same keyword arguments suit ``requests`` and ``httpx``
CALLS = {
    "avoxi": ("GET", "/api/v2/countries", {"headers": AVOXI}, _check_avoxi),
    "dial9": ("POST", "/api/v2/numbers/acquirable_numbers",
              {"headers": {"X-Auth-Token": "dev-unit"},
               "data": {"params": json.dumps({"prefix": "01224"})}}, _check_dial9),
    "evovoice": ("POST", "/api/BuyPhoneNumber",
                 {"auth": ("dev@example.com", "any"), "json": {"number": "+14702035109"}},
                 _check_evovoice),
    "avanser": ("GET", "/v1/numbers", {"auth": ("dev", "any"),
                                       "params": {"country": "AU", "szu": "sydney"}},
                _check_avanser),
    "avaya": ("GET", f"/v2/Accounts/{SID}.json", {"auth": (SID, "token")}, _check_avaya),
}

#: every real hostname of every provider, over https and http
HOSTS = [pytest.param(slug, f"{scheme}://{host}", id=f"{scheme}://{host}")
         for slug, spec in available().items() for host in spec.hostnames
         for scheme in ("https", "http")]


def test_every_provider_has_a_call():
    assert set(CALLS) == set(available())


@pytest.mark.parametrize("slug, base", HOSTS)
def test_requests_with_the_production_url_reaches_the_mock(mock_intercept, slug, base):
    method, path, kwargs, check = CALLS[slug]
    reply = requests.request(method, base + path, timeout=5, **kwargs)
    assert reply.status_code == 200, reply.text
    check(reply)
    [entry] = mock_intercept.journal.requests()
    assert entry["provider"] == slug and entry["path"] == path
    assert entry["request"]["headers"]["Host"] == base.split("://")[1]


@needs_httpx
@pytest.mark.parametrize("slug, base", HOSTS)
def test_httpx_with_the_production_url_reaches_the_mock(mock_intercept, slug, base):
    method, path, kwargs, check = CALLS[slug]
    reply = httpx.request(method, base + path, timeout=5, **kwargs)
    assert reply.status_code == 200, reply.text
    check(reply)
    assert mock_intercept.journal.count(provider=slug) == 1


@needs_httpx
def test_an_async_httpx_client_is_intercepted_too(mock_intercept):
    async def main():
        async with httpx.AsyncClient(base_url="https://genius.avoxi.com/api/v2") as client:
            return await client.get("/countries", headers=AVOXI)

    _check_avoxi(asyncio.run(main()))
    assert mock_intercept.httpx is True


def test_state_is_shared_with_mock_apps_client(mock_intercept, mock_client, mock_journal):
    page = requests.get("https://genius.avoxi.com/api/v2/inventory/US/DID?limit=1",
                        headers=AVOXI, timeout=5).json()
    number = page[0]["number_e164"]
    ordered = requests.post("https://genius.avoxi.com/api/v2/order", headers=AVOXI,
                            json={"items": [{"number_e164": number}]}, timeout=5)
    assert ordered.status_code == 200
    owned = mock_client.get("/avoxi/api/v2/numbers", headers=AVOXI).json["data"]
    assert number in [n["number"] for n in owned]
    assert mock_intercept.app is mock_client.application
    mock_journal.assert_called("POST", "/api/v2/order", times=1)


def test_a_mount_path_on_the_real_host_is_served_too(mock_intercept):
    """The front door leaves a path already under the mount as it is."""
    reply = requests.get("https://genius.avoxi.com/avoxi/api/v2/countries", headers=AVOXI,
                         timeout=5)
    _check_avoxi(reply)


def test_other_hosts_reach_the_network(mock_intercept, httpserver):
    httpserver.expect_request("/ping").respond_with_json({"real": True})
    assert requests.get(httpserver.url_for("/ping"), timeout=5).json() == {"real": True}
    # a provider's hostname as user info or in the path is not its host
    url = httpserver.url_for("/ping").replace("://", "://genius.avoxi.com@", 1)
    assert requests.get(url, timeout=5).json() == {"real": True}
    httpserver.expect_request("/api.zang.io/v2").respond_with_data("out")
    assert requests.get(httpserver.url_for("/api.zang.io/v2"), timeout=5).text == "out"
    assert len(httpserver.log) == 3
    assert mock_intercept.journal.count() == 0


def test_a_lookalike_host_is_not_intercepted(mock_intercept):
    """``.invalid`` never resolves: the request went to the network, not to the mock."""
    with pytest.raises(requests.ConnectionError):
        requests.get("https://genius.avoxi.com.invalid/api/v2/countries", timeout=5)
    assert mock_intercept.journal.count() == 0


@needs_httpx
def test_other_hosts_reach_the_network_with_httpx(mock_intercept, httpserver):
    httpserver.expect_request("/ping").respond_with_json({"real": True})
    assert httpx.get(httpserver.url_for("/ping")).json() == {"real": True}
    with pytest.raises(httpx.ConnectError):
        httpx.get("https://genius.avoxi.com.invalid/api/v2/countries", timeout=5)
    assert len(httpserver.log) == 1 and mock_intercept.journal.count() == 0


def test_a_redirect_from_another_host_to_a_provider_is_followed_into_the_mock(
        mock_intercept, httpserver):
    httpserver.expect_request("/go").respond_with_data(
        "", status=302, headers={"Location": "https://genius.avoxi.com/api/v2/countries"})
    reply = requests.get(httpserver.url_for("/go"), timeout=5)
    assert [r.status_code for r in reply.history] == [302]
    # requests drops the Authorization header on a redirect to another host: AVOXI's 401
    assert reply.status_code == 401
    assert reply.url == "https://genius.avoxi.com/api/v2/countries"
    assert mock_intercept.journal.count(provider="avoxi", status=401) == 1


@needs_httpx
def test_a_redirect_is_followed_into_the_mock_with_httpx(mock_intercept, httpserver):
    httpserver.expect_request("/go").respond_with_data(
        "", status=302, headers={"Location": "https://genius.avoxi.com/api/v2/countries"})
    reply = httpx.get(httpserver.url_for("/go"), follow_redirects=True, timeout=5)
    assert [r.status_code for r in reply.history] == [302] and reply.status_code == 401


def test_streamed_downloads_and_uploads(mock_intercept):
    url = "https://genius.avoxi.com/api/v2/countries"
    whole = requests.get(url, headers=AVOXI, timeout=5).content
    with requests.get(url, headers=AVOXI, stream=True, timeout=5) as reply:
        chunks = list(reply.iter_content(chunk_size=64))
    assert len(chunks) > 1 and b"".join(chunks) == whole

    def body():                          # a chunked upload
        yield b'{"number": '
        yield b'"+14702035109"}'
    bought = requests.post("https://evovoice.io/api/BuyPhoneNumber", data=body(),
                           auth=("dev@example.com", "any"), timeout=5,
                           headers={"Content-Type": "application/json"})
    _check_evovoice(bought)


@needs_httpx
def test_streamed_download_with_httpx(mock_intercept):
    url = "https://genius.avoxi.com/api/v2/countries"
    with httpx.stream("GET", url, headers=AVOXI) as reply:
        whole = b"".join(reply.iter_bytes(chunk_size=64))
    assert {"id": "JP", "english_name": "Japan"} in json.loads(whole)


def test_head_and_cookies_and_repeated_headers(mock_intercept):
    head = requests.head("https://genius.avoxi.com/api/v2/countries", headers=AVOXI,
                         timeout=5)
    assert head.status_code == 200 and head.content == b""
    session = requests.Session()
    login = session.post("https://evovoice.io/auth/credentials", timeout=5,
                         json={"userName": "dev@example.com", "password": "any"})
    assert login.status_code == 200 and "ss-id" in session.cookies
    bought = session.post("https://evovoice.io/api/BuyPhoneNumber", timeout=5,
                          json={"number": "+14702035109"})          # the session cookie
    _check_evovoice(bought)


def test_a_dropped_connection_is_the_clients_connection_error(mock_intercept):
    with pytest.raises(requests.ConnectionError):
        requests.get("https://genius.avoxi.com/api/v2/countries", timeout=5,
                     headers={**AVOXI, "X-Mock-Fault": "fault=connection_reset"})
    if httpx is not None:
        with pytest.raises(httpx.TransportError):
            httpx.get("https://genius.avoxi.com/api/v2/countries",
                      headers={**AVOXI, "X-Mock-Fault": "fault=empty_response"})


def test_the_context_manager_builds_an_app_and_undoes_its_patching():
    send = requests.adapters.HTTPAdapter.send
    with mockserver.intercept(config={"PROVIDERS": "avoxi"}) as mock:
        assert requests.adapters.HTTPAdapter.send is not send
        _check_avoxi(requests.get("https://genius.avoxi.com/api/v2/countries",
                                  headers=AVOXI, timeout=5))
        # a provider the app does not serve: still never sent out, the mock's 404
        stray = requests.get(f"https://api.zang.io/v2/Accounts/{SID}.json", timeout=5)
        assert stray.status_code == 404
        assert [r["path"] for r in mock.journal.unmatched()] == [f"/v2/Accounts/{SID}.json"]
        assert mock.client.get("/_mock/health").status_code == 200
    assert requests.adapters.HTTPAdapter.send is send


def test_an_app_and_a_config_are_refused_together(mock_app):
    with pytest.raises(ValueError, match="not both"):
        with mockserver.intercept(mock_app, {"SEED": 2}):
            pass


@needs_httpx
def test_httpx_without_respx_is_said_plainly(monkeypatch, mock_app):
    monkeypatch.setitem(sys.modules, "respx", None)          # import respx: ImportError
    with pytest.warns(RuntimeWarning, match="NOT intercepted"):
        with mockserver.intercept(mock_app) as mock:
            assert mock.httpx is False


# -- the provider's own SDK, unchanged ----------------------------------------------------

ZANG = Path(os.environ.get("ZANG_PYTHON_PATH", "/tmp/zang-python"))


@pytest.fixture
def zang(monkeypatch):
    """The Zang Python SDK (not a dependency of this project: an extracted copy of
    github.com/zang-cloud/zang-python, at ``ZANG_PYTHON_PATH``)."""
    if not (ZANG / "zang" / "__init__.py").is_file():
        pytest.skip(f"the Zang Python SDK is not at {ZANG} (set ZANG_PYTHON_PATH to an "
                    f"extracted copy of github.com/zang-cloud/zang-python)")
    monkeypatch.syspath_prepend(str(ZANG))
    try:
        import zang
    except ImportError as missing:               # its own dependency (python-dateutil)
        pytest.skip(f"the Zang Python SDK at {ZANG} does not import: {missing}")
    yield zang
    for name in [n for n in sys.modules if n == "zang" or n.startswith("zang.")]:
        del sys.modules[name]


@pytest.mark.parametrize("url", ["https://api.zang.io/v2",
                                 "https://api-eu.cpaas.avayacloud.com/v2"])
def test_the_zang_sdk_unchanged_sends_an_sms_and_lists_numbers(zang, mock_intercept, url):
    """The production base URLs its README gives; nothing else is configured."""
    configuration = zang.Configuration(SID, "any-token", url=url)
    connectors = zang.ConnectorFactory(configuration)
    bought = connectors.incomingPhoneNumbersConnector.purchaseIncomingPhoneNumber(
        areaCode="212")
    numbers = connectors.incomingPhoneNumbersConnector.listIncomingPhoneNumbers()
    assert bought.sid in [n.sid for n in numbers.elements]
    # the SDK's IncomingPhoneNumber has no phone_number property: read it from the mock
    number = mock_intercept.client.get(
        f"/avaya/v2/Accounts/{SID}/IncomingPhoneNumbers/{bought.sid}.json",
        auth=(SID, "any-token")).json["phone_number"]
    sms = connectors.smsMessagesConnector.sendSmsMessage(
        to="+14155552671", body="Hello from Zang!", from_=number)
    assert sms.sid.startswith("SM") and sms.body == "Hello from Zang!"
    mock_intercept.journal.assert_called("POST", "/v2/Accounts/*/SMS/Messages.json", times=1)
