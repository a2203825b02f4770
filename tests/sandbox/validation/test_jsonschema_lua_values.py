"""Lua value semantics behind the jsonschema port: tostring, LuaJIT %q, cjson, defaults, $ref errors."""

from __future__ import annotations

import pytest

from sandbox.validation.jsonschema_lua import compile_schema, validate
from sandbox.validation.lua_values import (
    data_kind,
    deep_eq,
    is_integer,
    json_encode_list,
    lua_quote,
    lua_tostring,
)


@pytest.mark.parametrize(("value", "text"), [
    (1, "1"), (1.0, "1"), (-0.5, "-0.5"), (0.1, "0.1"), (1e20, "1e+20"), (1e14, "1e+14"),
    (99999999999999, "99999999999999"), (0.30000000000000004, "0.3"),
    (float("inf"), "inf"), (float("-inf"), "-inf"), pytest.param(10 ** 400, "inf", id="huge-int"),
    (True, "true"), ("x", "x"),
])
def test_lua_tostring_uses_g14(value: object, text: str) -> None:
    assert lua_tostring(value) == text


@pytest.mark.parametrize(("text", "quoted"), [
    ("plain", '"plain"'),
    ('a"b', '"a\\"b"'),
    ("a\\b", '"a\\\\b"'),
    ("a\nb", '"a\\\nb"'),
    ("a\rb", '"a\\13b"'),
    ("a\r1", '"a\\0131"'),
    ("\t", '"\\9"'),
    ("\x00", '"\\0"'),
    ("\x001", '"\\0001"'),
    ("\x7f", '"\\127"'),
    ("\x7f9", '"\\1279"'),
    ("\u00e9\u65e5", '"\u00e9\u65e5"'),
])
def test_lua_quote_is_luajit_21(text: str, quoted: str) -> None:
    assert lua_quote(text) == quoted


@pytest.mark.parametrize(("items", "encoded"), [
    (["a"], '["a"]'),
    (["a", "b/c"], '["a","b\\/c"]'),
    ([], "{}"),
    (['q"\\'], '["q\\"\\\\"]'),
    (["\t\x01\x7f"], '["\\t\\u0001\\u007f"]'),
])
def test_json_encode_list_is_cjson(items: list[str], encoded: str) -> None:
    assert json_encode_list(items) == encoded


@pytest.mark.parametrize(("value", "kind"), [
    ({}, 1), ([], 1), ({"a": 1}, 0), ([1], 2), ("", None), (0, None), (None, None), (False, None),
])
def test_data_kind(value: object, kind: int | None) -> None:
    assert data_kind(value) == kind


@pytest.mark.parametrize(("left", "right", "equal"), [
    ({}, [], True), ([1], [1.0], True), ([1, 2], [2, 1], False), ({"a": None}, {"a": None}, True),
    (1, True, False), ("1", 1, False), ({"a": [1]}, {"a": [1], "b": 1}, False),
])
def test_deep_eq(left: object, right: object, equal: bool) -> None:
    assert deep_eq(left, right) is equal


@pytest.mark.parametrize(("value", "expected"), [
    (2, True), (2.0, True), (2.5, False), (1e300, True), (float("inf"), False), (True, False),
])
def test_is_integer(value: object, expected: bool) -> None:
    assert is_integer(value) is expected


def test_false_default_is_injected() -> None:
    data: dict = {}
    assert validate({"properties": {"a": {"default": False}}}, data) is None
    assert data == {"a": False}


def test_null_default_is_not_injected() -> None:
    data: dict = {}
    assert validate({"properties": {"a": {"default": None}}}, data) is None
    assert data == {}


def test_table_default_is_a_fresh_copy() -> None:
    schema = {"properties": {"rule": {"type": "array", "default": [1, 2, 3]}}}
    first: dict = {}
    second: dict = {}
    validate(schema, first)
    first["rule"].append(4)
    validate(schema, second)
    assert second == {"rule": [1, 2, 3]}


def test_injected_default_is_not_validated_itself() -> None:
    # the default is written after the property's validator ran (it was absent then)
    schema = {"properties": {"a": {"type": "object", "default": {},
                                   "properties": {"b": {"default": 2}}}}}
    data: dict = {}
    assert validate(schema, data) is None
    assert data == {"a": {}}


def test_defaults_reach_array_items() -> None:
    data = [{}]
    assert validate({"items": {"properties": {"x": {"default": 1}}}}, data) is None
    assert data == [{"x": 1}]


def test_defaults_of_a_failed_one_of_branch_stick() -> None:
    schema = {"oneOf": [{"properties": {"a": {"default": 1}}, "required": ["b"]}, {}]}
    data: dict = {}
    assert validate(schema, data) is None
    assert data == {"a": 1}


def test_defaults_skip_non_objects() -> None:
    data = [1]
    assert validate({"properties": {"a": {"default": 1}}}, data) is None
    assert data == [1]


def test_external_ref_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="an external resolver is required"):
        compile_schema({"properties": {"a": {"$ref": "http://example.com/s.json"}}})


def test_missing_ref_target_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="reference not found"):
        compile_schema({"properties": {"a": {"$ref": "#/definitions/nope"}}})


def test_invalid_type_name_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="invalid JSON type: strnig"):
        compile_schema({"type": "strnig"})


def test_failed_compile_is_not_cached() -> None:
    schema = {"type": "strnig"}
    for _ in range(2):
        with pytest.raises(ValueError):
            compile_schema(schema)
