"""limit-req (local policy): leaky-bucket rate limiting as resty.limit.req does it."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.plugins._util import limit_key, limit_value
from sandbox.dataplane.resolve import Exit
from sandbox.dataplane.runtime import Runtime

NAME = "limit-req"
PRIORITY = 1001


def incoming(buckets: dict[str, tuple[float, float]], key: str, rate: float, burst: float,
             now: float) -> float | None:
    """resty.limit.req's incoming: the delay in seconds, or None when rejected. Excess is kept in
    thousandths of a request, as the library does."""
    excess = 0.0
    if key in buckets:
        last_excess, last = buckets[key]
        excess = max(last_excess - rate * 1000 * abs(now - last) + 1000, 0.0)
        if excess > burst * 1000:
            return None
    buckets[key] = (excess, now)
    return excess / (rate * 1000)


async def access(conf: dict[str, Any], ctx: RequestContext, rt: Runtime) -> None:
    buckets: dict[str, tuple[float, float]] = rt.counters.setdefault(NAME, {})
    key = limit_key(NAME, conf, ctx, limit_value(conf, ctx))
    delay = incoming(buckets, key, float(conf["rate"]), float(conf.get("burst", 0)),
                     time.monotonic())
    if delay is None:
        msg = conf.get("rejected_msg")
        raise Exit(int(conf.get("rejected_code", 503)), {"error_msg": msg} if msg else None)
    if delay >= 0.001 and not conf.get("nodelay"):
        await asyncio.sleep(delay)
