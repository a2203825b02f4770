"""redirect: answer with a 3xx and a Location built from the request."""

from __future__ import annotations

import re
from typing import Any

from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.plugins._util import lua_replacement, resolve_vars
from sandbox.dataplane.resolve import Exit
from sandbox.dataplane.runtime import Runtime

NAME = "redirect"
PRIORITY = 900


def _target(conf: dict[str, Any], ctx: RequestContext) -> str | None:
    if conf.get("http_to_https") and ctx.scheme == "http":
        return f"https://{ctx.host}{ctx.uri}" + (f"?{ctx.args}" if ctx.args else "")
    if conf.get("uri"):
        return resolve_vars(conf["uri"], ctx)
    pairs = conf.get("regex_uri") or []
    if len(pairs) == 2 and re.search(pairs[0], ctx.uri):
        return re.sub(pairs[0], lua_replacement(pairs[1]), ctx.uri, count=1)
    return None


async def rewrite(conf: dict[str, Any], ctx: RequestContext, rt: Runtime) -> None:
    target = _target(conf, ctx)
    if target is None:
        return
    code = 301 if conf.get("http_to_https") else int(conf.get("ret_code", 302))
    if conf.get("append_query_string") and ctx.args:
        target += ("&" if "?" in target else "?") + ctx.args
    raise Exit(code, None, {"Location": target})
