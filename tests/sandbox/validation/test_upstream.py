"""Upstream checks with APISIX's exact texts: chash keys, nodes, the client certificate's SSL type."""

from __future__ import annotations

import pytest

from tests.sandbox.validation.resource_check import error_of, make_ctx


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


def test_upstream_client_cert_id_must_be_client_ssl() -> None:
    ctx = make_ctx({"ssls": {"s": {"type": "server"}, "c": {"type": "client"}}})
    conf = {"nodes": {"127.0.0.1:80": 1}, "tls": {"client_cert_id": "s"}}
    assert error_of("upstreams", conf, ctx=ctx) == \
        "failed to fetch ssl info by ssl id [s], wrong ssl type"
    conf["tls"]["client_cert_id"] = "c"
    assert error_of("upstreams", conf, ctx=ctx) is None
