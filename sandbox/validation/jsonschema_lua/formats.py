"""The `format` keyword of the jsonschema port: email, ipv4, ipv6 and hostname."""

from __future__ import annotations

import socket
from collections.abc import Callable

from sandbox.validation.jsonschema_lua.common import Step, match_pattern


def _inet(family: int, text: str) -> bool:
    try:
        # ffi passes the Lua string as a C string: it ends at the first NUL
        socket.inet_pton(family, text.split("\0", 1)[0])
    except (OSError, ValueError):
        return False
    return True


_EMAIL = r"^([A-Za-z0-9_\-\.])+\@([A-Za-z0-9_\-\.])+\.([A-Za-z]{2,4})$"
_HOSTNAME = r"^[a-zA-Z0-9\-\.]+$"
_FORMATS: dict[str, tuple[Callable[[str], bool], str]] = {
    "email": (lambda v: match_pattern(v, _EMAIL), "expect valid email address but got: "),
    "ipv4": (lambda v: _inet(socket.AF_INET, v), "expect valid ipv4 address but got: "),
    "ipv6": (lambda v: _inet(socket.AF_INET6, v), "expect valid ipv6 address but got: "),
    # the library really reports hostnames with the ipv4 wording
    "hostname": (lambda v: match_pattern(v, _HOSTNAME), "expect valid ipv4 address but got: "),
}


def build_format(schema: dict) -> list[Step]:
    """format: unknown formats are ignored, non-strings pass."""
    fmt = schema.get("format")
    if not isinstance(fmt, str) or fmt not in _FORMATS:
        return []
    ok, prefix = _FORMATS[fmt]
    return [lambda v: None if not isinstance(v, str) or ok(v) else prefix + v]
