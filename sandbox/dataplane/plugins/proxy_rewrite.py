"""proxy-rewrite: rewrite upstream uri, host, method and request headers before proxying."""

from __future__ import annotations

import re
from typing import Any

from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.plugins._util import lua_replacement, resolve_vars
from sandbox.dataplane.runtime import Runtime

NAME = "proxy-rewrite"
PRIORITY = 1008


def _new_uri(conf: dict[str, Any], ctx: RequestContext) -> str | None:
    if conf.get("uri"):
        return resolve_vars(conf["uri"], ctx)
    pairs = conf.get("regex_uri") or []
    for i in range(0, len(pairs) - 1, 2):
        try:
            if re.search(pairs[i], ctx.uri):
                return re.sub(pairs[i], lua_replacement(pairs[i + 1]), ctx.uri, count=1)
        except re.error:
            return None
    return None


def _apply_headers(conf: dict[str, Any], ctx: RequestContext) -> None:
    headers = conf.get("headers") or {}
    structured = any(k in headers for k in ("add", "set", "remove"))
    add = headers.get("add", {}) if structured else {}
    set_ = headers.get("set", {}) if structured else headers
    for name, value in add.items():
        ctx.headers.add(name, resolve_vars(str(value), ctx))
    for name, value in set_.items():
        ctx.headers.popall(name, None)
        resolved = resolve_vars(str(value), ctx)
        if resolved != "":
            ctx.headers[name] = resolved
    for name in headers.get("remove", []) if structured else []:
        ctx.headers.popall(name, None)


async def rewrite(conf: dict[str, Any], ctx: RequestContext, rt: Runtime) -> None:
    uri = _new_uri(conf, ctx)
    if uri is not None:
        if ctx.args:
            uri += ("&" if "?" in uri else "?") + ctx.args
        ctx.upstream_uri = uri
    if conf.get("method"):
        ctx.extra["upstream_method"] = conf["method"]
    if conf.get("host"):
        ctx.upstream_host = conf["host"]
    if conf.get("enable_websocket"):
        ctx.extra["websocket"] = True
    _apply_headers(conf, ctx)
