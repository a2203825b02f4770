"""Scalar keywords of the port: type, string length and pattern, number range, enum, const."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from sandbox.validation.jsonschema_lua.common import (
    Step,
    match_pattern,
    truthy,
    utf8_len,
)
from sandbox.validation.lua_values import (
    as_lua_number,
    data_kind,
    deep_eq,
    is_integer,
    is_number,
    lua_quote,
    lua_tostring,
    lua_type,
)

_RANGES = (("minimum", lambda v, r: v < r, "at least"),
           ("exclusiveMinimum", lambda v, r: v <= r, "greater than"),
           ("maximum", lambda v, r: v > r, "at most"),
           ("exclusiveMaximum", lambda v, r: v >= r, "smaller than"))


def _type_ok(jsontype: str, value: Any) -> bool:
    t = lua_type(value)
    if jsontype == "object":
        return t == "table" and data_kind(value) <= 1  # type: ignore[operator]
    if jsontype == "array":
        return t == "table" and data_kind(value) >= 1  # type: ignore[operator]
    if jsontype == "table":
        return t == "table"
    if jsontype == "integer":
        return is_integer(value)
    if jsontype == "null":
        return value is None
    if jsontype in ("string", "boolean", "number", "function"):
        return t == jsontype
    raise ValueError("invalid JSON type: " + str(jsontype))


def build_type(schema: dict) -> list[Step]:
    """type: one JSON type name or a list of them."""
    wanted = schema.get("type")
    if wanted is None:
        return []
    if isinstance(wanted, str):
        _type_ok(wanted, None)
        msg = f"wrong type: expected {wanted}, got "
        return [lambda v: None if _type_ok(wanted, v) else msg + lua_type(v)]
    if not isinstance(wanted, list):
        raise TypeError('invalid "type" type: got ' + lua_type(wanted))
    msg = "wrong type: expected one of " + ", ".join(wanted) + ", got "
    return [lambda v: None if any(_type_ok(t, v) for t in wanted) else msg + lua_type(v)]


def build_string(schema: dict) -> list[Step]:
    """minLength, maxLength and pattern, checked only on strings."""
    if not any(truthy(schema, k) for k in ("minLength", "maxLength", "pattern")):
        return []
    min_l, max_l, patt = schema.get("minLength"), schema.get("maxLength"), schema.get("pattern")
    # the pattern is %q-quoted into a [[long string]]: its escapes stay in the message
    quoted = lua_quote(patt) if isinstance(patt, str) else ""

    def run(value: Any) -> str | None:
        if not isinstance(value, str):
            return None
        if min_l is not None and utf8_len(value) < int(min_l):
            return f"string too short, expected at least {int(min_l)}, got {utf8_len(value)}"
        if max_l is not None and utf8_len(value) > int(max_l):
            return f"string too long, expected at most {int(max_l)}, got {utf8_len(value)}"
        if patt is not None and not match_pattern(value, patt):
            return f"failed to match pattern {quoted} with {lua_quote(value)}"
        return None

    return [run]


def _as_code(number: Any) -> float:
    """A number as the generated code holds it: written with %s (%.14g) and parsed back."""
    text = lua_tostring(number)
    return float(text) if text not in ("nan", "-nan") else math.nan


def build_number(schema: dict) -> list[Step]:
    """The (exclusive) minimum/maximum and multipleOf, checked only on numbers."""
    active = [(_as_code(schema[k]), lua_tostring(schema[k]), op, word)
              for k, op, word in _RANGES if truthy(schema, k)]
    mof = schema.get("multipleOf") if truthy(schema, "multipleOf") else None
    if not active and mof is None:
        return []
    mof_check = _multiple_check(mof) if mof is not None else None

    def run(value: Any) -> str | None:
        if not is_number(value):
            return None
        num = as_lua_number(value)
        for ref, ref_text, op, word in active:
            if op(num, ref):
                return f"expected {lua_tostring(value)} to be {word} {ref_text}"
        return mof_check(num) if mof_check else None

    return [run]


def _multiple_check(mof: Any) -> Callable[[float], str | None]:
    mof_num = _as_code(mof)
    suffix = " to be a multiple of " + lua_tostring(mof)

    def off(num: float) -> bool:
        quotient = num / mof_num
        if math.modf(mof_num)[1] == mof_num:
            # integer multipleOf: Lua's `a % b`, which is a - floor(a/b)*b
            return not math.isfinite(quotient) or num - math.floor(quotient) * mof_num != 0
        return math.modf(quotient)[1] != quotient

    return lambda num: "expected " + lua_tostring(num) + suffix if off(num) else None


def build_enum(schema: dict) -> list[Step]:
    """enum: numbers compare as the generated code writes them."""
    values = schema.get("enum")
    if values is None:
        return []
    wanted = [_as_code(e) if is_number(e) else e for e in values]
    return [lambda v: None if any(deep_eq(v, e) for e in wanted)
            else "matches none of the enum values"]


def build_const(schema: dict) -> list[Step]:
    """const: a deep comparison with the given value."""
    if schema.get("const") is None:
        return []
    const = schema["const"]
    return [lambda v: None if deep_eq(v, const) else "failed to check const value"]
