"""The router's walk, shared by matching and by explaining a match (one routing model)."""

from __future__ import annotations

from sandbox.dataplane.context import build_context
from sandbox.dataplane.router import build
from sandbox.store import Store


def _store() -> Store:
    store = Store()
    up = {"type": "roundrobin", "nodes": {"127.0.0.1:1980": 1}}
    store.put("/apisix/routes/host", {"id": "host", "uri": "/a/*", "hosts": ["api.test"],
                                      "methods": ["POST"], "upstream": up})
    store.put("/apisix/routes/exact", {"id": "exact", "uri": "/a/b", "upstream": up,
                                       "vars": [["arg_v", "==", "1"]]})
    store.put("/apisix/routes/any", {"id": "any", "uri": "/*", "upstream": up})
    return store


def test_explain_lists_the_walk_up_to_the_match() -> None:
    router = build(_store())
    ctx = build_context("GET", "/a//b?v=2", {"Host": "API.test:8080"})
    steps = router.explain(ctx)
    assert [(s.route_id, s.host_pattern) for s in steps] == [
        ("host", "api.test"), ("exact", None), ("any", None)]
    assert steps[0].rejected == "method GET not in ['POST']"
    assert steps[1].rejected == "vars did not match"
    assert steps[2].rejected is None
    assert router.match(ctx).id == "any"


def test_trusted_real_ip_is_what_remote_addrs_see() -> None:
    store = _store()
    store.put("/apisix/routes/inner", {"id": "inner", "uri": "/in", "remote_addrs": ["10.0.0.0/8"],
                                       "upstream": {"type": "roundrobin", "nodes": {"a:1": 1}}})
    router = build(store)
    assert router.match(build_context("GET", "/in", {"Host": "x"})).id == "any"
    assert router.match(build_context("GET", "/in", {"Host": "x", "X-Real-IP": "10.1.2.3"})).id == "inner"
    assert router.match(build_context("GET", "/in", {"Host": "x", "X-Real-IP": "10.1.2.3"},
                                      peer="192.168.0.9")).id == "any"  # untrusted peer
