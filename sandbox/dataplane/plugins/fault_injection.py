"""fault-injection: delay and/or abort requests, optionally only when `vars` match."""

from __future__ import annotations

import asyncio
import random
from typing import Any

from sandbox.dataplane import expr
from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.plugins._util import resolve_vars
from sandbox.dataplane.resolve import Exit
from sandbox.dataplane.runtime import Runtime

NAME = "fault-injection"
PRIORITY = 11000


def _sample_hit(percentage: Any) -> bool:
    return percentage is None or random.randint(1, 100) <= int(percentage)


def _vars_match(conf: dict[str, Any], ctx: RequestContext) -> bool:
    """`vars` is a list of expressions: any one matching is enough; an empty list never matches."""
    if "vars" not in conf:
        return True
    return any(expr.evaluate(rule, ctx.var) for rule in conf["vars"] if isinstance(rule, list))


async def rewrite(conf: dict[str, Any], ctx: RequestContext, rt: Runtime) -> None:
    abort, delay = conf.get("abort"), conf.get("delay")
    abort_hit = bool(abort) and _vars_match(abort, ctx)
    if delay and _sample_hit(delay.get("percentage")) and _vars_match(delay, ctx):
        await asyncio.sleep(float(delay.get("duration", 0)))
    if abort and _sample_hit(abort.get("percentage")) and abort_hit:
        headers = {}
        for name, value in (abort.get("headers") or {}).items():
            headers[name] = resolve_vars(value, ctx) if isinstance(value, str) else _number(value)
        body = abort.get("body")
        raise Exit(int(abort["http_status"]),
                   resolve_vars(body, ctx) if body is not None else None, headers)


def _number(value: Any) -> str:
    """Lua's tostring of a JSON number: integral values print without a fraction."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
