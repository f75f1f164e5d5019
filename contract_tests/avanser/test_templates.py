"""Manage Templates (seed 002): list, preview with call tags, create or update with a
text/html body, delete."""
from __future__ import annotations

import pytest

from .helpers import assert_error_detail, assert_transaction, ok

BODY = ("New Call for your service __adname__ (__bnum__) at __dateTime__. We tried to "
        "forward the call to __outnum__. Download the voicemail at __LINK__")
HTML = {"Content-Type": "text/html"}


def save(avanser, name, body=BODY, country="AU", kind="email"):
    return avanser.post("/templates", params={"type": kind, "name": name, "country": country},
                        data=body, headers=HTML)


def listed(avanser) -> list[dict]:
    return ok(avanser.get("/templates"), "GET", "/templates")


def test_list_has_the_documented_fields(avanser):
    for template in listed(avanser):
        assert set(template) == {"name", "type", "country"}
        assert template["type"] in ("email", "sms")


def test_create_then_list_and_preview(avanser):
    reply = save(avanser, "contract_email")
    assert ok(reply) == {"message": "Success", "code": 200}
    assert_transaction(reply.json(), "POST",
                       "/templates?type=email&name=contract_email&country=AU")
    assert {"name": "contract_email", "type": "email", "country": "AU"} in listed(avanser)
    preview = ok(avanser.get("/templates", params={"name": "contract_email", "country": "AU"}))
    assert preview["message"] == "Success" and preview["code"] == 200
    assert preview["name"] == "contract_email" and preview["type"] == "email"
    assert "__" not in preview["preview"]
    assert "Tracking Service 1" in preview["preview"]          # __adname__
    assert "+61-0290080000" in preview["preview"]              # __bnum__ and __outnum__
    assert "2016-04-15 10:23:20" in preview["preview"]         # __dateTime__
    assert "http://path/to/audio/file.mp3" in preview["preview"]   # __LINK__


def test_every_documented_call_tag_is_rendered(avanser):
    tags = ["__location__", "__outnum__", "__dateTime__", "__bnum__", "__ani__",
            "__adsource__", "__callDuration__", "__callstatus__", "__URL__", "__link__"]
    assert ok(save(avanser, "all_tags", " | ".join(tags), kind="sms"))
    preview = ok(avanser.get("/templates", params={"name": "all_tags", "country": "AU"}))
    assert preview["type"] == "sms"
    assert preview["preview"].split(" | ")[:3] == [
        "Sydney, NSW, Australia", "+61-0290080000", "2016-04-15 10:23:20"]
    assert "__" not in preview["preview"]


def test_post_updates_an_existing_template(avanser):
    assert ok(save(avanser, "to_update", "first __ani__"))
    assert ok(save(avanser, "to_update", "second __ani__", kind="sms"))
    assert [t for t in listed(avanser) if t["name"] == "to_update"] == [
        {"name": "to_update", "type": "sms", "country": "AU"}]
    preview = ok(avanser.get("/templates", params={"name": "to_update", "country": "AU"}))
    assert preview["preview"] == "second +61-0420000000"


def test_type_defaults_to_email(avanser):
    reply = avanser.post("/templates", params={"name": "default_type", "country": "AU"},
                         data="<p>__bnum__</p>", headers=HTML)
    assert ok(reply)
    assert {"name": "default_type", "type": "email", "country": "AU"} in listed(avanser)


def test_delete_removes_the_template(avanser):
    assert ok(save(avanser, "to_delete"))
    reply = avanser.delete("/templates", params={"type": "email", "name": "to_delete",
                                                 "country": "AU"})
    assert ok(reply) == {"message": "Success", "code": 200}
    assert all(t["name"] != "to_delete" for t in listed(avanser))
    again = avanser.delete("/templates", params={"name": "to_delete", "country": "AU"})
    assert_error_detail(again, {"name"})


def test_templates_belong_to_the_selected_account(avanser):
    accounts = ok(avanser.get("/accounts"))
    if len(accounts) < 2:
        pytest.skip("the user reaches a single account")
    assert ok(save(avanser, "account_bound"))
    current = avanser.get("/accounts").json()["@transaction"]["account-id"]
    other = next(a["account-id"] for a in accounts if a["account-id"] != current)
    assert ok(avanser.post("/accounts", params={"account-id": str(other)}))
    assert all(t["name"] != "account_bound" for t in listed(avanser))
    assert ok(avanser.post("/accounts", params={"account-id": str(current)}))
    assert any(t["name"] == "account_bound" for t in listed(avanser))


@pytest.mark.parametrize("params,fields", [
    ({"country": "AU"}, {"name"}),
    ({"name": "x"}, {"country"}),
    ({"name": "x", "country": "ZZ"}, {"country"}),
    ({"name": "bad/name", "country": "AU"}, {"name"}),
    ({"name": "never_saved", "country": "AU"}, {"name"}),
])
def test_preview_errors_name_the_parameter(avanser, params, fields):
    assert_error_detail(avanser.get("/templates", params=params), fields)


@pytest.mark.parametrize("params,body,headers,fields", [
    ({"name": "t", "country": "AU", "type": "fax"}, BODY, HTML, {"type"}),
    ({"country": "AU"}, BODY, HTML, {"name"}),
    ({"name": "t", "country": "AU"}, "", HTML, {"body"}),
    ({"name": "t", "country": "AU"}, BODY, {"Content-Type": "application/json"},
     {"Content-Type"}),
])
def test_invalid_create_is_400_and_saves_nothing(avanser, params, body, headers, fields):
    before = listed(avanser)
    reply = avanser.post("/templates", params=params, data=body, headers=headers)
    assert_error_detail(reply, fields)
    assert listed(avanser) == before


def test_delete_with_another_type_is_400_and_keeps_it(avanser):
    assert ok(save(avanser, "typed", kind="sms"))
    reply = avanser.delete("/templates", params={"type": "email", "name": "typed",
                                                 "country": "AU"})
    assert_error_detail(reply, {"type"})
    assert {"name": "typed", "type": "sms", "country": "AU"} in listed(avanser)
