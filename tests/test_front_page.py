"""The front page (issue 13, item 5): ``/`` and ``/_mock`` answer a browser with a small
self-contained HTML page and every other client with the same content as JSON; the
providers' own 404s inside their mounts are untouched."""
from __future__ import annotations

import dataclasses
import re

import pytest
import requests

from mockserver import create_app
from mockserver.catalog import coverage

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
PAGES = ["/", "/_mock", "/_mock/"]
LINKS = ["/_mock/requests", "/_mock/webhooks", "/_mock/faults", "/_mock/health"]


@pytest.fixture
def app():
    return create_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.mark.parametrize("path", PAGES)
def test_a_browser_gets_the_html_page(app, client, path):
    reply = client.get(path, headers=BROWSER)
    assert reply.status_code == 200 and reply.mimetype == "text/html"
    assert "Accept" in reply.vary
    page = reply.get_data(as_text=True)
    counts = coverage(app)
    for spec in app.extensions["mockserver.providers"].values():
        assert spec.name in page and f"<code>/{spec.slug}{spec.base_path}</code>" in page
        for host in spec.hostnames:
            assert f"https://{host}{spec.base_path}" in page
        assert f"{counts[spec.slug]['served']}/{counts[spec.slug]['documented']}" in page
    for link in LINKS:
        assert f'href="{link}"' in page
    assert "<code>POST /_mock/clock</code>" in page


def test_the_page_is_self_contained(client):
    page = client.get("/", headers=BROWSER).get_data(as_text=True)
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    references = re.findall(r'(?:href|src)="([^"]*)"', page)
    assert references and all(ref.startswith("/_mock/") for ref in references)


@pytest.mark.parametrize("accept", [None, "*/*", "application/json", "text/plain",
                                    "image/png", "application/json, text/html"])
def test_everything_but_a_preference_for_html_gets_json(client, accept):
    reply = client.get("/", headers={"Accept": accept} if accept else {})
    assert reply.status_code == 200 and reply.mimetype == "application/json"
    assert {"providers", "control", "clock", "links"} <= set(reply.json)


def test_the_json_coverage_is_the_catalogs(app, client):
    body = client.get("/_mock", headers={"Accept": "application/json"}).json
    assert {p["slug"]: p["coverage"] for p in body["providers"]} == coverage(app)
    avaya = next(p for p in body["providers"] if p["slug"] == "avaya")
    assert avaya["mount"] == "/avaya/v2" and "api.zang.io" in avaya["hostnames"]
    assert "https://api.zang.io/v2" in avaya["real_urls"]
    assert "POST /_mock/avaya/sms" in avaya["simulations"]
    assert {name: body["links"][name] for name in ("journal", "webhooks", "faults",
                                                   "health")} == dict(zip(
        ("journal", "webhooks", "faults", "health"), LINKS))


def test_every_listed_control_endpoint_and_link_is_served(app, client):
    adapter = app.url_map.bind("localhost")
    body = client.get("/").json
    for entry in body["control"]:
        path = entry["path"].replace("<name>", "box")
        method = "GET" if entry["method"] == "ANY" else entry["method"]
        adapter.match(path, method=method)          # raises when it is not routed
    for link in body["links"].values():
        assert client.get(link).status_code == 200, link


def test_html_and_json_show_the_same_clock(client):
    client.post("/_mock/clock", json={"freeze": "2031-05-06T07:08:09Z"})
    body = client.get("/").json
    assert body["clock"] == client.get("/_mock/clock").json
    assert body["clock"]["now"] == "2031-05-06T07:08:09.000Z" and body["clock"]["frozen"]
    page = client.get("/", headers=BROWSER).get_data(as_text=True)
    assert "<code>2031-05-06T07:08:09.000Z</code>" in page and "frozen" in page


def test_everything_on_the_page_is_escaped(app, client):
    specs = app.extensions["mockserver.providers"]
    specs["avoxi"] = dataclasses.replace(specs["avoxi"], name='<script>alert("x")</script>',
                                         hostnames=("evil\"><b>.example",))
    page = client.get("/", headers=BROWSER).get_data(as_text=True)
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "evil&#34;&gt;&lt;b&gt;.example" in page
    assert client.get("/").json["providers"][0]["name"] == '<script>alert("x")</script>'


def test_the_front_page_is_not_journalled_and_head_works(client):
    head = client.head("/", headers=BROWSER)
    assert head.status_code == 200 and head.mimetype == "text/html" and head.data == b""
    client.get("/")
    client.get("/_mock")
    client.get("/nothing-here")
    journal = client.get("/_mock/requests").json["requests"]
    assert [entry["path"] for entry in journal] == ["/nothing-here"]
    unmatched = client.get("/_mock/requests/unmatched").json["requests"]
    assert [entry["path"] for entry in unmatched] == ["/nothing-here"]


def test_an_option_is_refused_as_on_every_control_endpoint(client):
    reply = client.get("/?colour=red")
    assert reply.status_code == 400 and reply.json["error"].startswith("colour:")
    assert client.post("/").status_code == 405


def test_curl_against_a_live_server_gets_json(mock_server):
    reply = requests.get(mock_server.url + "/", timeout=10)     # Accept: */*, as curl
    assert reply.status_code == 200
    assert reply.headers["Content-Type"].startswith("application/json")
    health = requests.get(mock_server.url + "/_mock/health", timeout=10).json()
    assert [p["slug"] for p in reply.json()["providers"]] == health["providers"]


#: each provider's own error envelope for a path its mount does not serve
ENVELOPES = {
    "avoxi": (404, lambda r: r.json["error"]["details"].endswith("is not an endpoint")),
    "dial9": (400, lambda r: r.json == {"status": "invalid-controller-or-action"}),
    "evovoice": (404, lambda r: r.json["responseStatus"]["errorCode"] == "NotFound"),
    "avanser": (404, lambda r: r.json["errors"]["code"] == "not_found"
                and "@transaction" in r.json),
    "avaya": (404, lambda r: b"<RestException>" in r.data),
}


@pytest.mark.parametrize("slug", sorted(ENVELOPES))
def test_a_providers_404_stays_in_its_own_envelope(app, client, slug):
    status, envelope = ENVELOPES[slug]
    host = app.extensions["mockserver.providers"][slug].hostnames[0]
    for path, headers in ((f"/{slug}/no-such-endpoint", BROWSER), (f"/{slug}/", BROWSER),
                          ("/", {**BROWSER, "Host": host})):
        reply = client.get(path, headers=headers)
        assert reply.status_code == status, (path, headers)
        assert reply.mimetype != "text/html" and envelope(reply), (path, reply.data[:200])
