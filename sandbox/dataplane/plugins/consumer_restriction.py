"""consumer-restriction: allow or deny by consumer name (or route/service id)."""

from __future__ import annotations

from typing import Any

from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.resolve import Exit
from sandbox.dataplane.runtime import Runtime

NAME = "consumer-restriction"
PRIORITY = 2400


def _subject(conf: dict[str, Any], ctx: RequestContext) -> str | None:
    kind = conf.get("type", "consumer_name")
    if kind == "consumer_name":
        return ctx.consumer_name
    if kind == "service_id":
        return ctx.service_id
    if kind == "route_id":
        return ctx.route_id
    consumer = (ctx.consumer or {}).get("consumer") or {}
    return consumer.get("group_id")


async def access(conf: dict[str, Any], ctx: RequestContext, rt: Runtime) -> None:
    subject = _subject(conf, ctx)
    if subject is None:
        raise Exit(401, {"message": "Missing authentication or identity verification."})
    code = int(conf.get("rejected_code", 403))
    msg = conf.get("rejected_msg") or f"The {conf.get('type', 'consumer_name')} is forbidden."
    if conf.get("blacklist") and subject in conf["blacklist"]:
        raise Exit(code, {"message": msg})
    if conf.get("whitelist") and subject not in conf["whitelist"]:
        raise Exit(code, {"message": msg})
    allowed = conf.get("allowed_by_methods")
    if allowed:
        for item in allowed:
            if item.get("user") == subject and ctx.method not in item.get("methods", []):
                raise Exit(code, {"message": msg})
