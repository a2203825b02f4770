"""Consumer and credential checks with APISIX's exact texts: username rules, auth plugin confs,
duplicate keys, groups."""

from __future__ import annotations

from tests.sandbox.validation.resource_check import error_of, make_ctx


def test_consumer_key_auth_is_valid_and_rules_apply() -> None:
    ok = {"username": "jack", "plugins": {"key-auth": {"key": "auth-one"}}}
    assert error_of("consumers", ok, rid=None) is None
    assert error_of("consumers", {"desc": "x"}, rid=None) == \
        'invalid configuration: property "username" is required'
    assert error_of("consumers", ok, rid="bob") == "wrong username"
    bad = {"username": "jack", "plugins": {"key-auth": {}}}
    assert error_of("consumers", bad, rid=None) == \
        "invalid plugins configuration: failed to check the configuration of plugin " \
        'key-auth err: property "key" is required'
    assert error_of("consumers", {"username": "a b"}, rid=None) == \
        'invalid configuration: property "username" validation failed: failed to match ' \
        'pattern "^[a-zA-Z0-9_\\\\-]+$" with "a b"'


def test_consumer_duplicate_key_and_group() -> None:
    ctx = make_ctx({"consumers": {"jack": {"username": "jack",
                                           "plugins": {"key-auth": {"key": "k1"}}}}})
    conf = {"username": "rose", "plugins": {"key-auth": {"key": "k1"}}}
    assert error_of("consumers", conf, rid=None, ctx=ctx) == \
        "duplicate key of plugin key-auth found with consumer: jack"
    same = {"username": "jack", "plugins": {"key-auth": {"key": "k1"}}}
    assert error_of("consumers", same, rid=None, ctx=ctx) is None
    grouped = {"username": "rose", "group_id": "g1"}
    assert error_of("consumers", grouped, rid=None, ctx=ctx) == \
        "failed to fetch consumer group info by consumer group id [g1], response code: 404"


def test_credentials() -> None:
    assert error_of("credentials", {"plugins": {"key-auth": {"key": "a"}}}) is None
    assert error_of("credentials", {"plugins": {"limit-count": {
        "count": 1, "time_window": 1}}}) == \
        "only supports auth type plugins in consumer credential"
    assert error_of("credentials", {"plugins": {"key-auth": {"key": "a"},
                                                "basic-auth": {}}}) == \
        'invalid configuration: property "plugins" validation failed: expect object to ' \
        "have at most 1 properties"
