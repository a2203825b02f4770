"""traffic-split: weighted upstreams per matching rule; an empty entry is the route's upstream."""

from __future__ import annotations

from collections import Counter

from tests.sandbox.dataplane.conftest import Gateway


def _servers(gw: Gateway, n: int, headers: dict[str, str] | None = None) -> Counter[str]:
    return Counter(gw.send("GET", "/ts", headers).echo["server"] for _ in range(n))


def test_weights_split_between_an_inline_upstream_and_the_routes(gw: Gateway) -> None:
    gw.route("ts", "/ts", {"traffic-split": {"rules": [{"weighted_upstreams": [
        {"upstream": {"type": "roundrobin", "nodes": {gw.node(1): 1}}, "weight": 3},
        {"weight": 1}]}]}})
    assert _servers(gw, 8) == Counter({str(gw.echo_ports[1]): 6, str(gw.echo_ports[0]): 2})


def test_only_matching_requests_are_split(gw: Gateway) -> None:
    gw.hx.put("upstreams", "canary", gw.upstream(1))
    gw.route("ts", "/ts", {"traffic-split": {"rules": [{
        "match": [{"vars": [["http_x_canary", "==", "1"]]}],
        "weighted_upstreams": [{"upstream_id": "canary", "weight": 1}]}]}})
    assert _servers(gw, 3) == Counter({str(gw.echo_ports[0]): 3})
    assert _servers(gw, 3, {"X-Canary": "1"}) == Counter({str(gw.echo_ports[1]): 3})


def test_a_missing_upstream_id_is_a_500(gw: Gateway) -> None:
    gw.route("ts", "/ts", {"traffic-split": {"rules": [{"weighted_upstreams": [
        {"upstream_id": "nope", "weight": 1}]}]}})
    reply = gw.send("GET", "/ts")
    assert (reply.status, reply.body) == (500, b"failed to fetch upstream info by upstream id: nope")
