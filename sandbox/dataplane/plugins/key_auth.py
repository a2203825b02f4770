"""key-auth: find the consumer by API key in a header or query argument."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, unquote

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


def anonymous_consumer(conf: dict[str, Any], rt: Runtime) -> dict[str, Any] | None:
    """consumer.get_anonymous_consumer: the named consumer itself (not one of its credentials)."""
    name = conf.get("anonymous_consumer")
    return next((c for c in rt.consumers() if c["username"] == name
                 and c["credential_id"] is None), None) if name else None


def without_arg(args: str, name: str) -> str:
    """ngx.req.set_uri_args after dropping `name`: the rest re-encoded as ngx.encode_args does
    (everything but unreserved characters escaped, `+` read as a space, bare flags kept bare)."""
    out = []
    for part in args.split("&"):
        if not part:
            continue
        key, eq, value = part.partition("=")
        key = unquote(key.replace("+", " "))
        if key == name:
            continue
        encoded = quote(key, safe="-._~")
        out.append(f"{encoded}={quote(unquote(value.replace('+', ' ')), safe='-._~')}" if eq
                   else encoded)
    return "&".join(out)


def _hide(conf: dict[str, Any], ctx: RequestContext, header: bool, query: bool) -> None:
    if header:
        ctx.headers.popall(conf.get("header", "apikey"), None)
    name = conf.get("query", "apikey")
    if query and name in ctx.query:
        ctx.args = without_arg(ctx.args, name)


def _find(conf: dict[str, Any], ctx: RequestContext,
          rt: Runtime) -> tuple[dict[str, Any] | None, str, bool]:
    key = ctx.headers.get(conf.get("header", "apikey"))
    from_header = key is not None
    if key is None:
        key = ctx.query.get(conf.get("query", "apikey"))
    if key is None:
        return None, "Missing API key in request", from_header
    found = rt.find_consumer(NAME, "key", key)
    if found is None:
        return None, "Invalid API key in request", from_header
    return found, "", from_header


async def rewrite(conf: dict[str, Any], ctx: RequestContext, rt: Runtime) -> None:
    found, err, from_header = _find(conf, ctx, rt)
    challenge = {"WWW-Authenticate": f'apikey realm="{conf.get("realm", "key")}"'}
    if found is not None:
        if conf.get("hide_credentials"):
            _hide(conf, ctx, from_header, not from_header)
    else:
        if not conf.get("anonymous_consumer"):
            raise Exit(401, {"message": err}, challenge)
        if conf.get("hide_credentials"):  # an invalid key must not reach the upstream either
            _hide(conf, ctx, True, True)
        found = anonymous_consumer(conf, rt)
        if found is None:
            raise Exit(401, {"message": "Invalid user authorization"}, challenge)
    attach_consumer(ctx, found)
