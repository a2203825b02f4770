"""Checks of global rules, plugin configs, consumer groups, plugin metadata, protos, secrets and
stream routes, with APISIX's exact texts."""

from __future__ import annotations

from tests.sandbox.validation.resource_check import UPSTREAM, error_of, make_ctx


def test_global_rules_duplicate_plugin() -> None:
    ctx = make_ctx({"global_rules": {"1": {"id": "1", "plugins": {"prometheus": {}}}}})
    assert error_of("global_rules", {"id": "2", "plugins": {"prometheus": {}}}, rid="2",
                    ctx=ctx) == "plugin 'prometheus' already exists in global rule with id '1'"
    assert error_of("global_rules", {"id": "1", "plugins": {"prometheus": {}}}, ctx=ctx) is None
    assert error_of("global_rules", {"id": "1"}) == \
        'invalid configuration: property "plugins" is required'


def test_other_resources() -> None:
    assert error_of("plugin_configs", {"id": "1"}) == \
        'invalid configuration: property "plugins" is required'
    assert error_of("consumer_groups", {"id": "1", "plugins": {"x": {}}}) == "unknown plugin [x]"
    assert error_of("plugin_metadata", {}, rid="nope") == "invalid plugin name"
    assert error_of("plugin_metadata", {"allow_origins": {"a": "bad"}}, rid="cors") is not None
    assert error_of("protos", {"id": "1"}) == \
        'invalid configuration: property "content" is required'
    assert error_of("protos", {"content": 'syntax = "proto3"; message A { int32 a = 1; }'}) is None
    assert (error_of("protos", {"content": "message A {"}) or "").startswith("invalid content: ")
    assert error_of("secrets", {}, sub_type="nope") == "invalid secret manager: nope"
    assert error_of("secrets", {"uri": "http://127.0.0.1:8200", "prefix": "kv"},
                    sub_type="vault") == 'invalid configuration: property "token" is required'


def test_stream_routes_need_stream_mode() -> None:
    conf = {"server_port": 9100, "upstream_id": "1"}
    assert error_of("stream_routes", conf) == \
        "stream mode is disabled, can not add stream routes"
    ctx = make_ctx({"upstreams": {"1": UPSTREAM}}, stream_mode=True)
    assert error_of("stream_routes", conf, ctx=ctx) is None
    assert error_of("stream_routes", {"plugins": {"cors": {}}}, ctx=ctx) == "unknown plugin [cors]"
