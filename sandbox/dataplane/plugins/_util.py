"""Helpers shared by plugins: APISIX's core.utils.resolve_var and friends, nginx's URI escaping."""

from __future__ import annotations

import json
import re
import zlib
from typing import Any, Callable

from sandbox.dataplane.context import RequestContext

# core.utils.resolve_var: `$name`, `$a.b`, `${name}`, `${name ?? default}`; `\$` is left alone
_VAR = re.compile(r"(?<!\\)\$(\{\s*([^}]+?)\s*\}|([\w.]+))")
_CAPTURE = re.compile(r"(?<!\\)\$\{?(\d+)\}?")


def _lua_str(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def resolve_vars(template: str, ctx: RequestContext,
                 escaper: Callable[[str], str] | None = None) -> str:
    """Replace request variables in `template`; a missing one becomes '' (or its `??` default)."""
    if "$" not in template:
        return template

    def sub(match: re.Match[str]) -> str:
        segs = re.split(r"\s*\?\?\s*", match.group(2) or match.group(3), maxsplit=1)
        value = ctx.var(segs[0])
        if value is None:
            if len(segs) == 1:
                return ""
            value = segs[1]
        text = _lua_str(value)
        return escaper(text) if escaper else text
    return _VAR.sub(sub, template)


def resolve_captures(template: str, captures: list[str | None]) -> str:
    """core.utils.resolve_var_with_captures: `$1`/`${1}` from a regex match ('' when missing)."""
    if "$" not in template:
        return template

    def sub(match: re.Match[str]) -> str:
        index = int(match.group(1))
        value = captures[index] if index < len(captures) else None
        return value or ""
    return _CAPTURE.sub(sub, template)


def lua_replacement(template: str) -> str:
    """ngx.re.sub's `$1`/`${1}` captures to Python's `\\g<1>`."""
    return re.sub(r"\$\{?(\d+)\}?", r"\\g<\1>", template.replace("\\", "\\\\"))


# ngx_escape_uri(NGX_ESCAPE_URI): controls, space, '#', '%', '?', DEL and non-ASCII bytes
_URI_UNSAFE = {*range(0x00, 0x21), ord("#"), ord("%"), ord("?"), *range(0x7F, 0x100)}


def escape_uri(uri: str) -> str:
    """core.utils.uri_safe_encode: nginx's URI escaping of a decoded path."""
    return "".join(f"%{b:02X}" if b in _URI_UNSAFE else chr(b) for b in uri.encode("utf-8"))


def escape_control_chars(text: str) -> str:
    """core.utils.escape_uri_control_chars: only 0x00-0x1F and 0x7F are escaped."""
    return re.sub(r"[\x00-\x1f\x7f]", lambda m: f"%{ord(m.group(0)):02X}", text)


def conf_version(conf: dict[str, Any]) -> int:
    """apisix.plugin.conf_version: a crc32 of the configuration itself (stably encoded)."""
    return zlib.crc32(json.dumps(conf, sort_keys=True, separators=(",", ":")).encode())


def limit_key(name: str, conf: dict[str, Any], ctx: RequestContext, value: Any) -> str:
    """gen_limit_key of limit-count/limit-req: the owning object's key (route, service, global
    rule, ...) and the conf's version, so an unchanged conf keeps its counters."""
    parent = ctx.extra.get("plugin_parents", {}).get(name, f"{ctx.conf_type}{ctx.conf_version}")
    return f"{parent}:{conf_version(conf)}:{value}"


def limit_value(conf: dict[str, Any], ctx: RequestContext) -> str:
    """The configured key's value (`var`, `var_combination`, `constant`), else the client address."""
    key_type, key = conf.get("key_type", "var"), conf.get("key", "remote_addr")
    value: Any
    if key_type == "constant":
        value = key
    elif key_type == "var_combination":
        resolved = [ctx.var(m.group(2) or m.group(3)) for m in _VAR.finditer(str(key))]
        value = resolve_vars(str(key), ctx) if any(v is not None for v in resolved) else None
    else:
        value = ctx.var(str(key))
    return str(value) if value is not None else ctx.remote_addr
