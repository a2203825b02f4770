"""Unit tests for the api7/jsonschema port: keyword order and exact messages."""

from __future__ import annotations

import pytest

from sandbox.validation.jsonschema_lua import validate

CASES = [
    ({"type": "string"}, 1, "wrong type: expected string, got number"),
    ({"type": "string"}, None, "wrong type: expected string, got userdata"),
    ({"type": "object"}, "x", "wrong type: expected object, got string"),
    ({"type": "array"}, {"a": 1}, "wrong type: expected array, got table"),
    ({"type": "integer"}, 1.5, "wrong type: expected integer, got number"),
    ({"type": ["string", "integer"]}, True,
     "wrong type: expected one of string, integer, got boolean"),
    ({"required": ["a"]}, {}, 'property "a" is required'),
    ({"properties": {"a": {"type": "string"}}, "required": ["a"]}, {"b": 1},
     'property "a" is required'),
    ({"properties": {"a": {}}, "additionalProperties": False}, {"a": 1, "zzz": 2},
     "additional properties forbidden, found zzz"),
    ({"type": "string", "maxLength": 3}, "abcd", "string too long, expected at most 3, got 4"),
    ({"type": "string", "minLength": 2}, "a", "string too short, expected at least 2, got 1"),
    ({"type": "string", "pattern": r"^[a-z\-]+$"}, "A",
     'failed to match pattern "^[a-z\\\\-]+$" with "A"'),
    ({"type": "integer", "minimum": 1}, 0, "expected 0 to be at least 1"),
    ({"type": "number", "exclusiveMinimum": 0}, 0, "expected 0 to be greater than 0"),
    ({"type": "integer", "maximum": 10}, 11, "expected 11 to be at most 10"),
    ({"type": "number", "exclusiveMaximum": 1}, 1.5, "expected 1.5 to be smaller than 1"),
    ({"enum": ["a", "b"]}, "c", "matches none of the enum values"),
    ({"enum": [1, 0]}, True, "matches none of the enum values"),
    ({"type": "array", "minItems": 1}, [], "expect array to have at least 1 items"),
    ({"type": "array", "maxItems": 1}, [1, 2], "expect array to have at most 1 items"),
    ({"type": "array", "uniqueItems": True}, ["a", "b", "a"],
     "expected unique items but items 1 and 3 are equal"),
    ({"type": "array", "uniqueItems": True}, [{"a": 1}, {"a": 1}],
     "expected unique items but items 1 and 2 are equal"),
    ({"type": "array", "items": {"type": "string"}}, ["a", 1],
     "failed to validate item 2: wrong type: expected string, got number"),
    ({"maxProperties": 1}, {"a": 1, "b": 2}, "expect object to have at most 1 properties"),
    ({"minProperties": 1}, {}, "expect object to have at least 1 properties"),
    ({"oneOf": [{"type": "string"}, {"type": "integer"}]}, True,
     "value should match only one schema, but matches none"),
    ({"oneOf": [{"type": "integer"}, {"type": "number"}]}, 1,
     "value should match only one schema, but matches both schemas 1 and 2"),
    ({"anyOf": [{"required": ["a"]}, {"required": ["a", "b"]}]}, {"c": 1},
     'object matches none of the required: ["a"] or ["a","b"]'),
    ({"anyOf": [{"type": "string"}, {"type": "integer"}]}, True,
     "object matches none of the required"),
    ({"allOf": [{"type": "object"}, {"required": ["x"]}]}, {},
     'allOf 2 failed: property "x" is required'),
    ({"if": {"properties": {"t": {"enum": ["s"]}}}, "then": {"required": ["k"]}}, {"t": "s"},
     "then clause did not match"),
    ({"if": {"required": ["t"]}, "else": {"required": ["k"]}}, {},
     "else clause did not match"),
    ({"not": {"required": ["a"]}}, {"a": 1}, "value wasn't supposed to match schema"),
    ({"dependencies": {"a": ["b"]}}, {"a": 1}, 'property "b" is required when "a" is set'),
    ({"properties": {"a": {}}, "dependencies": {"a": {"required": ["b"]}}}, {"a": 1},
     'failed to validate dependent schema for "a": property "b" is required'),
    ({"patternProperties": {"^x": {"type": "integer"}}}, {"xa": "s"},
     'failed to validate xa (matching "^x"): wrong type: expected integer, got string'),
    ({"format": "ipv4"}, "1.2.3.256", "expect valid ipv4 address but got: 1.2.3.256"),
    ({"format": "ipv6"}, "::g", "expect valid ipv6 address but got: ::g"),
    ({"const": "a"}, "b", "failed to check const value"),
    (False, 1, "expect false always"),
]


@pytest.mark.parametrize(("schema", "value", "expected"), CASES)
def test_error_messages(schema: object, value: object, expected: str) -> None:
    assert validate(schema, value) == expected


@pytest.mark.parametrize(("schema", "value"), [
    ({"type": "object"}, []),           # Lua: an empty array is an empty table
    ({"type": "array"}, {}),
    ({"type": "integer"}, 2.0),
    ({"type": "number"}, 3),
    ({"enum": [1, 0]}, 1.0),
    ({"required": ["a"]}, {"a": None}),  # cjson.null is not nil
    ({"format": "ipv6"}, "::1"),
    ({"type": "string", "pattern": "^function"}, "function() end"),
])
def test_valid_values(schema: object, value: object) -> None:
    assert validate(schema, value) is None


def test_keyword_order_type_before_properties() -> None:
    schema = {"type": "object", "properties": {"a": {"type": "string"}}}
    assert validate(schema, "x") == "wrong type: expected object, got string"


def test_properties_checked_before_additional() -> None:
    schema = {"properties": {"a": {"type": "string"}}, "additionalProperties": False}
    assert validate(schema, {"zzz": 1, "a": 1}) == \
        'property "a" validation failed: wrong type: expected string, got number'


def test_defaults_are_injected_into_the_validated_table() -> None:
    schema = {"properties": {"a": {"type": "string", "default": "x"}}}
    value: dict = {}
    assert validate(schema, value) is None
    assert value == {"a": "x"}


def test_validator_is_cached_per_schema_object() -> None:
    from sandbox.validation.jsonschema_lua import compile_schema
    schema = {"type": "string"}
    assert compile_schema(schema) is compile_schema(schema)
