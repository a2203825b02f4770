"""Handlers: every operation resolves to one that takes all its parameters; the few with logic of their own."""

from __future__ import annotations

import asyncio
import inspect

import pytest

from apisix_gpt.errors import RequestRejected
from apisix_gpt.resolver import find_handler
from apisix_gpt.spec import operations, read_spec
from handlers import in_body, plugins
from handlers.attribute_guard import check_attribute

SPEC = read_spec()
OPS = [(path, method, op) for path, method, op in operations(SPEC) if op["tags"][0] != "audit"]


def _params(spec: dict, path: str, op: dict) -> set[str]:
    def deref(p: dict) -> dict:
        ref = p.get("$ref")
        if not ref:
            return p
        target = spec
        for step in ref[2:].split("/"):
            target = target[step]
        return target
    params = [*(spec["paths"][path].get("parameters") or []), *(op.get("parameters") or [])]
    names = {deref(p)["name"] for p in params}
    return names | ({"body"} if "requestBody" in op else set())


@pytest.mark.parametrize("path, method, op", OPS, ids=[op["operationId"] for _, _, op in OPS])
def test_handler_takes_every_parameter(path: str, method: str, op: dict) -> None:
    handler = find_handler(op["operationId"], op["tags"][0])
    assert inspect.iscoroutinefunction(handler)
    accepted = set(inspect.signature(handler).parameters)
    assert _params(SPEC, path, op) == accepted


@pytest.mark.parametrize("resource, attribute_path, value", [
    ("upstreams", "nodes", [{"host": "127.0.0.1", "weight": 1}, -52]),
    ("routes", "upstream/nodes", [None]),
    ("services", "upstream", {"nodes": ["127.0.0.1:80"]}),
    ("routes", "plugins", {"multi-auth": {"auth_plugins": [{"key-auth": {}}, "basic-auth"]}}),
    ("consumer_groups", "plugins/multi-auth", {"auth_plugins": [1, 2]}),
    ("global_rules", "plugins/multi-auth/auth_plugins", [True]),
])
def test_sub_path_patches_that_crash_apisix_are_refused(resource: str, attribute_path: str, value: object) -> None:
    with pytest.raises(RequestRejected, match=r"^body: every item of .* must be an object"):
        check_attribute(resource, attribute_path, value)


@pytest.mark.parametrize("resource, attribute_path, value", [
    ("upstreams", "nodes", [{"host": "127.0.0.1", "weight": 1}]),
    ("upstreams", "nodes", {"127.0.0.1:80": 1}),
    ("routes", "methods", ["GET", "POST"]),
    ("routes", "upstream/nodes", {"a:80": 1}),
    ("routes", "plugins/multi-auth/auth_plugins", [{"key-auth": {}}, {"basic-auth": {}}]),
    ("routes", "plugins/limit-count", {"count": 1, "time_window": 60}),
    ("ssls", "snis", ["a.com"]),
    ("routes", "nodes", [1]),  # a route has no top-level nodes: APISIX refuses it in its own words
])
def test_other_sub_path_patches_pass_to_apisix(resource: str, attribute_path: str, value: object) -> None:
    check_attribute(resource, attribute_path, value)


def test_collection_put_audits_the_object_named_in_the_body(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple] = []

    async def write(method: str, path: str, body: object, ttl: object, resource: object) -> str:
        calls.append((method, path, resource))
        return "reply"
    monkeypatch.setattr(in_body.pipeline, "write", write)
    asyncio.run(in_body.put_in_body(("routes",), {"id": 7, "uri": "/a"}, None))
    asyncio.run(in_body.put_in_body(("consumers",), {"username": "jack"}, None, id_field="username"))
    asyncio.run(in_body.put_in_body(("consumers", "jack", "credentials"), {"plugins": {}}, None))
    assert calls == [("PUT", "/apisix/admin/routes", "/apisix/admin/routes/7"),
                     ("PUT", "/apisix/admin/consumers", "/apisix/admin/consumers/jack"),
                     ("PUT", "/apisix/admin/consumers/jack/credentials", None)]


def test_metadata_schema_comes_from_the_plugin_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue = {"http-logger": {"schema": {"type": "object"}, "metadata_schema": {"properties": {"log_format": {}}}},
                 "limit-count": {"schema": {"type": "object"}}}
    asked: list[tuple] = []

    async def get_body(path: str, **query: object) -> dict:
        asked.append((path, query))
        return catalogue
    monkeypatch.setattr(plugins.pipeline, "get_body", get_body)
    monkeypatch.setattr(plugins, "reply", lambda body: body)
    assert asyncio.run(plugins.get_plugin("http-logger", schema_type="metadata")) == {
        "properties": {"log_format": {}}}
    assert asked == [("/apisix/admin/plugins", {"all": True, "subsystem": None})]
    with pytest.raises(RequestRejected, match="has no metadata schema"):
        asyncio.run(plugins.get_plugin("limit-count", schema_type="metadata"))
    with pytest.raises(RequestRejected, match="no enabled plugin named 'nope'"):
        asyncio.run(plugins.get_plugin("nope", schema_type="metadata"))
