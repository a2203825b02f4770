"""Upstream nodes and weighted round robin (lua-resty-balancer's roundrobin, as APISIX uses it)."""

from __future__ import annotations

import json
import math
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


class Balancer:
    """Pickers per upstream identity; a changed node list starts a new picker."""

    def __init__(self) -> None:
        self._pickers: dict[str, RoundRobin] = {}

    def pick(self, key: str, nodes: list[Node], tried: set[Node]) -> Node | None:
        """pick_server: a single node is always used; else the highest-priority untried node."""
        if len(nodes) == 1:
            return nodes[0] if nodes[0] not in tried else None
        for prio in sorted({n.priority for n in nodes}, reverse=True):
            group = [n for n in nodes if n.priority == prio]
            picked = self._pick_group(f"{key}#{prio}", group, tried)
            if picked:
                return picked
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
