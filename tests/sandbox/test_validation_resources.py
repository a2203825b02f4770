"""Unit tests for resource checks (routes, upstreams, consumers, ssls, ...) with APISIX's exact texts."""

from __future__ import annotations

import copy

import pytest

from sandbox.validation import CheckContext, ValidationError, check, validate_schema_only

from tests.helpers.procs import CERTS  # noqa: E402  (APISIX test certificates)
UPSTREAM = {"nodes": {"127.0.0.1:9081": 1}, "type": "roundrobin"}


def make_ctx(stored: dict[str, dict[str, dict]] | None = None,
             stream_mode: bool = False) -> CheckContext:
    data = stored if stored is not None else {"upstreams": {"1": UPSTREAM}}
    return CheckContext(get=lambda d, i: data.get(d, {}).get(i),
                        items=lambda d: list(data.get(d, {}).items()),
                        stream_mode=stream_mode)


def error_of(resource: str, conf: object, rid: str | None = "1",
             ctx: CheckContext | None = None, sub_type: str | None = None) -> str | None:
    try:
        check(resource, conf, id=rid, need_id=True, ctx=ctx or make_ctx(), sub_type=sub_type)
    except ValidationError as exc:
        return exc.message
    return None


def test_conference_upstream_and_route_are_valid() -> None:
    assert error_of("upstreams", UPSTREAM) is None
    route = {"uris": ["/speaker/*"], "methods": ["GET"], "upstream_id": "1"}
    assert error_of("routes", route) is None


def test_check_does_not_inject_defaults_into_caller_conf() -> None:
    route = {"uri": "/a", "upstream": copy.deepcopy(UPSTREAM)}
    before = copy.deepcopy(route)
    assert error_of("routes", route) is None
    assert route == before


ROUTE_CASES = [
    ({"uri": "/a", "methods": ["GET", "GETX"], "upstream_id": "1"},
     'invalid configuration: property "methods" validation failed: failed to validate '
     "item 2: matches none of the enum values"),
    ({"uri": "/a", "host": "a.com", "hosts": ["b.com"], "upstream_id": "1"},
     "only one of host or hosts is allowed"),
    ({"uri": "/a", "remote_addr": "127.0.0.1", "remote_addrs": ["127.0.0.1"],
      "upstream_id": "1"}, "only one of remote_addr or remote_addrs is allowed"),
    ({"upstream_id": "1"},
     "invalid configuration: allOf 1 failed: value should match only one schema, "
     "but matches none"),
    ({"uri": "/a", "uris": ["/b"], "upstream_id": "1"},
     "invalid configuration: allOf 1 failed: value should match only one schema, "
     "but matches both schemas 1 and 2"),
    ({"uri": "/a", "upstream_id": "1", "zzz": 1},
     "invalid configuration: additional properties forbidden, found zzz"),
    ({"uri": "/a", "upstream_id": "1", "name": "n" * 257},
     'invalid configuration: property "name" validation failed: string too long, '
     "expected at most 256, got 257"),
    ({"uri": "/a", "upstream_id": "1", "id": "a b"},
     'invalid configuration: property "id" validation failed: object matches none of '
     "the required"),
    ({"uri": "/a", "upstream_id": "99"},
     "failed to fetch upstream info by upstream id [99], response code: 404"),
    ({"uri": "/a", "service_id": "s1"},
     "failed to fetch service info by service id [s1], response code: 404"),
    ({"uri": "/a", "upstream_id": "1", "plugin_config_id": "p"},
     "failed to fetch plugin config info by plugin config id [p], response code: 404"),
    ({"uri": "/a", "plugins": {"not-a-plugin": {}}}, "unknown plugin [not-a-plugin]"),
    ({"uri": "/a", "upstream_id": "1", "vars": [["arg_name", "=", "json"]]},
     "failed to validate the 'vars' expression: invalid operator '='"),
    ({"uri": "/a", "upstream_id": "1", "labels": {"env": {}}},
     'invalid configuration: property "labels" validation failed: failed to validate env '
     '(matching ".*"): wrong type: expected string, got table'),
    ({"uri": "/a", "upstream_id": "1", "status": 2},
     'invalid configuration: property "status" validation failed: matches none of the '
     "enum values"),
    ({"uri": "/a", "upstream_id": "1", "timeout": {"connect": 1, "send": 1}},
     'invalid configuration: property "timeout" validation failed: property "read" is '
     "required"),
    ({"uri": "/a", "upstream_id": "1", "remote_addr": "300.0.0.1"},
     'invalid configuration: property "remote_addr" validation failed: object matches '
     "none of the required"),
    ({"uri": "/a", "script": "local _M = {} return _M", "plugins": {}},
     "invalid configuration: value wasn't supposed to match schema"),
]


@pytest.mark.parametrize(("conf", "expected"), ROUTE_CASES)
def test_route_errors(conf: dict, expected: str) -> None:
    assert error_of("routes", conf) == expected


