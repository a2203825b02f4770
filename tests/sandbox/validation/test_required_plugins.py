"""The plugins the sandbox must carry are listed, have their schema, and are checked against it;
an unknown plugin is refused."""

from __future__ import annotations

from tests.sandbox.admin_data import ROUTE, error, expect
from tests.sandbox.conftest import AdminSession

# The plugins the sandbox must carry: each must have its real schema and be served by plugins/list and plugins/{name}.
REQUIRED_PLUGINS = ("key-auth", "basic-auth", "jwt-auth", "hmac-auth", "limit-count", "limit-req", "limit-conn",
                    "proxy-rewrite", "response-rewrite", "cors", "ip-restriction", "prometheus", "traffic-split",
                    "proxy-cache", "request-id", "redirect", "consumer-restriction", "echo")


def test_every_required_plugin_is_listed_and_has_a_schema(admin: AdminSession) -> None:
    listed = admin.get("/plugins/list").json()
    assert set(REQUIRED_PLUGINS) <= set(listed), set(REQUIRED_PLUGINS) - set(listed)
    for name in REQUIRED_PLUGINS:
        schema = expect(admin.get(f"/plugins/{name}"), 200)
        assert schema.get("type") == "object", name
    error(admin.get("/plugins/no-such-plugin"), 404, "plugin not found in subsystem http")
    assert "no-such-plugin" not in listed


def test_a_plugin_apisix_does_not_know_is_rejected_as_unknown(admin: AdminSession) -> None:
    listed = set(admin.get("/plugins/list").json())
    for name in ("no-such-plugin", "key-auths"):
        assert name not in listed
        error(admin.put("/routes/1", json={**ROUTE, "plugins": {name: {}}}), 400, f"unknown plugin [{name}]")


def test_required_plugin_schemas_are_enforced(admin: AdminSession) -> None:
    resp = admin.put("/routes/1", json={**ROUTE, "plugins": {"limit-count": {"count": 1}}})
    body = expect(resp, 400)
    assert body["error_msg"] == ("failed to check the configuration of plugin limit-count err: "
                                 'value should match only one schema, but matches none')
