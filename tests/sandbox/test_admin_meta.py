"""Non-CRUD endpoints: plugins list/schema/all, reload, core schemas, schema/validate."""

from __future__ import annotations

from sandbox import validation
from tests.sandbox.admin_data import ROUTE, error, expect


def test_plugins_list(admin):
    resp = admin.get("/plugins/list")
    assert resp.status_code == 200 and resp.json() == validation.plugin_names("http")
    assert "key-auth" in resp.json()
    bad = admin.get("/plugins/list?subsystem=udp")
    assert bad.status_code == 400 and bad.text == "invalid subsystem passed"


def test_plugins_list_needs_key(anon):
    expect(anon.get("/plugins/list"), 401)


def test_plugin_schema(admin):
    assert expect(admin.get("/plugins/key-auth"), 200) == validation.plugin_schema("key-auth")
    consumer = expect(admin.get("/plugins/key-auth?schema_type=consumer"), 200)
    assert consumer == validation.plugin_schema("key-auth", "consumer")
    assert expect(admin.get("/schema/plugins/limit-count"), 200) == validation.plugin_schema("limit-count")
    error(admin.get("/plugins/no-such"), 404, "plugin not found in subsystem http")


def test_plugins_all(admin):
    body = expect(admin.get("/plugins?all=true"), 200)
    assert set(body) == set(validation.plugin_names("http"))
    assert body["key-auth"]["type"] == "auth"
    assert body["key-auth"]["priority"] == validation.plugin_priority("key-auth")


def test_reload(admin):
    resp = admin.put("/plugins/reload")
    assert resp.status_code == 200 and resp.text == "done"
    error(admin.get("/plugins/reload"), 405,
          "please use PUT method to reload the plugins, GET method is not allowed.")


def test_core_schema(admin):
    assert expect(admin.get("/schema/route"), 200) == validation.core_schema("route")
    error(admin.get("/schema/nothing"), 400, "not found schema: nothing")


def test_schema_validate(admin, anon):
    resp = admin.post("/schema/validate/routes", json=ROUTE)
    assert resp.status_code == 200 and resp.text == ""
    message = validation.validate_schema_only("routes", {"uri": 1})
    assert message and not message.startswith("invalid configuration")
    error(admin.post("/schema/validate/routes", json={"uri": 1}), 400, message)
    expect(anon.post("/schema/validate/routes", json=ROUTE), 401)
