"""chash: APISIX's consistent-hash ring (resty.chash) and retries that walk it."""

from __future__ import annotations

from collections import Counter

from sandbox.dataplane.balancer import ConsistentHash, Node
from tests.sandbox.dataplane.conftest import Gateway

A, B = Node("127.0.0.1", 18911, 1), Node("127.0.0.1", 18912, 1)


def test_keys_land_where_apisix_puts_them() -> None:
    # APISIX 3.18 sends u0 to :18911 and u1, u2 to :18912 (recorded gateway, dataplane.jsonl)
    ring = ConsistentHash([A, B])
    assert [ring.find(k)[0] for k in ("u0", "u1", "u2")] == [A, B, B]
    assert [ConsistentHash([B, A]).find(k)[0] for k in ("u0", "u1", "u2")] == [A, B, B]


def test_weights_scale_the_points_and_zero_weight_gets_none() -> None:
    heavy = ConsistentHash([Node("10.0.0.1", 80, 3), Node("10.0.0.2", 80, 1)])
    assert len(heavy.ids) == 4 * 160
    share = Counter(heavy.find(f"k{i}")[0].host for i in range(2000))
    assert share["10.0.0.1"] > 2 * share["10.0.0.2"]
    lone = ConsistentHash([Node("10.0.0.1", 80, 0), Node("10.0.0.2", 80, 2)])
    assert {lone.find(f"k{i}")[0].host for i in range(50)} == {"10.0.0.2"}
    assert len(ConsistentHash([Node("10.0.0.1", 80, 2), Node("10.0.0.2", 80, 4)]).ids) == 3 * 160


def test_gateway_hashes_the_configured_var(gw: Gateway) -> None:
    gw.route("ch", "/ch/*", upstream={"type": "chash", "hash_on": "vars", "key": "arg_user",
                                      "nodes": {gw.node(0): 1, gw.node(1): 1}})
    ring = ConsistentHash([Node("127.0.0.1", p, 1) for p in gw.echo_ports])
    for user in ("u0", "u1", "u2", "u3"):
        expected = str(ring.find(user)[0].port)
        assert {gw.send("GET", f"/ch/x?user={user}").echo["server"] for _ in range(2)} == {expected}


def test_a_dead_node_is_retried_on_the_next_ring_point(gw: Gateway) -> None:
    from tests.helpers.procs import free_port
    dead = f"127.0.0.1:{free_port()}"
    gw.route("ch", "/ch/*", upstream={"type": "chash", "hash_on": "header", "key": "x-user",
                                      "nodes": {dead: 1, gw.node(0): 1}})
    for user in ("a", "b", "c", "d"):
        reply = gw.send("GET", "/ch/x", {"X-User": user})
        assert reply.status == 200 and reply.echo["server"] == str(gw.echo_ports[0])


def test_retries_zero_fails_on_the_dead_node_without_trying_another(gw: Gateway) -> None:
    from tests.helpers.procs import free_port
    dead = f"127.0.0.1:{free_port()}"
    gw.route("d", "/d/*", upstream={"type": "roundrobin", "retries": 0,
                                    "nodes": {dead: 1, gw.node(0): 1}})
    statuses = Counter(gw.send("GET", f"/d/{i}").status for i in range(6))
    assert statuses == Counter({200: 3, 502: 3})
    gw.route("d", "/d/*", upstream={"type": "roundrobin", "nodes": {dead: 1, gw.node(0): 1}})
    assert {gw.send("GET", f"/d/{i}").status for i in range(4)} == {200}
