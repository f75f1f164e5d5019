"""The dashboard's files as served (no browser needed): the page at /_mock/ui and
/_mock/ui/, its two assets with their content types, a JSON 404 for anything else, and
nothing in them that reaches outside the mock or writes API data as markup."""
from __future__ import annotations

import re

import pytest

ASSETS = {"index.html": "text/html", "dashboard.css": "text/css",
          "dashboard.js": "text/javascript"}


@pytest.mark.parametrize("path", ["/_mock/ui", "/_mock/ui/", "/_mock/ui/index.html"])
def test_the_page_is_served(mock_client, path):
    reply = mock_client.get(path)
    assert reply.status_code == 200 and reply.mimetype == "text/html"
    page = reply.get_data(as_text=True)
    assert '<script src="/_mock/ui/dashboard.js"' in page
    for view in ("providers", "tenants", "journal", "webhooks", "calls", "clock", "faults"):
        assert f'href="#{view}"' in page and f'<section id="{view}"' in page
    assert "default-src 'none'" in reply.headers["Content-Security-Policy"]


@pytest.mark.parametrize("name", sorted(ASSETS))
def test_each_asset_has_its_type_and_stays_inside_the_mock(mock_client, name):
    reply = mock_client.get(f"/_mock/ui/{name}")
    assert reply.status_code == 200 and reply.mimetype == ASSETS[name]
    text = reply.get_data(as_text=True)
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text), "an external URL"
    assert "innerHTML" not in text and "insertAdjacentHTML" not in text \
        and "document.write" not in text and "eval(" not in text


@pytest.mark.parametrize("path", ["/_mock/ui/app.js", "/_mock/ui/../ui.py",
                                  "/_mock/ui/index.html/x"])
def test_anything_else_is_a_json_404(mock_client, path):
    reply = mock_client.get(path)
    assert reply.status_code == 404 and "error" in reply.json


def test_the_page_refuses_query_options(mock_client):
    reply = mock_client.get("/_mock/ui?debug=1")
    assert reply.status_code == 400 and "debug" in str(reply.json["error"])
