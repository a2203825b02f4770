"""request-id: give each request an id header, upstream and (by default) in the response."""

from __future__ import annotations

import uuid
from typing import Any

from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.runtime import ResponseState, Runtime

NAME = "request-id"
PRIORITY = 12015


async def rewrite(conf: dict[str, Any], ctx: RequestContext, rt: Runtime) -> None:
    name = conf.get("header_name", "X-Request-Id")
    value = ctx.headers.get(name) or str(uuid.uuid4())
    ctx.headers[name] = value
    ctx.extra["request_id"] = value


def header_filter(conf: dict[str, Any], ctx: RequestContext, resp: ResponseState) -> None:
    if conf.get("include_in_response", True) and ctx.extra.get("request_id"):
        resp.headers[conf.get("header_name", "X-Request-Id")] = ctx.extra["request_id"]
