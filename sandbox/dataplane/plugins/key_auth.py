"""key-auth: find the consumer by API key in a header or query argument."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode

from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.resolve import Exit
from sandbox.dataplane.runtime import Runtime

NAME = "key-auth"
PRIORITY = 2500


def attach_consumer(ctx: RequestContext, found: dict[str, Any]) -> None:
    """consumer.attach_consumer: remember the consumer and tell the upstream who it is."""
    ctx.consumer = found
    ctx.consumer_name = found["username"]
    ctx.headers["X-Consumer-Username"] = found["username"]
    if found.get("credential_id"):
        ctx.headers["X-Credential-Identifier"] = found["credential_id"]
    custom_id = (found.get("consumer") or {}).get("labels", {}).get("custom_id")
    if custom_id:
        ctx.headers["X-Consumer-Custom-Id"] = str(custom_id)


def _anonymous(conf: dict[str, Any], rt: Runtime, message: str) -> dict[str, Any]:
    name = conf.get("anonymous_consumer")
    found = next((c for c in rt.consumers() if c["username"] == name
                  and c["credential_id"] is None), None) if name else None
    if found is None:
        raise Exit(401, {"message": message})
    return found


def _hide(conf: dict[str, Any], ctx: RequestContext, from_header: bool) -> None:
    if from_header:
        ctx.headers.popall(conf.get("header", "apikey"), None)
        return
    query = conf.get("query", "apikey")
    ctx.args = urlencode([(k, v) for k, v in parse_qsl(ctx.args, keep_blank_values=True)
                          if k != query])


async def rewrite(conf: dict[str, Any], ctx: RequestContext, rt: Runtime) -> None:
    key = ctx.headers.get(conf.get("header", "apikey"))
    from_header = key is not None
    if key is None:
        key = ctx.query.get(conf.get("query", "apikey"))
    if key is None:
        attach_consumer(ctx, _anonymous(conf, rt, "Missing API key in request"))
        return
    found = rt.find_consumer(NAME, "key", key)
    if found is None:
        attach_consumer(ctx, _anonymous(conf, rt, "Invalid API key in request"))
        return
    if conf.get("hide_credentials"):
        _hide(conf, ctx, from_header)
    attach_consumer(ctx, found)
