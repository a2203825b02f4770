"""response-rewrite: change the status, headers and body of the response."""

from __future__ import annotations

import base64
import re
from typing import Any

from sandbox.dataplane import expr
from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.plugins._util import lua_replacement, resolve_vars
from sandbox.dataplane.runtime import ResponseState

NAME = "response-rewrite"
PRIORITY = 899


def _applies(conf: dict[str, Any], ctx: RequestContext, resp: ResponseState) -> bool:
    if not conf.get("vars"):
        return True
    def lookup(name: str) -> Any:
        return str(resp.status) if name == "status" else ctx.var(name)
    return expr.evaluate(conf["vars"], lookup)


def _headers(conf: dict[str, Any], ctx: RequestContext, resp: ResponseState) -> None:
    headers = conf.get("headers") or {}
    structured = any(k in headers for k in ("add", "set", "remove"))
    for item in headers.get("add", []) if structured else []:
        name, _, value = str(item).partition(":")
        resp.headers.add(name.strip(), resolve_vars(value.strip(), ctx))
    for name, value in (headers.get("set", {}) if structured else headers).items():
        resp.headers.popall(name, None)
        resolved = resolve_vars(str(value), ctx)
        if resolved != "":
            resp.headers[name] = resolved
    for name in headers.get("remove", []) if structured else []:
        resp.headers.popall(name, None)


def wants_body(conf: dict[str, Any]) -> bool:
    return conf.get("body") is not None or bool(conf.get("filters"))


def header_filter(conf: dict[str, Any], ctx: RequestContext, resp: ResponseState) -> None:
    ctx.extra["response_rewrite_applies"] = applies = _applies(conf, ctx, resp)
    if not applies:
        return
    if conf.get("status_code"):
        resp.status = int(conf["status_code"])
    _headers(conf, ctx, resp)
    if wants_body(conf):
        resp.headers.popall("Content-Length", None)
        resp.headers.popall("Content-Encoding", None)


def _filter(body: bytes, filters: list[dict[str, Any]]) -> bytes:
    text = body.decode(errors="replace")
    for item in filters:
        flags = re.IGNORECASE if "i" in item.get("options", "jo") else 0
        count = 0 if item.get("scope", "once") == "global" else 1
        try:
            text = re.sub(item["regex"], lua_replacement(item.get("replace", "")), text,
                          count=count, flags=flags)
        except re.error:
            continue
    return text.encode()


def body_filter(conf: dict[str, Any], ctx: RequestContext, resp: ResponseState) -> None:
    if not ctx.extra.get("response_rewrite_applies"):
        return
    if conf.get("body") is not None:
        body = str(conf["body"])
        resp.body = base64.b64decode(body) if conf.get("body_base64") else body.encode()
    elif conf.get("filters") and resp.body is not None:
        resp.body = _filter(resp.body, conf["filters"])
