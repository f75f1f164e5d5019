"""Templates for Email and SMS Call Reporting (seed 002, Manage Templates): list, preview,
create or update, delete. Part of the AVANSER backend (a mixin); no Flask here.

A template belongs to the selected account and is identified there by country and name;
its type (``email`` or ``sms``) is an attribute that a POST may change. Previews replace the
seed's Call Tags with the table's example values (``fixtures/avanser/call_tags.json``).
"""
from __future__ import annotations

import re
from typing import Mapping

import phonenumbers

from ...core.clock import iso_millis
from ...core.state import Tenant
from .errors import InvalidParameters, TemplateInUse
from .state import AvanserState, template_key

TYPES = ("email", "sms")
_NAME = re.compile(r"[A-Za-z0-9_.\- ]{1,64}")
_TAG = re.compile(r"__([A-Za-z]+)__")
SUCCESS = {"message": "Success", "code": 200}


def template_params(query: Mapping[str, str], *, with_type: bool) -> tuple[str, str, str | None]:
    """``(name, country, type)`` from a query; 400 naming each missing or invalid one.
    ``type`` is None when not asked for or not given (``with_type`` and absent)."""
    errors: dict[str, str] = {}
    name = (query.get("name") or "").strip()
    if not name:
        errors["name"] = "required"
    elif not _NAME.fullmatch(name):
        errors["name"] = "invalid name"
    country = (query.get("country") or "").strip().upper()
    if not country:
        errors["country"] = "required"
    elif country not in phonenumbers.SUPPORTED_REGIONS:
        errors["country"] = "invalid country"
    kind = None
    if with_type and (query.get("type") or "").strip():
        kind = query["type"].strip().lower()
        if kind not in TYPES:
            errors["type"] = "invalid type"
    if errors:
        raise InvalidParameters(errors)
    return name, country, kind


def render_tags(text: str, samples: Mapping[str, str]) -> str:
    """``text`` with each known call tag (any case) replaced by its sample value."""
    lowered = {tag.lower(): value for tag, value in samples.items()}
    return _TAG.sub(lambda m: lowered.get(m.group(0).lower(), m.group(0)), text)


def services_using(services: Mapping[str, dict], name: str, kind: str) -> list[str]:
    """The service numbers whose call reporting names template ``name`` for ``kind``
    (``call_reporting`` read inside ``service``, as the request examples put it, and at
    the top level, as the prompt example does)."""
    using = []
    for number, detail in services.items():
        service = detail.get("service") if isinstance(detail.get("service"), dict) else {}
        for reporting in (service.get("call_reporting"), detail.get("call_reporting")):
            part = reporting.get(kind) if isinstance(reporting, dict) else None
            if isinstance(part, dict) and part.get("template") == name:
                using.append(number)
                break
    return sorted(using)


class Templates:
    """The template operations of the AVANSER backend."""

    call_tags: dict[str, str]

    def list_templates(self, tenant: Tenant[AvanserState]) -> tuple[int | None, list[dict]]:
        """``GET /templates``: name, type and country of each, by name then country."""
        with tenant.lock:
            state = tenant.state
            found = state.templates.get(str(state.selected), {}).values()
            return state.selected, [{"name": t["name"], "type": t["type"],
                                     "country": t["country"]}
                                    for t in sorted(found, key=lambda t: (t["name"],
                                                                          t["country"]))]

    def preview_template(self, tenant: Tenant[AvanserState],
                         query: Mapping[str, str]) -> tuple[int | None, dict]:
        """``GET /templates?name=&country=``: Generic Success with the template and its
        preview."""
        name, country, _ = template_params(query, with_type=False)
        with tenant.lock:
            state = tenant.state
            found = state.templates.get(str(state.selected), {}).get(template_key(country, name))
            if found is None:
                raise InvalidParameters({"name": "template not found"})
            return state.selected, {**SUCCESS, "name": found["name"], "type": found["type"],
                                    "country": found["country"], "template": found["body"],
                                    "preview": render_tags(found["body"], self.call_tags)}

    def save_template(self, tenant: Tenant[AvanserState], query: Mapping[str, str],
                      mimetype: str, body: bytes) -> tuple[int | None, dict]:
        """``POST /templates?type=&name=&country=`` with a ``text/html`` body: creates the
        template or replaces its type and text."""
        name, country, kind = template_params(query, with_type=True)
        errors = {}
        if mimetype != "text/html":
            errors["Content-Type"] = "must be text/html"
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            text = ""
            errors["body"] = "must be UTF-8 text"
        if not text.strip() and "body" not in errors:
            errors["body"] = "required"
        if errors:
            raise InvalidParameters(errors)
        now = iso_millis(self.clock.now())
        with tenant.lock:
            state = tenant.state
            account = state.templates.setdefault(str(state.selected), {})
            key = template_key(country, name)
            previous = account.get(key)
            account[key] = {"name": name, "type": kind or "email", "country": country,
                            "body": text,
                            "created": previous["created"] if previous else now,
                            "updated": now}
            return state.selected, dict(SUCCESS)

    def delete_template(self, tenant: Tenant[AvanserState],
                        query: Mapping[str, str]) -> tuple[int | None, dict]:
        """``DELETE /templates?type=&name=&country=``; 400 when no such template, when a
        given type is not the template's, or when a service uses it."""
        name, country, kind = template_params(query, with_type=True)
        with tenant.lock:
            state = tenant.state
            account_id = str(state.selected)
            key = template_key(country, name)
            found = state.templates.get(account_id, {}).get(key)
            if found is None:
                raise InvalidParameters({"name": "template not found"})
            if kind is not None and kind != found["type"]:
                raise InvalidParameters({"type": f"the template is of type {found['type']}"})
            using = services_using(state.services.get(account_id, {}), name, found["type"])
            if using:
                raise TemplateInUse(name, using)
            del state.templates[account_id][key]
            return state.selected, dict(SUCCESS)
