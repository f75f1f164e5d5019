"""The project's catalog of every documented endpoint (``endpoints.tsv``: provider, method,
path as the seed writes it, name, notes; one row per endpoint, taken from the seeds), and
which of them an app serves: the data behind ``mockserver endpoints`` and the front page."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from werkzeug.exceptions import HTTPException

#: values for the path variables the catalog writes (``{country}``, ``{AccountSid}``...)
SAMPLE = {"country": "US", "number_type": "DID", "region": "US GA Atlanta 470",
          "extension": "4242", "page": "2", "request_id": "c9220015e2f48bc7cf4b38186a7b2025",
          "service_number": "61290081596", "AccountSid": "AC0123456789abcdef0123456789abcdef",
          "NumberType": "Local", "Country": "US", "Type": "Local", "CountryCode": "DE"}
_VARIABLE = re.compile(r"\{([^}]+)\}")
#: providers whose documented paths also take a ``.json`` format suffix
SUFFIXED = ("avaya", "evovoice")


@dataclass(frozen=True)
class Endpoint:
    """One documented endpoint."""

    provider: str
    method: str
    path: str
    name: str
    notes: str

    def concrete(self) -> str:
        """The path under the provider's mount with sample values for its variables."""
        return f"/{self.provider}" + _VARIABLE.sub(
            lambda m: SAMPLE.get(m.group(1), "SID0123456789abcdef0123456789abcdef"), self.path)


def endpoints(provider: str | None = None) -> list[Endpoint]:
    """Every documented endpoint (of one provider), in catalog order."""
    text = resources.files(__name__).joinpath("endpoints.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return [Endpoint(r["provider"], r["method"], r["path"], r["name"], r.get("notes") or "")
            for r in rows if provider is None or r["provider"] == provider]


def served(app: Any, endpoint: Endpoint) -> bool:
    """True when the app routes the endpoint's method and path (with its ``.json`` form too,
    for the providers that take one)."""
    adapter = app.url_map.bind("localhost")
    paths = [endpoint.concrete()]
    if endpoint.provider in SUFFIXED:
        paths.append(paths[0] + ".json")
    for path in paths:
        try:
            adapter.match(path, method=endpoint.method)
        except HTTPException:
            return False
    return True


def coverage(app: Any) -> dict[str, dict[str, int]]:
    """Per provider the app mounts: ``{"documented": N, "served": M}``."""
    mounted = app.extensions["mockserver.providers"]
    out: dict[str, dict[str, int]] = {slug: {"documented": 0, "served": 0} for slug in mounted}
    for endpoint in endpoints():
        if endpoint.provider in out:
            out[endpoint.provider]["documented"] += 1
            out[endpoint.provider]["served"] += served(app, endpoint)
    return out
