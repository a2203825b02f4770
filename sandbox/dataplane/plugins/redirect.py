"""redirect: answer with a 3xx and a Location built from the request (APISIX 3.18 redirect.lua)."""

from __future__ import annotations

import re
from typing import Any

from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.plugins._util import escape_uri, lua_replacement
from sandbox.dataplane.resolve import Exit
from sandbox.dataplane.runtime import Runtime

NAME = "redirect"
PRIORITY = 900
HTTPS_PORT = 9443  # APISIX's default `apisix.ssl.listen`; http_to_https redirects there
# concat_new_uri's segments: `\$name` (kept literally), `${name}`, `$name`, then anything else
_SEGMENT = re.compile(r"(\\\$[0-9a-zA-Z_]+)|\$\{([0-9a-zA-Z_]+)\}|\$([0-9a-zA-Z_]+)|(\$|[^$\\]+)")


def concat_new_uri(template: str, ctx: RequestContext) -> str:
    out = []
    for literal, braced, bare, other in _SEGMENT.findall(template):
        if braced or bare:
            value = ctx.var(braced or bare)
            if value is not None:  # a nil variable is simply left out
                out.append(str(value))
        else:
            out.append(literal or other)
    return "".join(out)


def _target(conf: dict[str, Any], ctx: RequestContext) -> tuple[str | None, int]:
    code = int(conf.get("ret_code", 302))
    uri = conf.get("uri")
    # X-Forwarded-Proto was already set to the scheme (ngx_tpl.lua), so plain http redirects
    scheme = ctx.headers.get("X-Forwarded-Proto") or ctx.scheme
    if conf.get("http_to_https") and scheme != "https":
        uri = f"https://$host:{HTTPS_PORT}$request_uri"
        code = 301 if ctx.method in ("GET", "HEAD") else 308
    if uri is not None:
        return concat_new_uri(uri, ctx), code
    pairs = conf.get("regex_uri")
    if pairs and len(pairs) == 2:
        try:
            new, count = re.subn(pairs[0], lua_replacement(pairs[1]), ctx.uri, count=1)
        except (re.error, IndexError):
            raise Exit(500)
        return (new if count else None), code
    return None, code


async def rewrite(conf: dict[str, Any], ctx: RequestContext, rt: Runtime) -> None:
    target, code = _target(conf, ctx)
    if target is None:
        return
    index = target.find("?")
    if conf.get("encode_uri"):
        target = escape_uri(target[:index]) + target[index:] if index >= 0 else escape_uri(target)
    if conf.get("append_query_string") and ctx.args:
        target += ("&" if index >= 0 else "?") + ctx.args
    raise Exit(code, None, {"Location": target})
