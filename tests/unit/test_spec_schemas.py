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


def test_spec_has_examples() -> None:
    assert len(ALL_EXAMPLES) >= 15


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
    {"create_time": 1700000000},
    {"update_time": 1700000000},
    {"id": "r1"},
    {"host": "a.com", "hosts": ["b.com"]},
    {"remote_addr": "10.0.0.1", "remote_addrs": ["10.0.0.2"]},
    {"script": "return {}   ", "plugins": {}},
    {"status": 2},
    {"name": ""},
    {"name": "x" * 257},
    {"desc": "x" * 257},
    {"labels": {"env": "has space"}},
    {"labels": {"env": "x" * 257}},
    {"timeout": {"connect": 1, "send": 1}},
    {"timeout": {"connect": 0, "send": 1, "read": 1}},
    {"upstream_id": "bad id"},
    {"plugins": {"limit-count": {"count": 100}}},
    {"plugins": {"limit-count": {"count": 0, "time_window": 60}}},
    {"plugins": {"not-a-plugin": {}}},
    {"plugins": {"key-auth": {"key": "consumer-side field"}}},
    {"plugins": {"cors": {"allow_credential": True}}},
    {"plugins": {"ip-restriction": {"whitelist": ["10.0.0.1"], "blacklist": ["10.0.0.2"]}}},
    {"plugins": {"redirect": {"uri": "/x", "http_to_https": True}}},
])
def test_route_rejects_what_apisix_rejects(change: dict[str, Any]) -> None:
    body = {**CONFERENCE_ROUTE, **change}
    assert not valid("Route", body), body


def test_route_needs_uri_and_a_target() -> None:
    assert not valid("Route", {"upstream_id": "conference"})
    assert not valid("Route", {"uri": "/a"})
    assert valid("Route", {"uri": "/a", "service_id": "s1"})
    assert valid("Route", {"uri": "/a", "plugins": {"echo": {"body": "hi"}}})
    assert valid("Route", {"uri": "/a", "script": "local x = 1 return {}"})


@pytest.mark.parametrize("body,ok", [
    ({"nodes": [{"host": "127.0.0.1", "weight": 1}]}, True),  # port optional since 3.8
    ({"nodes": {}}, True),
    ({"type": "chash", "nodes": {"a:80": 1}}, False),  # chash needs key
    ({"type": "chash", "key": "remote_addr", "nodes": {"a:80": 1}}, True),
    ({"type": "chash", "key": "bad key", "nodes": {"a:80": 1}}, False),
    ({"type": "chash", "hash_on": "consumer", "nodes": {"a:80": 1}}, True),
    ({"type": "chash", "hash_on": "header", "key": "X-User", "nodes": {"a:80": 1}}, True),
    ({"pass_host": "rewrite", "nodes": {"a:80": 1}}, False),
    ({"pass_host": "rewrite", "upstream_host": "b.com", "nodes": {"a:80": 1}}, True),
    ({"scheme": "ftp", "nodes": {"a:80": 1}}, False),
    ({"nodes": {"a:80": -1}}, False),
    ({"name": "no nodes"}, False),
    ({"nodes": {"a:80": 1}, "id": "u1"}, False),
])
def test_upstream_rules(body: dict[str, Any], ok: bool) -> None:
    assert valid("Upstream", body) is ok


def test_patch_bodies_take_null_and_no_required_fields() -> None:
    assert valid("RoutePatch", {"desc": None, "plugins": {"limit-count": None}})
    assert valid("RoutePatch", {"methods": ["GET"]})
    assert not valid("RoutePatch", {})
    assert not valid("RoutePatch", {"create_time": 1})
    assert valid("UpstreamPatch", {"nodes": {"127.0.0.1:9082": 1}})
    assert valid("SecretPatch", {"token": None})


def test_consumer_and_credential_plugins_use_consumer_side_schemas() -> None:
    assert valid("Consumer", {"username": "jack", "plugins": {"key-auth": {"key": "k1"}}})
    assert not valid("Consumer", {"username": "jack", "plugins": {"key-auth": {}}})
    assert not valid("Consumer", {"username": "bad name"})
    assert valid("Credential", {"plugins": {"basic-auth": {"username": "u", "password": "p"}}})
    assert not valid("Credential", {"plugins": {"basic-auth": {"username": "u", "password": "p"},
                                                "key-auth": {"key": "k"}}})
    assert not valid("Credential", {"plugins": {"limit-count": {"count": 1, "time_window": 1}}})


def test_ssl_and_secret_shapes() -> None:
    cert, key = "-----BEGIN CERTIFICATE-----" + "A" * 200, "-----BEGIN PRIVATE KEY-----" + "B" * 100
    assert valid("Ssl", {"cert": cert, "key": key, "snis": ["a.com"]})
    assert valid("Ssl", {"cert": cert, "key": "**REDACTED**", "sni": "a.com"})
    assert not valid("Ssl", {"cert": cert, "key": key})  # server SSL needs sni or snis
    assert valid("Ssl", {"type": "client", "cert": cert, "key": key})
    assert valid("Secret", {"uri": "http://127.0.0.1:8200", "prefix": "kv/apisix", "token": "t"})
    assert valid("Secret", {"access_key_id": "a", "secret_access_key": "b", "region": "us-east-1"})
    assert not valid("Secret", {"uri": "http://127.0.0.1:8200", "prefix": "kv"})
