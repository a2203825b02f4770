"""Envelopes, ids, timestamps and PATCH semantics of the etcd-backed resources."""

from __future__ import annotations

from tests.sandbox.admin_data import ROUTE, UPSTREAM, error, expect


def test_put_create_then_replace(admin):
    created = expect(admin.put("/routes/1", json=ROUTE), 201)
    assert set(created) == {"key", "value"}
    assert created["key"] == "/apisix/routes/1"
    value = created["value"]
    assert value["id"] == "1" and value["uri"] == "/hello"
    assert isinstance(value["create_time"], int) and isinstance(value["update_time"], int)
    replaced = expect(admin.put("/routes/1", json={**ROUTE, "uri": "/bye"}), 200)
    assert replaced["value"]["uri"] == "/bye"
    assert replaced["value"]["create_time"] == value["create_time"]


def test_no_schema_defaults_stored(admin):
    value = expect(admin.put("/routes/1", json=ROUTE), 201)["value"]
    assert set(value) == {"uri", "upstream", "id", "create_time", "update_time"}
    assert value["upstream"] == UPSTREAM


def test_get_one_and_list(admin):
    expect(admin.put("/routes/1", json=ROUTE), 201)
    one = expect(admin.get("/routes/1"), 200)
    assert set(one) == {"key", "value", "createdIndex", "modifiedIndex"}
    assert one["createdIndex"] == one["modifiedIndex"]
    listed = expect(admin.get("/routes"), 200)
    assert listed["total"] == 1 and listed["list"] == [one]
    expect(admin.put("/routes/1", json=ROUTE), 200)
    again = expect(admin.get("/routes/1"), 200)
    assert again["createdIndex"] == one["createdIndex"]
    assert again["modifiedIndex"] > one["modifiedIndex"]


def test_key_not_found(admin):
    expect(admin.get("/routes/404"), 404, {"message": "Key not found"})
    expect(admin.delete("/routes/404"), 404, {"message": "Key not found"})
    expect(admin.patch("/routes/404", json={"uri": "/x"}), 404, {"message": "Key not found"})


def test_post_generates_padded_id(admin):
    body = expect(admin.post("/routes", json=ROUTE), 201)
    rid = body["value"]["id"]
    assert len(rid) == 20 and rid.isdigit()
    assert body["key"] == f"/apisix/routes/{rid}"
    second = expect(admin.post("/routes", json=ROUTE), 201)["value"]["id"]
    assert int(second) > int(rid)
    expect(admin.get(f"/routes/{rid}"), 200)


def test_id_rules(admin):
    error(admin.post("/routes", json={**ROUTE, "id": "1"}), 400, "wrong route id, do not need it")
    error(admin.post("/routes/1", json=ROUTE), 400, "wrong route id, do not need it")
    error(admin.put("/routes", json=ROUTE), 400, "missing route id")
    error(admin.put("/routes/1", json={**ROUTE, "id": "2"}), 400, "wrong route id")
    error(admin.put("/upstreams/1", json={**UPSTREAM, "id": 2}), 400, "wrong upstream id")
    error(admin.delete("/routes"), 400, "missing route id")
    error(admin.patch("/routes", json={}), 400, "missing route id")


def test_body_id_keeps_its_type(admin):
    body = expect(admin.put("/routes", json={**ROUTE, "id": 2}), 201)
    assert body["key"] == "/apisix/routes/2" and body["value"]["id"] == 2
    assert expect(admin.put("/routes/3", json={**ROUTE, "id": 3}), 201)["value"]["id"] == "3"


def test_timestamps_forbidden_on_put_and_post(admin):
    error(admin.put("/routes/1", json={**ROUTE, "create_time": 1}), 400,
          "the property is forbidden:  create_time")
    error(admin.post("/routes", json={**ROUTE, "update_time": 1}), 400,
          "the property is forbidden:  update_time")


def test_delete_envelope(admin):
    expect(admin.put("/routes/1", json=ROUTE), 201)
    expect(admin.delete("/routes/1"), 200, {"deleted": "1", "key": "/apisix/routes/1"})
    expect(admin.get("/routes/1"), 404, {"message": "Key not found"})


