"""Upstream nodes and pickers: weighted round robin and consistent hashing (lua-resty-balancer's
roundrobin and chash, as APISIX's `apisix/balancer/*.lua` use them)."""

from __future__ import annotations

import bisect
import json
import math
import re
import struct
import zlib
from dataclasses import dataclass
from functools import reduce
from typing import Any

DEFAULT_PORTS = {"http": 80, "https": 443, "grpc": 80, "grpcs": 443}


@dataclass(frozen=True)
class Node:
    host: str
    port: int
    weight: int
    priority: int = 0

    @property
    def address(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"


def _split_host_port(key: str, default_port: int) -> tuple[str, int]:
    if key.startswith("["):
        host, _, rest = key[1:].partition("]")
        return host, int(rest[1:]) if rest.startswith(":") else default_port
    if key.count(":") == 1:
        host, port = key.split(":")
        return host, int(port)
    return key, default_port


def parse_nodes(upstream: dict[str, Any]) -> list[Node]:
    """Nodes from the `{"host:port": weight}` map or the array form; port defaults by scheme."""
    default_port = DEFAULT_PORTS.get(upstream.get("scheme", "http"), 80)
    raw = upstream.get("nodes") or []
    nodes: list[Node] = []
    if isinstance(raw, dict):
        for key, weight in raw.items():
            host, port = _split_host_port(key, default_port)
            nodes.append(Node(host, port, int(weight)))
    else:
        for item in raw:
            port = item.get("port") or default_port
            nodes.append(Node(item["host"], int(port), int(item.get("weight", 1)),
                              int(item.get("priority", 0))))
    return nodes


class RoundRobin:
    """Interleaved weighted round robin with gcd steps; weight-0 nodes are never chosen."""

    def __init__(self, nodes: list[Node]) -> None:
        self.nodes = nodes
        weights = [n.weight for n in nodes if n.weight > 0]
        self.max_weight = max(weights, default=0)
        self.gcd = reduce(math.gcd, weights, 0) or 1
        self.index = -1
        self.cw = 0

    def find(self) -> Node | None:
        if self.max_weight <= 0:
            return None
        while True:
            self.index = (self.index + 1) % len(self.nodes)
            if self.index == 0:
                self.cw -= self.gcd
                if self.cw <= 0:
                    self.cw = self.max_weight
            if self.nodes[self.index].weight >= self.cw:
                return self.nodes[self.index]


CONSISTENT_POINTS = 160  # points per unit of weight on the ring (resty.chash)


class ConsistentHash:
    """resty.chash's ring, which is nginx's `hash ... consistent`: each node gets weight*160
    points; point i is crc32(previous point's 4 little-endian bytes) continued from
    crc32("host\0port"). A key maps to the first point at or after crc32(key), wrapping."""

    def __init__(self, nodes: list[Node]) -> None:
        weights = [n.weight for n in nodes if n.weight > 0]
        gcd = reduce(math.gcd, weights, 0) or 1  # apisix/balancer/chash.lua divides by the gcd
        points: list[tuple[int, int]] = []
        for index, node in enumerate(nodes):
            base = zlib.crc32(node.address.replace(":", "\0").encode())
            prev = 0
            for _ in range(max(node.weight, 0) // gcd * CONSISTENT_POINTS):
                prev = zlib.crc32(struct.pack("<I", prev), base)
                points.append((prev, index))
        points.sort(key=lambda p: p[0])
        self.nodes = nodes
        self.hashes = [h for h, _ in points]
        self.ids = [i for _, i in points]

    def find(self, key: str) -> tuple[Node | None, int]:
        """The node for `key` and its ring position (for `next` on a retry)."""
        if not self.ids:
            return None, 0
        pos = bisect.bisect_left(self.hashes, zlib.crc32(key.encode()))
        pos = 0 if pos == len(self.hashes) else pos
        return self.nodes[self.ids[pos]], pos

    def next(self, pos: int) -> tuple[Node | None, int]:
        if not self.ids:
            return None, 0
        pos = (pos + 1) % len(self.ids)
        return self.nodes[self.ids[pos]], pos


def chash_key(upstream: dict[str, Any], var: Any, consumer_name: str | None) -> str:
    """fetch_chash_hash_key: the configured variable, header, cookie, consumer or combination;
    the client address when it is missing."""
    key, hash_on = str(upstream.get("key", "")), upstream.get("hash_on", "vars")
    value: Any = None
    if hash_on == "consumer":
        value = consumer_name
    elif hash_on == "vars":
        value = var(key)
    elif hash_on == "header":
        value = var(f"http_{key}")
    elif hash_on == "cookie":
        value = var(f"cookie_{key}")
    elif hash_on == "vars_combinations":
        names = re.findall(r"\$\{?(\w+)\}?", key)
        resolved = [var(n) for n in names]
        if any(v is not None for v in resolved):
            value = re.sub(r"\$\{?(\w+)\}?", lambda m: str(var(m.group(1)) or ""), key)
    return str(value if value is not None else var("remote_addr"))


class Balancer:
    """Pickers per upstream identity; a changed node list starts a new picker."""

    def __init__(self) -> None:
        self._pickers: dict[str, RoundRobin] = {}
        self._rings: dict[str, ConsistentHash] = {}

    def pick(self, key: str, nodes: list[Node], tried: set[Node],
             upstream: dict[str, Any] | None = None, hash_key: str | None = None,
             state: dict[str, Any] | None = None) -> Node | None:
        """pick_server: a single node is always used; chash upstreams hash `hash_key` on the
        ring (walking on from the last position on a retry); else the highest-priority untried
        node by weighted round robin. `state` carries a request's ring position across tries."""
        if len(nodes) == 1:
            return nodes[0] if nodes[0] not in tried else None
        if upstream is not None and upstream.get("type") == "chash" and hash_key is not None:
            return self._pick_chash(key, nodes, tried, hash_key, state if state is not None else {})
        for prio in sorted({n.priority for n in nodes}, reverse=True):
            group = [n for n in nodes if n.priority == prio]
            picked = self._pick_group(f"{key}#{prio}", group, tried)
            if picked:
                return picked
        return None

    def _pick_chash(self, key: str, nodes: list[Node], tried: set[Node], hash_key: str,
                    state: dict[str, Any]) -> Node | None:
        ident = "chash:" + key + json.dumps([n.__dict__ for n in nodes], sort_keys=True)
        ring = self._rings.get(ident)
        if ring is None:
            ring = self._rings[ident] = ConsistentHash(nodes)
        if "chash_pos" not in state:
            node, state["chash_pos"] = ring.find(hash_key)
            return node
        if len(tried) >= len(nodes):
            return None  # "all upstream servers tried"
        for _ in range(len(ring.ids)):  # APISIX's safe_limit
            node, state["chash_pos"] = ring.next(state["chash_pos"])
            if node not in tried:
                return node
        return None

    def _pick_group(self, key: str, nodes: list[Node], tried: set[Node]) -> Node | None:
        ident = key + json.dumps([n.__dict__ for n in nodes], sort_keys=True)
        picker = self._pickers.get(ident)
        if picker is None:
            picker = self._pickers[ident] = RoundRobin(nodes)
        for _ in range(sum(max(n.weight, 0) for n in nodes)):  # APISIX's safe_limit
            node = picker.find()
            if node is None:
                return None
            if node not in tried:
                return node
        return None
