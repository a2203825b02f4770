"""A subset of lua-resty-expr: evaluate route/plugin `vars` rules against request variables."""

from __future__ import annotations

import ipaddress
import re
from typing import Any, Callable

Lookup = Callable[[str], Any]


_LUA_NUMBER = re.compile(r"\s*[-+]?(0[xX][0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)\s*")


def _num(value: Any) -> float | None:
    """Lua's tonumber: decimal or hex text (no inf/nan words), or a number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value)
    if not _LUA_NUMBER.fullmatch(text):
        return None
    text = text.strip()
    sign = -1.0 if text.startswith("-") else 1.0
    body = text.lstrip("+-")
    return sign * float(int(body, 16)) if body[:2].lower() == "0x" else float(text)


def _same(left: Any, right: Any) -> bool:
    """Lua's `==`: values of different types are never equal (no bool/number mixing)."""
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        return float(left) == float(right)
    return type(left) is type(right) and left == right


def _eq(left: Any, right: Any) -> bool:
    if isinstance(right, bool) or right is None:
        return left == right
    if isinstance(right, (int, float)):
        return _num(left) == right
    return left is not None and str(left) == str(right)


def _cmp(left: Any, right: Any, op: str) -> bool:
    lnum, rnum = _num(left), _num(right)
    if lnum is None or rnum is None:
        return False
    return {">": lnum > rnum, "<": lnum < rnum, ">=": lnum >= rnum, "<=": lnum <= rnum}[op]


def _regex(left: Any, right: Any, flags: int = 0) -> bool:
    if left is None:
        return False
    try:
        return re.search(str(right), str(left), flags) is not None
    except re.error:
        return False


def _ipmatch(left: Any, right: Any) -> bool:
    if left is None:
        return False
    cidrs = right if isinstance(right, list) else [right]
    try:
        addr = ipaddress.ip_address(str(left))
        return any(addr in ipaddress.ip_network(str(c), strict=False) for c in cidrs)
    except ValueError:
        return False


def _has(left: Any, right: Any) -> bool:
    return isinstance(left, list) and right in left


OPS: dict[str, Callable[[Any, Any], bool]] = {
    "==": _eq,
    "~=": lambda l, r: not _eq(l, r),
    ">": lambda l, r: _cmp(l, r, ">"), "<": lambda l, r: _cmp(l, r, "<"),
    ">=": lambda l, r: _cmp(l, r, ">="), "<=": lambda l, r: _cmp(l, r, "<="),
    "~~": _regex,
    "~*": lambda l, r: _regex(l, r, re.IGNORECASE),
    "in": lambda l, r: isinstance(r, list) and any(_same(l, x) for x in r),
    "has": _has,
    "ipmatch": _ipmatch,
}


LOGIC_OPS = ("AND", "OR", "!AND", "!OR")


def _rule(rule: list[Any], lookup: Lookup) -> bool:
    if rule and (isinstance(rule[0], list)
                 or (isinstance(rule[0], str) and rule[0].upper() in LOGIC_OPS)):
        return evaluate(rule, lookup)
    if len(rule) == 4 and rule[1] == "!":
        return not _rule([rule[0], rule[2], rule[3]], lookup)
    op = rule[1].lower() if len(rule) > 1 and isinstance(rule[1], str) else None
    if len(rule) == 2 and op not in OPS:  # ["var", value] is shorthand for "=="
        return OPS["=="](lookup(str(rule[0])), rule[1])
    if op not in OPS:
        return False
    return OPS[op](lookup(str(rule[0])), rule[2] if len(rule) > 2 else None)


def evaluate(rules: list[Any], lookup: Lookup) -> bool:
    """True if `rules` match: a list of rules ANDed, or ["AND"|"OR"|"!AND"|"!OR", rule, ...]."""
    if not rules:
        return True
    head = rules[0]
    if isinstance(head, str) and head.upper() in LOGIC_OPS:
        results = [_rule(r, lookup) for r in rules[1:] if isinstance(r, list)]
        op = head.upper()
        value = all(results) if op.endswith("AND") else any(results)
        return not value if op.startswith("!") else value
    return all(_rule(r, lookup) for r in rules if isinstance(r, list))
