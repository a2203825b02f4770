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
