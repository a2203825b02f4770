"""List GETs: v3_adapter's arguments (name/label/uri regex and key filters, `filter=`, paging) and the
answers as APISIX 3.18 writes them (etcd key order, pages by createdIndex, emptied lists)."""

from __future__ import annotations

from urllib.parse import quote

from tests.sandbox.admin_data import ROUTE, UPSTREAM, expect


def _ids(resp) -> list[str]:
    return [item["value"]["id"] for item in expect(resp, 200)["list"]]


def test_name_is_a_regex_search(admin):
    for rid in ("1", "2", "10", "11"):
        expect(admin.put(f"/routes/{rid}", json={**ROUTE, "name": f"r{rid}"}), 201)
    body = expect(admin.get("/routes?name=r1"), 200)
    assert body["total"] == 3 and _ids(admin.get("/routes?name=r1")) == ["1", "10", "11"]
    assert _ids(admin.get("/routes?name=^r1$")) == ["1"]


def test_label_matches_keys_only(admin):
    expect(admin.put("/routes/1", json={**ROUTE, "labels": {"env": "prod"}}), 201)
    expect(admin.put("/routes/2", json={**ROUTE, "labels": {"team": "env"}}), 201)
    assert _ids(admin.get("/routes?label=env")) == ["1"]
    assert expect(admin.get("/routes?label="), 200) == {"list": [], "total": 0}


def test_uri_searches_uri_and_uris(admin):
    expect(admin.put("/routes/1", json={**ROUTE, "uri": "/speaker/1"}), 201)
    expect(admin.put("/routes/2", json={"uris": ["/a", "/speaker/*"], "upstream": UPSTREAM}), 201)
    expect(admin.put("/routes/3", json={**ROUTE, "uri": "/other"}), 201)
    assert _ids(admin.get("/routes?uri=speaker")) == ["1", "2"]


def test_filter_service_and_upstream_ids(admin):
    expect(admin.put("/upstreams/1", json=UPSTREAM), 201)
    expect(admin.put("/upstreams/2", json=UPSTREAM), 201)
    expect(admin.put("/routes/1", json={"uri": "/a", "upstream_id": "1"}), 201)
    expect(admin.put("/routes/2", json={"uri": "/b", "upstream_id": "2"}), 201)
    expect(admin.put("/routes/3", json={"uri": "/c", "upstream_id": 1}), 201)
    assert _ids(admin.get("/routes?filter=" + quote("upstream_id=1"))) == ["1"]
    assert _ids(admin.get("/routes?filter=" + quote("upstream_id=2&service_id=9"))) == []


def test_paging(admin):
    for n in range(1, 13):
        expect(admin.put(f"/routes/{n}", json=ROUTE), 201)
    first = expect(admin.get("/routes?page=1&page_size=10"), 200)
    assert first["total"] == 12 and len(first["list"]) == 10
    second = expect(admin.get("/routes?page=2&page_size=10"), 200)
    assert [i["value"]["id"] for i in second["list"]] == ["11", "12"]
    assert len(expect(admin.get("/routes?page=0&page_size=10"), 200)["list"]) == 10
    assert len(expect(admin.get("/routes?page_size=10"), 200)["list"]) == 12


def test_paging_after_filters(admin):
    for n in range(1, 13):
        expect(admin.put(f"/routes/{n}", json={**ROUTE, "name": f"x{n % 2}"}), 201)
    body = expect(admin.get("/routes?name=x1&page=1&page_size=10"), 200)
    assert body["total"] == 6 and len(body["list"]) == 6


def test_page_size_bounds_plain_text(admin):
    for size in ("9", "501"):
        resp = admin.get(f"/routes?page=1&page_size={size}")
        assert resp.status_code == 400
        assert resp.text == "page_size must be between 10 and 500"


def test_list_in_etcd_key_order_and_pages_by_created_index(admin):
    for rid in ("b", "a", "c", "10", "2"):
        expect(admin.put(f"/routes/{rid}", json=ROUTE), 201)
    assert _ids(admin.get("/routes")) == ["10", "2", "a", "b", "c"]  # byte-wise, as etcd ranges
    assert _ids(admin.get("/routes?page=1&page_size=10")) == ["b", "a", "c", "10", "2"]


def test_consumer_list_excludes_credentials(admin):
    expect(admin.put("/consumers", json={"username": "jack"}), 201)
    cred = {"plugins": {"key-auth": {"key": "k1"}}}
    expect(admin.put("/consumers/jack/credentials/c1", json=cred), 201)
    body = expect(admin.get("/consumers"), 200)
    assert body["total"] == 1 and body["list"][0]["key"] == "/apisix/consumers/jack"


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
