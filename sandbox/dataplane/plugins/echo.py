"""echo: replace, prefix or suffix the response body and set response headers."""

from __future__ import annotations

from typing import Any

from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.runtime import ResponseState

NAME = "echo"
PRIORITY = 412


def wants_body(conf: dict[str, Any]) -> bool:
    return any(conf.get(k) is not None for k in ("body", "before_body", "after_body"))


def header_filter(conf: dict[str, Any], ctx: RequestContext, resp: ResponseState) -> None:
    for name, value in (conf.get("headers") or {}).items():
        resp.headers[name] = str(value)
    if wants_body(conf):
        resp.headers.popall("Content-Length", None)


def body_filter(conf: dict[str, Any], ctx: RequestContext, resp: ResponseState) -> None:
    body = resp.body or b""
    if conf.get("body") is not None:
        body = str(conf["body"]).encode()
    resp.body = (str(conf.get("before_body") or "").encode() + body
                 + str(conf.get("after_body") or "").encode())
