"""List answers as APISIX 3.18 writes them: etcd key order, pages by createdIndex, emptied lists."""

from __future__ import annotations

from tests.sandbox.admin_data import ROUTE, expect


def test_unpaged_list_is_in_byte_wise_key_order(admin):
    for pid in ("b", "123456789012345678901234567890", "0", "A"):
        expect(admin.put(f"/plugin_configs/{pid}", json={"plugins": {}}), 201)
    listed = [item["value"]["id"] for item in expect(admin.get("/plugin_configs"), 200)["list"]]
    assert listed == ["0", "123456789012345678901234567890", "A", "b"]


def test_filters_that_remove_every_consumer_or_service_give_an_object(admin):
    expect(admin.put("/consumers", json={"username": "user0"}), 201)
    expect(admin.get("/consumers?name=alpha"), 200, {"list": {}, "total": 0})
    expect(admin.put("/services/1", json={"name": "gamma", "upstream": ROUTE["upstream"]}), 201)
    expect(admin.get("/services?name=alpha&label=env"), 200, {"list": {}, "total": 0})


def test_filters_that_remove_every_route_give_an_array_and_pages_past_the_end_an_object(admin):
    expect(admin.put("/routes/1", json=ROUTE), 201)
    expect(admin.get("/routes?label=env"), 200, {"list": [], "total": 0})
    expect(admin.get("/routes?page=2&page_size=10"), 200, {"list": {}, "total": 1})


def test_get_of_a_prefix_of_stored_keys_keeps_etcds_kvs(admin):
    """core/etcd.lua reads one key as a prefix range; only longer keys match -> 404 with their kvs."""
    expect(admin.put("/routes/10", json=ROUTE), 201)
    expect(admin.put("/routes/10", json={**ROUTE, "name": "again"}), 200)
    body = expect(admin.get("/routes/1"), 404)
    assert body["message"] == "Key not found"
    [kv] = body["kvs"]
    assert kv["key"] == "/apisix/routes/10" and kv["value"]["name"] == "again" and kv["version"] == "2"
    error_body = expect(admin.patch("/routes/1", json={"desc": "x"}), 404)
    assert error_body["kvs"][0]["key"] == "/apisix/routes/10"
    expect(admin.get("/routes/2"), 404, {"message": "Key not found"})
