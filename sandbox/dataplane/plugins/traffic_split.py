"""traffic-split: send matching requests to weighted upstreams (APISIX 3.18 traffic-split.lua).

The pick is a weighted round robin over the rule's `weighted_upstreams`; an entry without an
upstream means the route's own. The choice is left in `ctx.extra["upstream_override"]` as
("id", upstream_id) or ("inline", key, upstream) for the gateway to proxy to.
"""

from __future__ import annotations

import json
from typing import Any

from sandbox.dataplane import expr
from sandbox.dataplane.balancer import Node, RoundRobin
from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.resolve import Exit, fetch
from sandbox.dataplane.runtime import Runtime

NAME = "traffic-split"
PRIORITY = 966


def _pick_rule(conf: dict[str, Any], ctx: RequestContext, rt: Runtime) -> list[dict[str, Any]] | None:
    """The first rule without `match`, or whose any `match` item's vars pass."""
    for rule in conf.get("rules") or []:
        for item in rule.get("weighted_upstreams") or []:
            if item.get("upstream_id") is not None and \
                    fetch(rt.store, "upstreams", item["upstream_id"]) is None:
                raise Exit(500, f"failed to fetch upstream info by upstream id: {item['upstream_id']}")
        matches = rule.get("match")
        if not matches or any(expr.evaluate(m.get("vars") or [], ctx.var) for m in matches):
            return rule.get("weighted_upstreams") or []
    return None


def _picker(rt: Runtime, weighted: list[dict[str, Any]]) -> RoundRobin:
    pickers: dict[str, RoundRobin] = rt.counters.setdefault(NAME, {})
    ident = json.dumps(weighted, sort_keys=True)
    if ident not in pickers:
        # one pseudo node per entry: the host carries the entry's index
        pickers[ident] = RoundRobin([Node(str(i), 0, int(item.get("weight", 1)))
                                     for i, item in enumerate(weighted)])
    return pickers[ident]


async def access(conf: dict[str, Any], ctx: RequestContext, rt: Runtime) -> None:
    weighted = _pick_rule(conf, ctx, rt)
    if not weighted:
        return
    node = _picker(rt, weighted).find()
    if node is None:
        return
    index = int(node.host)
    item = weighted[index]
    if item.get("upstream_id") is not None:
        ctx.extra["upstream_override"] = ("id", str(item["upstream_id"]))
    elif item.get("upstream"):
        key = f"traffic-split#{ctx.route_id}#{index}"
        ctx.extra["upstream_override"] = ("inline", key, item["upstream"])
