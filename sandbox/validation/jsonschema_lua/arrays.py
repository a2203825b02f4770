"""Array keywords of the jsonschema port: items, additionalItems, counts, uniqueItems, contains."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sandbox.validation.jsonschema_lua.common import PASS, Check, Step, compile_subschema, truthy
from sandbox.validation.lua_values import (
    data_kind,
    deep_eq,
    hash_key,
    lua_tostring,
    lua_type,
)

ArrCheck = Callable[[list], "str | None"]


def build_array(schema: dict) -> list[Step]:
    """The array keywords, checked only when the value is a Lua table that can be an array."""
    items = schema.get("items")
    if items is None and not any(truthy(schema, k) for k in ("minItems", "maxItems",
                                                              "uniqueItems")):
        return []
    if items is True:
        return [lambda v: PASS]
    if items is False:
        return [lambda v: PASS if data_kind(v) == 1 else "expect false always"]
    count_check = _item_counts(schema)
    items_check = _items_check(schema)
    unique = truthy(schema, "uniqueItems")

    def run(value: Any) -> str | None:
        kind = data_kind(value)
        if kind is None or kind < 1:
            return None
        arr = value if isinstance(value, list) else []
        err = count_check(len(arr)) if count_check else None
        if err is None and items_check:
            err = items_check(arr)
        if err is None and unique:
            err = _unique(arr)
        return err

    return [run]


def build_contains(schema: dict) -> list[Step]:
    """contains, the last keyword of a node."""
    contains = schema.get("contains")
    if contains is None:
        return []
    if contains is True:
        return [lambda v: PASS if data_kind(v) == 2 else "check contains: expect array table"]
    if contains is False:
        return [lambda v: PASS if lua_type(v) != "table" else "check contains: expect table"]
    check = compile_subschema(contains)

    def run(value: Any) -> str | None:
        if data_kind(value) == 1:
            return "check contains: empty array is invalid"
        # ipairs/# see only the array part; objects have none, UNVERIFIED for non-tables
        arr = value if isinstance(value, list) else []
        if arr and all(check(item) is not None for item in arr):
            return "failed to check contains"
        return None

    return [run]


def _item_counts(schema: dict) -> Callable[[int], str | None] | None:
    min_i, max_i = schema.get("minItems"), schema.get("maxItems")
    if min_i is None and max_i is None:
        return None

    def run(count: int) -> str | None:
        if min_i is not None and count < min_i:
            return f"expect array to have at least {lua_tostring(min_i)} items"
        if max_i is not None and count > max_i:
            return f"expect array to have at most {lua_tostring(max_i)} items"
        return None

    return run


def _items_check(schema: dict) -> ArrCheck | None:
    items = schema.get("items")
    if isinstance(items, list) and items:
        return _tuple_check(schema, [compile_subschema(s) for s in items])
    if items is None or items is False:
        return None
    check = compile_subschema(items)

    def run(arr: list) -> str | None:
        for i, item in enumerate(arr, start=1):
            err = check(item)
            if err is not None:
                return f"failed to validate item {i}: {err}"
        return None

    return run


def _tuple_check(schema: dict, checks: list[Check]) -> ArrCheck:
    extra = schema.get("additionalItems")
    extra_check = compile_subschema(extra) if isinstance(extra, dict) else None

    def run(arr: list) -> str | None:
        for i, check in enumerate(checks):
            if i >= len(arr):
                return None     # `goto after`: a missing item ends the tuple checks
            err = check(arr[i])
            if err is not None:
                return f"failed to validate item {i + 1}: {err}"
        if extra is False and len(arr) > len(checks):
            return "found unexpected extra items in array"
        for i in range(len(checks), len(arr) if extra_check else 0):
            err = extra_check(arr[i])  # type: ignore[misc]
            if err is not None:
                return f"failed to validate additional item {i + 1}: {err}"
        return None

    return run


def _unique(arr: list) -> str | None:
    seen: dict[Any, int] = {}
    tables: list[tuple[int, Any]] = []
    for i, val in enumerate(arr, start=1):
        if lua_type(val) == "table":
            tables.append((i, val))
            continue
        key = hash_key(val)
        if key in seen:
            return f"expected unique items but items {seen[key]} and {i} are equal"
        seen[key] = i
    for a in range(len(tables) - 1):
        for b in range(a + 1, len(tables)):
            if deep_eq(tables[a][1], tables[b][1]):
                return (f"expected unique items but items {tables[a][0]} and {tables[b][0]}"
                        " are equal")
    return None
