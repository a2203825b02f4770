"""Helpers shared by plugins: `$var` interpolation (core.utils.resolve_var)."""

from __future__ import annotations

import re

from sandbox.dataplane.context import RequestContext

_VAR = re.compile(r"(\\?)\$(?:\{([\w]+)\}|([\w]+))")


def resolve_vars(template: str, ctx: RequestContext) -> str:
    """Replace `$name` / `${name}` with request variables; missing ones become ''."""
    def sub(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group(0)[1:]
        value = ctx.var(match.group(2) or match.group(3))
        return "" if value is None else str(value)
    return _VAR.sub(sub, template)


def lua_replacement(template: str) -> str:
    """ngx.re.sub's `$1`/`${1}` captures to Python's `\\g<1>`."""
    return re.sub(r"\$\{?(\d+)\}?", r"\\g<\1>", template.replace("\\", "\\\\"))
