"""limit-count (local policy): fixed-window request counting per key."""

from __future__ import annotations

import math
import re
import time
from typing import Any

from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.plugins._util import limit_key, limit_value
from sandbox.dataplane.resolve import Exit
from sandbox.dataplane.runtime import Runtime

NAME = "limit-count"
PRIORITY = 1002


def _key(conf: dict[str, Any], ctx: RequestContext) -> str:
    value = limit_value(conf, ctx)
    if conf.get("group"):
        return f"{conf['group']}:{value}"
    return limit_key(NAME, conf, ctx, value)


def _headers(conf: dict[str, Any], ctx: RequestContext, remaining: int, reset: int) -> None:
    if conf.get("show_limit_quota_header", True):
        ctx.resp_headers["X-RateLimit-Limit"] = str(conf["count"])
        ctx.resp_headers["X-RateLimit-Remaining"] = str(remaining)
        ctx.resp_headers["X-RateLimit-Reset"] = str(reset)


def _resolve(value: Any, ctx: RequestContext) -> str:
    return re.sub(r"\$(\w+)", lambda m: str(ctx.var(m.group(1)) or ""), str(value))


def _pick_rule(conf: dict[str, Any], ctx: RequestContext) -> dict[str, Any] | None:
    """`rules` (newer limit-count): the first rule whose key resolves to a value applies."""
    for rule in conf["rules"]:
        key = _resolve(rule["key"], ctx)
        if key:
            count, window = _resolve(rule["count"], ctx), _resolve(rule["time_window"], ctx)
            if count.isdigit() and window.isdigit():
                return {**conf, "count": int(count), "time_window": int(window),
                        "key_type": "constant", "key": f"rule:{rule['key']}:{key}"}
    return None


async def access(conf: dict[str, Any], ctx: RequestContext, rt: Runtime) -> None:
    if "rules" in conf:
        picked = _pick_rule(conf, ctx)
        if picked is None:
            return
        conf = picked
    count, window = int(conf["count"]), int(conf["time_window"])
    counters: dict[str, list[float]] = rt.counters.setdefault(NAME, {})
    key, now = _key(conf, ctx), time.monotonic()
    slot = counters.get(key)
    if slot is None or slot[1] <= now:
        slot = counters[key] = [0, now + window]
    reset = max(0, math.ceil(slot[1] - now))
    if slot[0] >= count:
        _headers(conf, ctx, 0, reset)
        msg = conf.get("rejected_msg")
        raise Exit(int(conf.get("rejected_code", 503)), {"error_msg": msg} if msg else None)
    slot[0] += 1
    _headers(conf, ctx, count - int(slot[0]), reset)
