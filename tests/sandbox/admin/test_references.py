"""DELETE reference checks (exact texts) and `?force=true`."""

from __future__ import annotations

from tests.sandbox.admin_data import UPSTREAM, error, expect


def test_upstream_in_use_by_route_then_force(admin):
    expect(admin.put("/upstreams/1", json=UPSTREAM), 201)
    expect(admin.put("/routes/1", json={"uri": "/a", "upstream_id": "1"}), 201)
    error(admin.delete("/upstreams/1"), 400, "can not delete this upstream, route [1] is still using it now")
    expect(admin.delete("/upstreams/1?force=anything"), 400)
    expect(admin.delete("/upstreams/1?force=true"), 200, {"deleted": "1", "key": "/apisix/upstreams/1"})


def test_upstream_in_use_by_service(admin):
    expect(admin.put("/upstreams/1", json=UPSTREAM), 201)
    expect(admin.put("/services/7", json={"upstream_id": "1"}), 201)
    error(admin.delete("/upstreams/1"), 400, "can not delete this upstream, service [7] is still using it now")


def test_upstream_in_use_by_traffic_split(admin):
    expect(admin.put("/upstreams/1", json=UPSTREAM), 201)
    split = {"traffic-split": {"rules": [{"weighted_upstreams": [{"upstream_id": "1", "weight": 1}]}]}}
    expect(admin.put("/routes/1", json={"uri": "/a", "plugins": split, "upstream": UPSTREAM}), 201)
    error(admin.delete("/upstreams/1"), 400,
          "can not delete this upstream, plugin in route [1] is still using it now")


def test_service_in_use(admin):
    expect(admin.put("/services/1", json={"upstream": UPSTREAM}), 201)
    expect(admin.put("/routes/1", json={"uri": "/a", "service_id": "1"}), 201)
    error(admin.delete("/services/1"), 400, "can not delete this service directly, route [1] is still using it now")


def test_plugin_config_in_use(admin):
    expect(admin.put("/plugin_configs/1", json={"plugins": {}}), 201)
    expect(admin.put("/routes/1", json={"uri": "/a", "plugin_config_id": "1", "upstream": UPSTREAM}), 201)
    error(admin.delete("/plugin_configs/1"), 400,
          "can not delete this plugin config, route [1] is still using it now")


def test_consumer_group_in_use(admin):
    expect(admin.put("/consumer_groups/company_a", json={"plugins": {}}), 201)
    expect(admin.put("/consumers", json={"username": "foobar", "group_id": "company_a"}), 201)
    error(admin.delete("/consumer_groups/company_a"), 400,
          "can not delete this consumer group, consumer [foobar] is still using it now")
    expect(admin.delete("/consumers/foobar"), 200)
    expect(admin.delete("/consumer_groups/company_a"), 200)