def test_patch_merges_objects_replaces_arrays_null_deletes(admin):
    route = {**ROUTE, "methods": ["GET", "POST"], "desc": "d", "labels": {"a": "1"}}
    created = expect(admin.put("/routes/1", json=route), 201)["value"]
    body = expect(admin.patch("/routes/1", json={"methods": ["PUT"], "desc": None,
                                                 "labels": {"b": "2"}}), 200)
    assert set(body) == {"key", "value"}
    value = body["value"]
    assert value["methods"] == ["PUT"] and "desc" not in value
    assert value["labels"] == {"a": "1", "b": "2"}
    assert value["create_time"] == created["create_time"] and value["id"] == "1"


def test_patch_may_set_timestamps(admin):
    expect(admin.put("/routes/1", json=ROUTE), 201)
    value = expect(admin.patch("/routes/1", json={"create_time": 1, "update_time": 2}), 200)["value"]
    assert (value["create_time"], value["update_time"]) == (1, 2)


def test_patch_sub_path(admin):
    expect(admin.put("/routes/1", json=ROUTE), 201)
    nodes = {"127.0.0.1:1981": 2}
    value = expect(admin.patch("/routes/1/upstream/nodes", json=nodes), 200)["value"]
    assert value["upstream"]["nodes"] == nodes
    value = expect(admin.patch("/routes/1/methods", json=["GET"]), 200)["value"]
    assert value["methods"] == ["GET"]
    error(admin.patch("/routes/1/uri/x", json="/y"), 400, "invalid sub-path: /uri")


def test_patch_errors(admin):
    expect(admin.put("/routes/1", json=ROUTE), 201)
    error(admin.patch("/routes/1"), 400, "missing new configuration")
    error(admin.patch("/routes/1", json=["GET"]), 400, "invalid configuration")


def test_patch_result_is_revalidated(admin):
    expect(admin.put("/routes/1", json=ROUTE), 201)
    error(admin.patch("/routes/1", json={"methods": ["get"]}), 400,
          'invalid configuration: property "methods" validation failed: '
          "failed to validate item 1: matches none of the enum values")


def test_schema_errors_have_prefix(admin):
    error(admin.put("/consumers", json={}), 400, 'invalid configuration: property "username" is required')
    error(admin.put("/routes/1", json={**ROUTE, "upstream_id": "9"}), 400,
          "failed to fetch upstream info by upstream id [9], response code: 404")


def test_consumers_keyed_by_username(admin):
    body = expect(admin.put("/consumers", json={"username": "jack"}), 201)
    assert body["key"] == "/apisix/consumers/jack" and "id" not in body["value"]
    expect(admin.put("/consumers/jack", json={"username": "jack", "desc": "x"}), 200)
    error(admin.put("/consumers/jack", json={"username": "rose"}), 400, "wrong username")


def test_global_rule_plugin_config_consumer_group(admin):
    plugins = {"limit-count": {"count": 2, "time_window": 60}}
    for res in ("global_rules", "plugin_configs", "consumer_groups"):
        body = expect(admin.put(f"/{res}/1", json={"plugins": plugins}), 201)
        assert body["key"] == f"/apisix/{res}/1" and body["value"]["id"] == "1"
        patched = expect(admin.patch(f"/{res}/1", json={"plugins": {"limit-count": {"count": 3}}}), 200)
        assert patched["value"]["plugins"]["limit-count"] == {"count": 3, "time_window": 60}
        expect(admin.delete(f"/{res}/1"), 200, {"deleted": "1", "key": f"/apisix/{res}/1"})


def test_services_and_upstreams(admin):
    expect(admin.put("/upstreams/1", json=UPSTREAM), 201)
    body = expect(admin.post("/services", json={"upstream_id": "1"}), 201)
    assert body["value"]["upstream_id"] == "1"


def test_plugin_metadata_has_the_plugin_name_as_id_and_no_timestamps(admin):
    body = expect(admin.put("/plugin_metadata/key-auth", json={}), 201)
    assert body == {"key": "/apisix/plugin_metadata/key-auth", "value": {"id": "key-auth"}}


def test_secrets_keyed_by_manager_and_id(admin):
    conf = {"uri": "http://127.0.0.1:8200", "prefix": "kv/apisix", "token": "root"}
    body = expect(admin.put("/secrets/vault/test1", json=conf), 201)
    assert body["key"] == "/apisix/secrets/vault/test1"
    assert body["value"]["id"] == "vault/test1" and body["value"]["token"] == "root"
    listed = expect(admin.get("/secrets"), 200)
    assert listed["total"] == 1
    expect(admin.patch("/secrets/vault/test1", json={"prefix": "kv/other"}), 200)
    expect(admin.delete("/secrets/vault/test1"), 200,
           {"deleted": "1", "key": "/apisix/secrets/vault/test1"})
