"""APISIX 3.18's http_access_phase order: global rewrite, route rewrite, global access, route access."""

from __future__ import annotations

from tests.sandbox.dataplane.conftest import Gateway
from tests.sandbox.dataplane.harness import encrypt


def test_route_rewrite_rejects_before_a_global_access_plugin_counts(gw: Gateway) -> None:
    gw.hx.put("consumers", "tom", {"username": "tom",
                                   "plugins": {"key-auth": {"key": encrypt("key-tom")}}})
    gw.hx.put("global_rules", "g-order", {"plugins": {"limit-count": {"count": 2,
                                                                      "time_window": 60}}})
    gw.route("k", "/k", {"key-auth": {}})
    assert [gw.send("GET", "/k").status for _ in range(3)] == [401, 401, 401]  # not counted
    with_key = {"apikey": "key-tom"}
    assert [gw.send("GET", "/k", with_key).status for _ in range(3)] == [200, 200, 503]


def test_global_access_runs_before_route_access(gw: Gateway) -> None:
    gw.hx.put("global_rules", "g-ip", {"plugins": {"ip-restriction": {"blacklist": ["127.0.0.1"]}}})
    gw.route("m", "/m", {"mocking": {"response_example": "mocked"},
                         "fault-injection": {"abort": {"http_status": 418, "body": "tea"}}})
    assert gw.send("GET", "/m").status == 418  # fault-injection is a route rewrite
    gw.route("m", "/m", {"mocking": {"response_example": "mocked"}})
    reply = gw.send("GET", "/m")  # mocking is a route access: the global rule wins
    assert reply.status == 403


def test_meta_filter_limits_a_plugin_to_matching_requests(gw: Gateway) -> None:
    gw.route("f", "/f", {"fault-injection": {
        "abort": {"http_status": 418, "body": "tea"},
        "_meta": {"filter": [["arg_fail", "==", "1"]]}}})
    assert gw.send("GET", "/f?fail=1").status == 418
    assert gw.send("GET", "/f").status == 200


def test_consumer_group_and_consumer_plugins_join_the_route(gw: Gateway) -> None:
    gw.hx.put("consumer_groups", "gold", {"id": "gold", "plugins": {
        "response-rewrite": {"headers": {"set": {"X-Tier": "group"}}},
        "echo": {"headers": {"X-Echo": "group"}}}})
    gw.hx.put("consumers", "ann", {"username": "ann", "group_id": "gold", "plugins": {
        "key-auth": {"key": encrypt("key-ann")},
        "echo": {"headers": {"X-Echo": "consumer"}}}})
    gw.route("k", "/k", {"key-auth": {}})
    reply = gw.send("GET", "/k", {"apikey": "key-ann"})
    assert reply.status == 200
    assert (reply.headers["X-Tier"], reply.headers["X-Echo"]) == ("group", "consumer")
    gw.hx.delete("consumer_groups", "gold")
    assert gw.send("GET", "/k", {"apikey": "key-ann"}).status == 503
