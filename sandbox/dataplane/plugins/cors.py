"""cors: answer preflight requests and add CORS headers to responses (APISIX 3.18 cors.lua)."""

from __future__ import annotations

import re
from typing import Any

from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.resolve import Exit
from sandbox.dataplane.runtime import ResponseState, Runtime

NAME = "cors"
PRIORITY = 4000
ALL_METHODS = "GET,POST,PUT,DELETE,PATCH,HEAD,OPTIONS,CONNECT,TRACE"


def _by_list(allowed: str, origin: str | None) -> str | None:
    """process_with_allow_origins: '**' echoes the origin; a comma list must contain it; a single
    value is sent as configured whatever the request's origin."""
    if allowed == "**":
        allowed = origin or "*"
    if "," not in allowed:
        return allowed
    return origin if origin in re.findall(r"[^,]+", allowed) else None


def _by_regex(rules: list[str], origin: str | None) -> str | None:
    """process_with_allow_origins_by_regex: the rules joined with '|' must match the origin."""
    if not origin:
        return None
    try:
        return origin if re.search("|".join(rules), origin) else None
    except re.error:
        return None


def allowed_origin(conf: dict[str, Any], origin: str | None) -> str | None:
    """The Access-Control-Allow-Origin value, or None when no CORS headers are sent.
    (allow_origins_by_metadata needs plugin metadata, which the gateway does not read.)"""
    if conf.get("allow_origins_by_regex") is None:
        return _by_list(conf.get("allow_origins", "*"), origin)
    return _by_regex(conf["allow_origins_by_regex"], origin)


def _cors_headers(conf: dict[str, Any], ctx: RequestContext, origin: str) -> dict[str, str]:
    methods = conf.get("allow_methods", "*")
    out = {"Access-Control-Allow-Origin": origin,
           "Access-Control-Allow-Methods": ALL_METHODS if methods == "**" else methods,
           "Access-Control-Max-Age": str(conf.get("max_age", 5))}
    if conf.get("expose_headers"):
        out["Access-Control-Expose-Headers"] = conf["expose_headers"]
    headers = conf.get("allow_headers", "*")
    if headers == "**":
        headers = ctx.extra.get("cors_request_headers")
    if headers is not None:
        out["Access-Control-Allow-Headers"] = headers
    if conf.get("allow_credential"):
        out["Access-Control-Allow-Credentials"] = "true"
    return out


async def rewrite(conf: dict[str, Any], ctx: RequestContext, rt: Runtime) -> None:
    # the request's Origin as first seen: later phases may change the request headers
    ctx.extra["cors_origin"] = ctx.headers.get("Origin")
    ctx.extra["cors_request_headers"] = ctx.headers.get("Access-Control-Request-Headers")
    if ctx.method == "OPTIONS":
        raise Exit(200)


def header_filter(conf: dict[str, Any], ctx: RequestContext, resp: ResponseState) -> None:
    origin = allowed_origin(conf, ctx.extra.get("cors_origin"))
    if conf.get("allow_origins", "*") != "*":
        resp.headers.add("Vary", "Origin")
    if origin is not None:
        for name, value in _cors_headers(conf, ctx, origin).items():
            resp.headers[name] = value
