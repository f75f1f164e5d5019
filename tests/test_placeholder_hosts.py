"""The test run answers the documentation's placeholder host names as unknown at once
(conftest.py), and leaves every other name to the resolver."""
from __future__ import annotations

import socket
import pytest


def is_placeholder_host(host):
    """The predicate of the getaddrinfo the run installed (the root conftest's; several
    conftest modules share that name, so it is reached through the function itself)."""
    return socket.getaddrinfo.__globals__["is_placeholder_host"](host)


@pytest.mark.parametrize("host", ["example.com", "www.example.com", "example.tld",
                                  "EXAMPLE.ORG.", "callbacks.example", "x.invalid", b"a.test"])
def test_placeholder_names_are_unknown(host):
    with pytest.raises(socket.gaierror) as raised:
        socket.getaddrinfo(host, 80)
    assert raised.value.errno == socket.EAI_NONAME


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "::1", "example.community",
                                  "notexample.com", "avoxi.com", None])
def test_other_names_are_not_placeholders(host):
    assert not is_placeholder_host(host)


def test_loopback_still_resolves():
    assert socket.getaddrinfo("127.0.0.1", 80)[0][4][0] == "127.0.0.1"
