"""Shared pieces of the jsonschema port: the early-pass marker, check types and Lua-ish helpers."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any


class _Pass:
    """The generated code's early `return true`: the node is valid, later checks are skipped."""


PASS = _Pass()
Check = Callable[[Any], "str | None"]
Step = Callable[[Any], "str | _Pass | None"]
_RE_CACHE: dict[str, re.Pattern[str]] = {}


def match_pattern(text: str, pattern: str) -> bool:
    """ngx.re.find(text, pattern, "jo") as a boolean."""
    rx = _RE_CACHE.get(pattern)
    if rx is None:
        rx = _RE_CACHE[pattern] = re.compile(pattern)
    return rx.search(text) is not None


def utf8_len(text: str) -> int:
    """Character count, as jsonschema's utf8_len counts valid UTF-8 sequences."""
    return len(text)


def truthy(schema: dict, key: str) -> bool:
    """Lua's `if schema.key`: present and neither nil nor false (0 and "" are true in Lua)."""
    return schema.get(key) is not None and schema[key] is not False


def named(text: str) -> str:
    """A name %q-quoted into a Lua literal of the generated code, which the parser reads back."""
    return '"' + text + '"'
