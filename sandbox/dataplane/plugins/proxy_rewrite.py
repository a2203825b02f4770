"""proxy-rewrite: rewrite upstream uri, host, method and request headers (APISIX 3.18)."""

from __future__ import annotations

import re
from typing import Any

from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.plugins._util import (
    escape_control_chars, escape_uri, lua_replacement, resolve_captures, resolve_vars,
)
from sandbox.dataplane.resolve import Exit
from sandbox.dataplane.runtime import Runtime

NAME = "proxy-rewrite"
PRIORITY = 1008


def _regex_uri(pairs: list[str], uri: str, ctx: RequestContext) -> str:
    """The first pattern that matches rewrites the uri (first occurrence only)."""
    for i in range(0, len(pairs) - 1, 2):
        try:
            match = re.search(pairs[i], uri)
            if match is None:
                continue
            ctx.extra["regex_uri_captures"] = [match.group(0), *match.groups()]
            return re.sub(pairs[i], lua_replacement(pairs[i + 1]), uri, count=1)
        except (re.error, IndexError) as err:
            msg = f"failed to match the uri {ctx.uri} ({pairs[i]})  : {err}"
            raise Exit(500, {"error_msg": msg})
    return uri


def _upstream_uri(conf: dict[str, Any], ctx: RequestContext) -> str:
    uri, escaped = ctx.uri, False
    if conf.get("uri") is not None:
        escaped = True
        uri = resolve_vars(conf["uri"], ctx, lambda v: v.replace("?", "%3F"))
    elif conf.get("regex_uri") is not None:
        escaped = "?" not in uri
        uri = _regex_uri(conf["regex_uri"], uri, ctx)
    index = uri.find("?") if escaped else -1
    if index >= 0:
        uri = escape_uri(uri[:index]) + escape_control_chars(uri[index:])
    else:
        uri = escape_uri(uri)
    # ngx.req.set_uri changes nginx's $uri, but plugins read ctx.var, whose cache keeps the
    # uri it matched with; so ctx.uri stays as it was
    if ctx.args:
        return uri + ("&" if index >= 0 else "?") + ctx.args
    return uri


def _value(value: Any, ctx: RequestContext) -> str:
    captures = ctx.extra.get("regex_uri_captures") or []
    return resolve_vars(resolve_captures(str(value), captures), ctx)


def _apply_headers(conf: dict[str, Any], ctx: RequestContext) -> None:
    headers = conf.get("headers") or {}
    structured = any(k in headers for k in ("add", "set", "remove"))
    add = headers.get("add") or {} if structured else {}
    set_ = headers.get("set") or {} if structured else headers
    for name, value in add.items():
        for item in value if isinstance(value, list) else [value]:
            ctx.headers.add(name, _value(item, ctx))
    for name, value in set_.items():
        ctx.headers.popall(name, None)
        values = [_value(v, ctx) for v in (value if isinstance(value, list) else [value])]
        for item in values:
            if item != "":  # ngx.req.set_header with "" clears the header
                ctx.headers.add(name, item)
    for name in headers.get("remove") or [] if structured else []:
        ctx.headers.popall(name, None)


async def rewrite(conf: dict[str, Any], ctx: RequestContext, rt: Runtime) -> None:
    if conf.get("host"):
        ctx.upstream_host = conf["host"]
    ctx.upstream_uri = _upstream_uri(conf, ctx)
    _apply_headers(conf, ctx)
    if conf.get("method"):
        ctx.extra["upstream_method"] = conf["method"]
    if conf.get("enable_websocket"):
        ctx.extra["websocket"] = True