def test_route_without_upstream_lists_required_combos() -> None:
    msg = error_of("routes", {"uri": "/a"})
    assert msg is not None
    assert msg.startswith('invalid configuration: object matches none of the required: '
                          '["plugins","uri"] or ["upstream","uri"]')


UPSTREAM_CASES = [
    ({"nodes": {"127.0.0.1:8080": 1}, "type": "chash"}, "missing key"),
    ({"nodes": {"127.0.0.1:8080": 1}, "type": "chash", "key": "bad_var"},
     'invalid configuration: failed to match pattern "^((uri|server_name|server_addr|'
     "request_uri|remote_port|remote_addr|query_string|host|hostname|mqtt_client_id)|"
     'arg_[0-9a-zA-z_-]+)$" with "bad_var"'),
    ({"nodes": {"127.0.0.1:8080": 1}, "pass_host": "rewrite"},
     "`upstream_host` can't be empty when `pass_host` is `rewrite`"),
    ({"nodes": {"127.0.0.1:65536": 1}}, "invalid port 65536"),
    ({"nodes": {"::1:80": 1}}, "IPv6 address must be enclosed with '[' and ']'"),
    ({"nodes": {"127.0.0.1:80": -1}},
     'invalid configuration: property "nodes" validation failed: object matches none of '
     "the required"),
    ({"type": "roundrobin"},
     "invalid configuration: value should match only one schema, but matches none"),
    ({"nodes": {"127.0.0.1:80": 1}, "checks": {"passive": {}}},
     'invalid configuration: property "checks" validation failed: object matches none '
     'of the required: ["active"] or ["active","passive"]'),
    ({"nodes": {"127.0.0.1:80": 1}, "scheme": "ftp"},
     'invalid configuration: property "scheme" validation failed: matches none of the '
     "enum values"),
    ({"nodes": {"127.0.0.1:80": 1}, "tls": {"client_cert_id": "9"}},
     "failed to fetch ssl info by ssl id [9], response code: 404"),
    ({"nodes": {"127.0.0.1:80": 1}, "retries": -1},
     'invalid configuration: property "retries" validation failed: expected -1 to be '
     "at least 0"),
]


@pytest.mark.parametrize(("conf", "expected"), UPSTREAM_CASES)
def test_upstream_errors(conf: dict, expected: str) -> None:
    assert error_of("upstreams", conf) == expected


def test_upstream_array_nodes_and_chash_consumer_are_valid() -> None:
    conf = {"nodes": [{"host": "127.0.0.1", "weight": 1}], "type": "chash",
            "hash_on": "consumer"}
    assert error_of("upstreams", conf) is None


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


def _read(name: str) -> str:
    return (CERTS / name).read_text()


def test_ssl_certificates() -> None:
    good = {"cert": _read("2f6e552db6b4.crt.pem"), "key": _read("8c14756b5cc0.key.pem"),
            "snis": ["test.com"]}
    assert error_of("ssls", good) is None
    single = {"cert": good["cert"], "key": good["key"], "sni": "test.com"}
    assert error_of("ssls", single) is None
    no_sni = {"cert": good["cert"], "key": good["key"]}
    assert error_of("ssls", no_sni) == "invalid configuration: then clause did not match"
    client = {"type": "client", **no_sni}
    assert error_of("ssls", client) is None
    bad_cert = {**good, "cert": _read("9a2e35bbcaa5.crt.pem")}
    assert error_of("ssls", bad_cert) == "failed to parse cert: PEM_read_bio_X509_AUX() failed"
    bad_key = {**good, "key": _read("1ea33e4cc5bf.key.pem")}
    assert error_of("ssls", bad_key) == "failed to parse key: PEM_read_bio_PrivateKey() failed"
    pair = {**good, "certs": [good["cert"]], "keys": [_read("1ea33e4cc5bf.key.pem")]}
    assert error_of("ssls", pair) == \
        "failed to handle cert-key pair[1]: failed to parse key: PEM_read_bio_PrivateKey() failed"
    assert error_of("ssls", {**good, "certs": [good["cert"]]}) == \
        "mismatched number of certs and keys"


def test_upstream_client_cert_id_must_be_client_ssl() -> None:
    ctx = make_ctx({"ssls": {"s": {"type": "server"}, "c": {"type": "client"}}})
    conf = {"nodes": {"127.0.0.1:80": 1}, "tls": {"client_cert_id": "s"}}
    assert error_of("upstreams", conf, ctx=ctx) == \
        "failed to fetch ssl info by ssl id [s], wrong ssl type"
    conf["tls"]["client_cert_id"] = "c"
    assert error_of("upstreams", conf, ctx=ctx) is None


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


def test_validate_schema_only_has_no_prefix_and_no_reference_checks() -> None:
    assert validate_schema_only("routes", {"uri": "/a", "upstream_id": "missing"}) is None
    assert validate_schema_only("routes", {"uri": "/a", "upstream_id": "1", "zzz": 1}) == \
        "additional properties forbidden, found zzz"
