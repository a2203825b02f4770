"""Request schemas of the curated spec: examples validate, and APISIX's rules are enforced."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from openapi_schema_validator import OAS30Validator, oas30_format_checker

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi" / "openapi.yaml"
SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())

CONFERENCE_UPSTREAM = {"name": "conference", "type": "roundrobin", "scheme": "http", "pass_host": "node",
                       "nodes": {"127.0.0.1:9081": 1}}
CONFERENCE_ROUTE = {"name": "speaker-sessions", "uris": ["/speaker/*"], "methods": ["GET"],
                    "upstream_id": "conference",
                    "plugins": {"limit-count": {"count": 100, "time_window": 60, "rejected_code": 429}}}


def errors(pointer: str, instance: Any) -> list[str]:
    """Validation errors of `instance` against the schema at JSON pointer `pointer` in the spec."""
    # Draft 4 ignores keywords beside $ref, so the whole spec can be the root that resolves it.
    validator = OAS30Validator({**SPEC, "$ref": pointer}, format_checker=oas30_format_checker)
    return [e.message for e in validator.iter_errors(instance)]


def valid(name: str, instance: Any) -> bool:
    return not errors(f"#/components/schemas/{name}", instance)


def examples(node: Any, pointer: str = "#") -> Iterator[tuple[str, Any]]:
    """(pointer of the schema, example) for every schema-level and media-type example."""
    if isinstance(node, dict):
        if "example" in node:
            target = pointer + "/schema" if "schema" in node and "type" not in node else pointer
            yield target, node["example"]
        for key, child in node.items():
            yield from examples(child, f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from examples(child, f"{pointer}/{index}")


ALL_EXAMPLES = list(examples({k: SPEC[k] for k in ("paths", "components")}))


def test_every_whole_body_schema_has_an_example() -> None:
    bodies = ("Route", "Upstream", "Service", "Consumer", "Credential", "GlobalRule", "PluginSet",
              "PluginMetadata", "StreamRoute", "Proto", "Secret", "RoutePatch", "UpstreamPatch")
    assert [name for name in bodies if "example" not in SPEC["components"]["schemas"][name]] == []
    assert len(ALL_EXAMPLES) >= len(bodies)


@pytest.mark.parametrize("pointer,example", ALL_EXAMPLES, ids=[p for p, _ in ALL_EXAMPLES])
def test_every_example_validates(pointer: str, example: Any) -> None:
    assert errors(pointer, example) == []


def test_conference_examples_validate_and_are_in_the_spec() -> None:
    assert valid("Upstream", CONFERENCE_UPSTREAM)
    assert valid("Route", CONFERENCE_ROUTE)
    assert SPEC["components"]["schemas"]["Upstream"]["example"] == CONFERENCE_UPSTREAM
    assert SPEC["components"]["schemas"]["Route"]["example"] == CONFERENCE_ROUTE


@pytest.mark.parametrize("change", [
    {"uri": "/a"},  # uri together with uris
    {"uris": []},
    {"methods": ["get"]},
    {"methods": ["GET", "GET"]},
    {"host": "a.com", "hosts": ["b.com"]},
    {"remote_addr": "10.0.0.1", "remote_addrs": ["10.0.0.2"]},
    {"script": "return {}   ", "plugins": {}},
    {"status": 2},
    {"name": ""},
    {"name": "x" * 257},
    {"desc": "x" * 257},
    {"labels": {"env": "has space"}},
    {"labels": {"env": "x" * 257}},
    {"upstream_id": "bad id"},
    {"upstream_id": 0},
    {"service_id": True},
    {"plugins": {"limit-count": 100}},  # a plugin's config is an object
    {"plugins": {"multi-auth": {"auth_plugins": [{"key-auth": {}}, "basic-auth"]}}},  # Lua 500 in 3.18
    {"upstream": {"nodes": [{"host": "127.0.0.1", "weight": 1}, -52]}},  # Lua 500 in 3.18
    {"unknown_field": 1},
    {"create_time": 1700000000},  # APISIX: "the property is forbidden: create_time" on PUT and POST
])
def test_route_rejects_what_apisix_rejects(change: dict[str, Any]) -> None:
    body = {**CONFERENCE_ROUTE, **change}
    assert not valid("Route", body), body


@pytest.mark.parametrize("change", [
    {"upstream_id": 7, "service_id": 2, "plugin_config_id": 3},  # integer ids, as APISIX's id schema
    {"vars": [["arg_version", "==", "2"]]},
    {"filter_func": "function(vars) return vars.arg_x == '1' end"},
    {"script_id": "s1"},
    {"remote_addrs": ["::1", "2001:db8::/32", "10.0.0.0/8"]},
    {"labels": {"team": "conférence"}},  # APISIX: any non-space characters
    {"plugins": {"ai-proxy": {"provider": "openai"}, "openid-connect": {}}},  # any plugin name
    {"plugins": {"limit-count": {"count": 1, "time_window": 1, "_meta": {"disable": True}}}},
    {"id": "speaker-sessions"},
    {"hosts": ["*.example.com", "[::1]"]},
])
def test_route_accepts_what_apisix_accepts(change: dict[str, Any]) -> None:
    body = {**CONFERENCE_ROUTE, **change}
    assert errors("#/components/schemas/Route", body) == []


def test_route_needs_uri_and_a_target() -> None:
    assert not valid("Route", {"upstream_id": "conference"})
    assert not valid("Route", {"uri": "/a"})
    assert valid("Route", {"uri": "/a", "service_id": "s1"})
    assert valid("Route", {"uri": "/a", "plugins": {"echo": {"body": "hi"}}})
    assert valid("Route", {"uri": "/a", "script": "local x = 1 return {}"})


@pytest.mark.parametrize("body,ok", [
    ({"nodes": [{"host": "127.0.0.1", "weight": 1}]}, True),  # port optional since 3.8
    ({"nodes": {}}, True),
    ({"type": "none", "nodes": {"a:80": 1}}, True),  # APISIX 3.18 accepts any balancer name here
    ({"type": "chash", "key": "remote_addr", "nodes": {"a:80": 1}}, True),
    ({"service_name": "conference", "discovery_type": "dns"}, True),
    ({"service_name": "conference", "discovery_type": "dns", "nodes": {"a:80": 1}}, False),  # oneOf
    ({"scheme": "ftp", "nodes": {"a:80": 1}}, False),
    ({"nodes": {"a:80": -1}}, False),
    ({"nodes": [1]}, False),  # a Lua 500 in APISIX 3.18: refused before it is sent
    ({"nodes": [{"host": "a"}]}, False),  # weight is required
    ({"name": "no nodes"}, False),
    ({"nodes": {"a:80": 1}, "id": 5}, True),
    ({"nodes": {"a:80": 1}, "timeout": {"connect": 1, "send": 1, "read": 1}, "retries": 0}, True),
])
def test_upstream_rules(body: dict[str, Any], ok: bool) -> None:
    assert valid("Upstream", body) is ok


def test_patch_bodies_take_null_timestamps_and_nothing_at_all() -> None:
    assert valid("RoutePatch", {"desc": None, "plugins": {"limit-count": None}, "upstream": None})
    assert valid("RoutePatch", {"methods": ["GET"], "upstream_id": 3})
    assert valid("RoutePatch", {})  # APISIX answers 200 to an empty merge
    assert valid("RoutePatch", {"create_time": 1, "update_time": 2})
    assert not valid("RoutePatch", {"upstream": {"nodes": [None]}})
    assert not valid("RoutePatch", {"plugins": {"multi-auth": {"auth_plugins": [1]}}})
    assert not valid("RoutePatch", {"nope": 1})
    assert valid("UpstreamPatch", {"nodes": {"127.0.0.1:9082": 1}, "checks": None})
    assert not valid("UpstreamPatch", {"nodes": [True]})
    assert valid("SecretPatch", {"token": None})
    assert valid("PluginsPatchBody", {"plugins": {"cors": None}, "desc": None})


def test_consumer_and_credential_plugins_are_maps_checked_by_apisix() -> None:
    assert valid("Consumer", {"username": "jack", "plugins": {"key-auth": {"key": "k1"}}})
    assert valid("Consumer", {"username": "jack", "plugins": {"jwt-auth": {"key": "k"}}, "group_id": 1})
    assert not valid("Consumer", {"username": "bad name"})
    assert not valid("Consumer", {"plugins": {}})
    assert valid("Credential", {"plugins": {"basic-auth": {"username": "u", "password": "p"}}})
    assert not valid("Credential", {"plugins": {"basic-auth": {"username": "u", "password": "p"},
                                                "key-auth": {"key": "k"}}})


def test_ssl_and_secret_shapes() -> None:
    cert, key = "-----BEGIN CERTIFICATE-----" + "A" * 200, "-----BEGIN PRIVATE KEY-----" + "B" * 100
    assert valid("Ssl", {"cert": cert, "key": key, "snis": ["a.com"]})
    assert valid("Ssl", {"cert": cert, "key": "**REDACTED**", "sni": "a.com"})
    assert valid("Ssl", {"cert": "$secret://vault/1/cert", "key": "$ENV://SSL_KEY", "sni": "a.com"})
    assert not valid("Ssl", {"cert": cert, "key": key})  # server SSL needs sni or snis
    assert not valid("Ssl", {"cert": cert, "key": key, "sni": "a.com", "snis": ["b.com"]})
    assert valid("Ssl", {"type": "client", "cert": cert, "key": key})
    assert valid("Secret", {"uri": "http://127.0.0.1:8200", "prefix": "kv/apisix", "token": "t"})
    assert valid("Secret", {"access_key_id": "a", "secret_access_key": "b", "region": "us-east-1"})


def test_query_parameters_accept_what_apisix_accepts() -> None:
    params = SPEC["components"]["parameters"]
    validator = OAS30Validator
    assert not list(validator(params["label"]["schema"]).iter_errors(""))  # label= answers 200
    assert not list(validator(params["page"]["schema"]).iter_errors(-1))  # read as page 1
    assert list(validator(params["page"]["schema"]).iter_errors(1_000_001))  # APISIX 3.18 hangs past 2^53
    assert not list(validator(params["ttl"]["schema"]).iter_errors(0))  # APISIX stores it (200)
