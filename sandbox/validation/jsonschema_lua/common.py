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
# The keyword builders compile nested schemas with the compiler `core` installs here: core imports the
# builders, so they cannot import core back without an import cycle.
_compiler: list[Callable[[Any], Check]] = []


def install_compiler(compile_fn: Callable[[Any], Check]) -> None:
    _compiler[:] = [compile_fn]


def compile_subschema(schema: Any) -> Check:
    """Compile a nested schema with core's cached compiler (installed when core is imported)."""
    return _compiler[0](schema)
_RE_CACHE: dict[str, re.Pattern[str]] = {}


# PCRE spellings Python's `re` lacks, and their Python equivalents.
_PCRE_TO_PY: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<!\\)((?:\\\\)*)\\Z"), r"\1(?=\\n?\\Z)"),     # \Z: end or before final newline
    (re.compile(r"(?<!\\)((?:\\\\)*)\\z"), r"\1\\Z"),            # \z: very end
    (re.compile(r"(?<!\\)((?:\\\\)*)\\h"), r"\1[ \\t]"),           # \h: horizontal space
    (re.compile(r"\(\?<(?=[A-Za-z_])"), "(?P<"),                          # (?<name>...)
)


def pcre_to_python(pattern: str) -> str:
    """Rewrite the PCRE-only escapes of `pattern` so Python's `re` compiles it the same way."""
    for rx, repl in _PCRE_TO_PY:
        pattern = rx.sub(repl, pattern)
    return pattern


def match_pattern(text: str, pattern: str) -> bool:
    """ngx.re.find(text, pattern, "jo") as a boolean (a pattern PCRE would refuse matches nothing)."""
    rx = _RE_CACHE.get(pattern)
    if rx is None:
        try:
            rx = re.compile(pcre_to_python(pattern))
        except re.error:
            rx = re.compile(r"(?!)")
        _RE_CACHE[pattern] = rx
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
