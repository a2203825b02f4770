"""Non-CRUD endpoints: plugins list/schema/all, reload, core schemas, schema/validate."""

from __future__ import annotations

import json

from sandbox import validation
from tests.helpers.procs import PLUGIN_CATALOGUE
from tests.sandbox.admin_data import ROUTE, error, expect


def catalogue() -> dict:
    """The plugins the sandbox under test serves: the recorded 3.18 catalogue (tests pass it)."""
    return json.loads(PLUGIN_CATALOGUE.read_text())


def test_plugins_list(admin):
    resp = admin.get("/plugins/list")
    assert resp.status_code == 200 and resp.json() == catalogue()["plugins_list"]
    assert "key-auth" in resp.json()
    bad = admin.get("/plugins/list?subsystem=udp")
    assert bad.status_code == 400 and bad.text == "invalid subsystem passed"


def test_plugins_list_needs_key(anon):
    expect(anon.get("/plugins/list"), 401)


def test_plugin_schema(admin):
    http = catalogue()["http"]
    assert expect(admin.get("/plugins/key-auth"), 200) == http["key-auth"]["schema"]
    consumer = expect(admin.get("/plugins/key-auth?schema_type=consumer"), 200)
    assert consumer == http["key-auth"]["consumer_schema"]
    assert expect(admin.get("/schema/plugins/limit-count"), 200) == http["limit-count"]["schema"]
    error(admin.get("/plugins/no-such"), 404, "plugin not found in subsystem http")


def test_plugins_all(admin):
    body = expect(admin.get("/plugins?all=true"), 200)
    assert set(body) == set(catalogue()["plugins_list"])
    assert body["key-auth"]["type"] == "auth"
    assert body["key-auth"]["priority"] == 2500


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
