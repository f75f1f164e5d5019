"""The read-only views of the control API (issue 15, for the dashboard): the tenants seen
with their resource counts, one tenant's state, the scheduled events due next, and the
inboxes in use."""
from __future__ import annotations

import pytest

from avaya_mock import basic_auth

pytestmark = pytest.mark.mock_only
SID = "AC00000000000000000000000000000077"
AVAYA = f"/avaya/v2/Accounts/{SID}"


def avoxi_order(client, token: str) -> None:
    reply = client.post("/avoxi/api/v2/order", headers={"Authorization": f"Bearer {token}"},
                        json={"items": [{"country": "US", "number_type": "DID",
                                         "region": "US GA Atlanta 470", "quantity": 1}]})
    assert reply.status_code == 200, reply.get_data(as_text=True)


def test_tenants_lists_every_tenant_seen_with_its_resource_counts(mock_client):
    assert mock_client.get("/_mock/tenants").json == {"tenants": []}
    avoxi_order(mock_client, "alice")
    avoxi_order(mock_client, "alice")
    avoxi_order(mock_client, "bob")
    assert mock_client.get(f"{AVAYA}.json", headers=basic_auth(SID)).status_code == 200
    found = {(t["provider"], t["tenant"]): t["resources"]
             for t in mock_client.get("/_mock/tenants").json["tenants"]}
    assert set(found) == {("avoxi", "alice"), ("avoxi", "bob"), ("avaya", SID)}
    assert found[("avoxi", "alice")]["orders"] == 2 and found[("avoxi", "bob")]["orders"] == 1
    assert found[("avaya", SID)]["sms"] == 0
    only = mock_client.get("/_mock/tenants?provider=avaya").json["tenants"]
    assert [(t["provider"], t["tenant"]) for t in only] == [("avaya", SID)]


def test_one_tenants_state_is_the_snapshots_and_looking_seeds_nothing(mock_client):
    avoxi_order(mock_client, "carol")
    reply = mock_client.get("/_mock/tenants/avoxi/carol")
    assert reply.status_code == 200
    snapshot = mock_client.get("/_mock/state").json["providers"]["avoxi"]["tenants"]["carol"]
    assert reply.json == {"provider": "avoxi", "tenant": "carol", "state": snapshot}
    for path in ("/_mock/tenants/avoxi/nobody", "/_mock/tenants/nowhere/carol"):
        missing = mock_client.get(path)
        assert missing.status_code == 404 and "error" in missing.json
    assert [t["tenant"] for t in mock_client.get("/_mock/tenants").json["tenants"]] == \
        ["carol"]


def test_scheduled_lists_the_events_due_next_earliest_first(mock_client, mock_clock):
    mock_clock.freeze("2031-01-01T00:00:00Z")
    mock_client.post(f"{AVAYA}/Calls.json", headers=basic_auth(SID), data={
        "To": "+14155552671", "From": "+14155550100", "Url": "http://127.0.0.1:9/ivr"})
    got = mock_client.get("/_mock/scheduled?provider=avaya&limit=1").json
    assert got["now"].startswith("2031-01-01T00:00:00")
    assert got["total"] >= 1 and len(got["events"]) == 1
    event = got["events"][0]
    assert event["provider"] == "avaya" and event["tenant"] == SID
    assert event["due"] >= got["now"][:19]
    everything = mock_client.get("/_mock/scheduled").json["events"]
    assert [e["due"] for e in everything] == sorted(e["due"] for e in everything)
    assert mock_client.get("/_mock/scheduled?tenant=someone-else").json["events"] == []


@pytest.mark.parametrize("query, field", [("limit=0", "limit"), ("limit=x", "limit"),
                                          ("limit=1001", "limit"), ("provider=zz", "provider"),
                                          ("colour=red", "colour")])
def test_scheduled_refuses_what_it_does_not_take(mock_client, query, field):
    reply = mock_client.get(f"/_mock/scheduled?{query}")
    assert reply.status_code == 400 and field in reply.get_data(as_text=True)


def test_inboxes_lists_each_inbox_with_its_count_and_last_arrival(mock_client, mock_clock):
    assert mock_client.get("/_mock/inboxes").json == {"inboxes": []}
    mock_clock.freeze("2031-02-03T04:05:06Z")
    mock_client.post("/_mock/inbox/b-hooks", json={"n": 1})
    mock_client.post("/_mock/inbox/a-ivr", json={"n": 1})
    mock_client.post("/_mock/inbox/b-hooks", json={"n": 2})
    assert mock_client.get("/_mock/inboxes").json == {"inboxes": [
        {"name": "a-ivr", "messages": 1, "last": "2031-02-03T04:05:06.000Z"},
        {"name": "b-hooks", "messages": 2, "last": "2031-02-03T04:05:06.000Z"}]}


@pytest.mark.parametrize("path", ["/_mock/tenants?colour=red", "/_mock/tenants?provider=zz",
                                  "/_mock/inboxes?x=1", "/_mock/tenants/avoxi/a?x=1"])
def test_views_refuse_unknown_options(mock_client, path):
    assert mock_client.get(path).status_code == 400


def test_resource_counts_are_those_of_the_exported_state_for_every_provider(mock_app):
    """The counts are worked out from the state objects, not from an export (which took
    0.3 s for 1,800 tenants): for each provider's seeded tenant, and one that has grown,
    they are the sizes of the exported state's collections."""
    from mockserver.app import services_of
    from mockserver.core.state import collection_sizes
    client = mock_app.test_client()
    avoxi_order(client, "grown")
    stores = services_of(mock_app).state.stores
    for slug, store in stores.items():
        store.tenant("seeded-" + slug)
        exported = {tenant: collection_sizes(state) for tenant, state in store.export().items()}
        assert store.sizes() == exported, slug
        assert any(exported[t] for t in exported), f"{slug}: a seed with no collections"
    answered = {(t["provider"], t["tenant"]): t["resources"]
                for t in client.get("/_mock/tenants").json["tenants"]}
    assert answered[("avoxi", "grown")] == collection_sizes(stores["avoxi"].export()["grown"])
    assert answered[("avoxi", "grown")]["orders"] == 1
