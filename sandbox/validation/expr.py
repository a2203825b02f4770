"""Compile checks of lua-resty-expr v1 (route `vars`, `_meta.filter`, traffic-split `match.vars`)."""

from __future__ import annotations

import re
from typing import Any

from sandbox.validation.lua_values import lua_type

_OPERATORS = frozenset({"==", "~=", ">", "<", ">=", "<=", "~~", "~*", "in", "has",
                        "ipmatch", "!"})
_LOGICAL = frozenset({"AND", "OR", "!AND", "!OR"})
# One JSONPath step after `post_arg.`: a name, optionally followed by `[n]`, `[*]` or `['key']` subscripts.
_JSONPATH_STEP = re.compile(r"[^.\[\]]+(\[(\d+|\*|'[^']*'|\"[^\"]*\")\])*")


def check_expr(rule: Any) -> str | None:
    """None when `expr.new(rule)` would succeed, else its error message."""
    if rule is None:
        return "missing argument rule"
    if not isinstance(rule, list) or not rule:
        return None
    return _compile(rule)


def _compile(rules: list) -> str | None:
    items = rules
    if isinstance(rules[0], str) and rules[0] in _LOGICAL:
        items = rules[1:]
    elif not isinstance(rules[0], list):
        return _compile_one(rules)
    for item in items:
        if not isinstance(item, list):
            return "invalid expression: " + lua_type(item)
        err = _compile(item) if item and isinstance(item[0], list) or \
            (item and item[0] in _LOGICAL) else _compile_one(item)
        if err is not None:
            return err
    return None


def _compile_one(expr: list) -> str | None:
    if len(expr) == 4:
        if expr[1] != "!":
            return "bad 'not' expression"
        op, value = expr[2], expr[3]
    elif len(expr) == 3:
        op, value = expr[1], expr[2]
    else:
        return "invalid expression: expect 3 or 4 elements, but got " + str(len(expr))
    if isinstance(expr[0], str) and expr[0].startswith("post_arg.") and not _valid_jsonpath(expr[0][9:]):
        return f"invalid expression: invalid jsonpath '{expr[0]}'"  # tail UNVERIFIED; prefix per routes_request_body.t
    if not isinstance(op, str) or op not in _OPERATORS:
        return f"invalid operator '{op}'"
    # `~~` / `~*` regexes are compiled only when a request is matched (APISIX 3.18 accepts "[a")
    return None


def _valid_jsonpath(path: str) -> bool:
    """A request-body path such as `messages[*].content[0].type` (APISIX 3.13+ `post_arg.*` vars)."""
    return all(_JSONPATH_STEP.fullmatch(step) for step in _split_steps(path))


def _split_steps(path: str) -> list[str]:
    steps, depth, current = [], 0, ""
    for ch in path:
        depth += (ch == "[") - (ch == "]")
        if ch == "." and depth == 0:
            steps.append(current)
            current = ""
        else:
            current += ch
    return [*steps, current]
