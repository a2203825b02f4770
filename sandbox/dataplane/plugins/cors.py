"""cors: answer preflight requests and add CORS headers to responses."""

from __future__ import annotations

from typing import Any

from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.resolve import Exit
from sandbox.dataplane.runtime import ResponseState, Runtime

NAME = "cors"
PRIORITY = 4000
ALL_METHODS = "GET,POST,PUT,DELETE,PATCH,HEAD,OPTIONS,CONNECT,TRACE"


def _origin(conf: dict[str, Any], ctx: RequestContext) -> str | None:
    allowed = conf.get("allow_origins", "*")
    origin = ctx.headers.get("Origin")
    if allowed == "*":
        return "*"
    if allowed == "**":
        return origin or "*"
    if origin and origin in [o.strip() for o in allowed.split(",")]:
        return origin
    return None


def _cors_headers(conf: dict[str, Any], ctx: RequestContext) -> dict[str, str]:
    origin = _origin(conf, ctx)
    if origin is None:
        return {}
    methods = conf.get("allow_methods", "*")
    headers = conf.get("allow_headers", "*")
    if headers == "**":
        headers = ctx.headers.get("Access-Control-Request-Headers", "*")
    out = {"Access-Control-Allow-Origin": origin,
           "Access-Control-Allow-Methods": ALL_METHODS if methods == "**" else methods,
           "Access-Control-Max-Age": str(conf.get("max_age", 5)),
           "Access-Control-Allow-Headers": headers}
    if conf.get("expose_headers"):
        out["Access-Control-Expose-Headers"] = conf["expose_headers"]
    if origin != "*":
        out["Vary"] = "Origin"
    if conf.get("allow_credential"):
        out["Access-Control-Allow-Credentials"] = "true"
    return out


async def rewrite(conf: dict[str, Any], ctx: RequestContext, rt: Runtime) -> None:
    if ctx.method == "OPTIONS":
        raise Exit(200, None, _cors_headers(conf, ctx))


def header_filter(conf: dict[str, Any], ctx: RequestContext, resp: ResponseState) -> None:
    for name, value in _cors_headers(conf, ctx).items():
        resp.headers[name] = value
