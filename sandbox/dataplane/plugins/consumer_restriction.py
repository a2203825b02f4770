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


def _method_allowed(allowed: list[dict[str, Any]], method: str, subject: str) -> bool:
    for item in allowed:
        if item.get("user") == subject:
            return method in (item.get("methods") or [])
    return True


async def access(conf: dict[str, Any], ctx: RequestContext, rt: Runtime) -> None:
    kind = conf.get("type", "consumer_name")
    subject = _subject(conf, ctx)
    if subject is None:
        raise Exit(401, {"message": f"The request is rejected, please check the {kind} for this "
                                    "request"})
    code = int(conf.get("rejected_code", 403))
    reject = Exit(code, {"message": conf.get("rejected_msg") or f"The {kind} is forbidden."})
    if conf.get("blacklist") and subject in conf["blacklist"]:
        raise reject
    whitelisted, block = False, False
    if conf.get("whitelist"):
        whitelisted = subject in conf["whitelist"]
        block = not whitelisted
    allowed = conf.get("allowed_by_methods")
    if allowed and not whitelisted and not _method_allowed(allowed, ctx.method, subject):
        block = True
    if block:
        raise reject
