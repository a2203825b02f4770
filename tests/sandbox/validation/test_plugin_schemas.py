"""Unit tests for the ported plugin schemas and their check_schema rules."""

from __future__ import annotations

import pytest

from sandbox.validation import (
    encrypt_fields,
    is_auth_plugin,
    plugin_names,
    plugin_priority,
    plugin_schema,
)
from sandbox.validation.plugin_check import check_plugins
from sandbox.validation.schema_def import TYPE_CONSUMER

PREFIX = "failed to check the configuration of plugin "

CASES = [
    ("limit-count", {"count": 0, "time_window": 60},
     'property "count" validation failed: expected 0 to be greater than 0'),
    ("limit-count", {"time_window": 60}, 'property "count" is required'),
    ("limit-count", {"count": 1, "time_window": 60, "policy": "redis"},
     "then clause did not match"),
    ("limit-count", {"count": 1, "time_window": 60, "rejected_code": 600},
     'property "rejected_code" validation failed: expected 600 to be at most 599'),
    ("limit-req", {"rate": 1, "burst": 0}, 'property "key" is required'),
    ("limit-conn", {"conn": 1, "burst": 0, "key": "remote_addr"},
     'property "default_conn_delay" is required'),
    ("proxy-rewrite", {"regex_uri": ["^/a", "/b", "^/c"]},
     "The length of regex_uri should be an even number"),
    ("proxy-rewrite", {"uri": "no-slash"},
     'property "uri" validation failed: failed to match pattern "^\\\\/.*" with "no-slash"'),
    ("response-rewrite", {"body": "x", "filters": [{"regex": "a", "replace": "b"}]},
     'failed to validate dependent schema for "body": value wasn\'t supposed to match schema'),
    ("response-rewrite", {"filters": [{"regex": "a", "replace": "b", "scope": "all"}]},
     'property "filters" validation failed: failed to validate item 1: property "scope" '
     "validation failed: matches none of the enum values"),
    ("response-rewrite", {"body": "!!", "body_base64": True}, "invalid base64 content"),
    ("cors", {"allow_credential": True},
     "you can not set '*' for other option when 'allow_credential' is true"),
    ("ip-restriction", {"whitelist": ["::1/129"]}, "invalid ip address: ::1/129"),
    ("ip-restriction", {}, "value should match only one schema, but matches none"),
    ("redirect", {"http_to_https": True, "append_query_string": True},
     "only one of `http_to_https` and `append_query_string` can be configured."),
    ("redirect", {"uri": "/a", "http_to_https": True},
     "value should match only one schema, but matches both schemas 1 and 3"),
    ("request-id", {"algorithm": "bad_algorithm"},
     'property "algorithm" validation failed: matches none of the enum values'),
    ("consumer-restriction", {"type": "consumer_name"},
     'object matches none of the required: ["blacklist"] or ["whitelist"] or '
     '["allowed_by_methods"]'),
    ("echo", {}, "expect object to have at least 1 properties"),
    ("proxy-cache", {"cache_zone": "nope"}, "cache_zone nope not found"),
    ("proxy-cache", {"cache_strategy": "memory"},
     "invalid or empty cache_zone for cache_strategy: memory"),
    ("traffic-split", {"rules": [{"match": [{"vars": [["arg_a", "=", "1"]]}]}]},
     "failed to validate the 'vars' expression: invalid operator '='"),
    ("key-auth", {"_meta": {"disable": "yes"}},
     'property "_meta" validation failed: property "disable" validation failed: wrong '
     "type: expected boolean, got string"),
    ("prometheus", {"_meta": {"zzz": 1}},
     'property "_meta" validation failed: additional properties forbidden, found zzz'),
]


@pytest.mark.parametrize(("name", "conf", "expected"), CASES)
def test_plugin_errors(name: str, conf: dict, expected: str) -> None:
    assert check_plugins({name: conf}) == f"{PREFIX}{name} err: {expected}"


@pytest.mark.parametrize(("name", "conf"), [
    ("limit-count", {"count": 2, "time_window": 60, "rejected_code": 503, "key": "remote_addr"}),
    ("limit-req", {"rate": 1, "burst": 2, "key": "remote_addr"}),
    ("proxy-rewrite", {"uri": "/x", "headers": {"set": {"X-A": "1"}}}),
    # the injected default counts towards minProperties, as in the Lua validator
    ("proxy-rewrite", {}),
    ("cors", {}),
    ("ip-restriction", {"whitelist": ["127.0.0.0/24", "::1"]}),
    ("redirect", {"http_to_https": True}),
    ("echo", {"body": "hi"}),
    ("prometheus", {"_meta": {"disable": True}}),
    ("proxy-cache", {}),
    ("request-id", {}),
    ("traffic-split", {"rules": [{"weighted_upstreams": [{"weight": 1}]}]}),
])
def test_valid_plugin_confs(name: str, conf: dict) -> None:
    assert check_plugins({name: conf}) is None


def test_consumer_schemas_of_auth_plugins() -> None:
    assert check_plugins({"key-auth": {"key": "k"}}, TYPE_CONSUMER) is None
    assert check_plugins({"basic-auth": {"username": "u"}}, TYPE_CONSUMER) == \
        f'{PREFIX}basic-auth err: property "password" is required'
    assert check_plugins({"jwt-auth": {"key": "k", "algorithm": "RS256"}}, TYPE_CONSUMER) == \
        f'{PREFIX}jwt-auth err: failed to validate dependent schema for "algorithm": ' \
        "value should match only one schema, but matches none"
    assert check_plugins({"hmac-auth": {"key_id": "k", "secret_key": ""}}, TYPE_CONSUMER) == \
        f'{PREFIX}hmac-auth err: property "secret_key" validation failed: string too short, ' \
        "expected at least 1, got 0"


def test_non_table_plugin_conf() -> None:
    assert check_plugins({"echo": "x"}) == 'invalid plugin conf "x" for plugin [echo]'


def test_registry_metadata() -> None:
    names = plugin_names()
    assert len(names) == 33 and "mqtt-proxy" not in names  # stream-only
    assert names[0] == "real-ip" and names[1] == "request-id"
    assert [plugin_priority(n) for n in names] == sorted(
        (plugin_priority(n) for n in names), reverse=True)
    assert "mqtt-proxy" in plugin_names("stream") and "ip-restriction" in plugin_names("stream")
    # auth secrets are consumer_schema fields: encrypted in consumers, not in a route's conf
    assert encrypt_fields("key-auth", TYPE_CONSUMER) == ("key",) and encrypt_fields("key-auth") == ()
    assert encrypt_fields("basic-auth", TYPE_CONSUMER) == ("password",)
    assert encrypt_fields("jwt-auth", TYPE_CONSUMER) == ("secret",)
    assert encrypt_fields("hmac-auth", TYPE_CONSUMER) == ("secret_key",)
    assert is_auth_plugin("jwt-auth") and not is_auth_plugin("cors")


def test_plugin_schema_has_injected_meta() -> None:
    schema = plugin_schema("limit-count")
    assert schema is not None and "_meta" in schema["properties"]
    assert schema["$comment"] == "this is a mark for our injected plugin schema"
    consumer = plugin_schema("key-auth", "consumer")
    assert consumer is not None and consumer["required"] == ["key"]
    assert plugin_schema("nope") is None
