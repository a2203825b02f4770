"""A subset of lua-resty-expr: evaluate route/plugin `vars` rules against request variables."""

from __future__ import annotations

import ipaddress
import re
from typing import Any, Callable

Lookup = Callable[[str], Any]


def _num(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


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
    "in": lambda l, r: isinstance(r, list) and any(_eq(l, x) for x in r),
    "has": _has,
    "ipmatch": _ipmatch,
}


def _rule(rule: list[Any], lookup: Lookup) -> bool:
    if rule and isinstance(rule[0], list):
        return evaluate(rule, lookup)
    if len(rule) == 4 and rule[1] == "!":
        return not _rule([rule[0], rule[2], rule[3]], lookup)
    if len(rule) == 2:  # ["var", value] is shorthand for "=="
        rule = [rule[0], "==", rule[1]]
    if len(rule) != 3 or rule[1] not in OPS:
        return False
    return OPS[rule[1]](lookup(str(rule[0])), rule[2])


def evaluate(rules: list[Any], lookup: Lookup) -> bool:
    """True if `rules` match: a list of rules ANDed, or ["AND"|"OR"|"!AND"|"!OR", rule, ...]."""
    if not rules:
        return True
    head = rules[0]
    if isinstance(head, str) and head.upper() in ("AND", "OR", "!AND", "!OR"):
        results = [_rule(r, lookup) for r in rules[1:] if isinstance(r, list)]
        op = head.upper()
        value = all(results) if op.endswith("AND") else any(results)
        return not value if op.startswith("!") else value
    return all(_rule(r, lookup) for r in rules if isinstance(r, list))
