"""api7/jsonschema keyword checks and messages, case by case, as read from lib/jsonschema.lua.

Each row is (schema, value, expected message or None). Expectations follow the code the Lua
generator emits (newest stored lib/jsonschema.lua, the one whose texts APISIX's tests assert, e.g.
"matches none of the enum values", "expected 0 to be at least 1") and the library's own data in
spec/extra/*.json. Lua string literals in the generated code are parsed back, so property names,
patternProperties patterns and dependency names come out raw, while the `pattern` message keeps
LuaJIT's %q form because it sits in a [[long string]].
"""

from __future__ import annotations

import pytest

from sandbox.validation.jsonschema_lua import validate

INF = float("inf")

TYPE_CASES = [
    ({"type": "string"}, 1, "wrong type: expected string, got number"),
    ({"type": "null"}, 0, "wrong type: expected null, got number"),
    ({"type": "null"}, None, None),
    ({"type": "string"}, None, "wrong type: expected string, got userdata"),
    ({"type": "integer"}, INF, "wrong type: expected integer, got number"),
    ({"type": "integer"}, 1e20, None),
    ({"type": "integer"}, -3.0, None),
    ({"type": "boolean"}, 0, "wrong type: expected boolean, got number"),
    ({"type": "number"}, True, "wrong type: expected number, got boolean"),
    ({"type": "table"}, [], None),
    ({"type": "table"}, {"foo": "bar"}, None),
    ({"type": "table"}, 42, "wrong type: expected table, got number"),
    ({"type": "array"}, {}, None),                       # spec/extra/empty.json: AGAINST SPEC
    ({"type": "array"}, {"answer": 42}, "wrong type: expected array, got table"),
    ({"type": "object"}, [], None),
    ({"type": "object"}, ["foo", "bar"], "wrong type: expected object, got table"),
    ({"type": ["null", "string"]}, 1, "wrong type: expected one of null, string, got number"),
    ({"type": ["array", "object"]}, "x", "wrong type: expected one of array, object, got string"),
]

OBJECT_CASES = [
    # `required = {}` demands an empty table; datakind is `false` for non-tables
    ({"required": []}, "", "the input data should be an empty table"),
    ({"required": []}, 0, "the input data should be an empty table"),
    ({"required": []}, None, "the input data should be an empty table"),
    ({"required": []}, {"a": 1}, "the input data should be an empty table"),
    ({"required": []}, [1], "the input data should be an empty table"),
    ({"required": []}, {}, None),
    ({"required": []}, [], None),
    # spec/extra/sanity.json + empty.json: an empty array is an object, a non-empty one is not
    ({"properties": {"foo": {"type": "integer"}}, "required": ["foo"]}, [],
     'property "foo" is required'),
    ({"properties": {"foo": {"type": "integer"}}, "required": ["foo"]}, [1], None),
    ({"properties": {"foo": {"type": "integer"}}, "required": ["foo"]}, 42, None),
    # names are %q-quoted into a Lua literal and parsed back: raw inside the quotes
    ({"properties": {'a"b': {"type": "string"}}}, {'a"b': 1},
     'property "a"b" validation failed: wrong type: expected string, got number'),
    ({"properties": {"a\\b": {"type": "string"}}}, {"a\\b": 1},
     'property "a\\b" validation failed: wrong type: expected string, got number'),
    ({"properties": {"it's": {"type": "string"}}}, {"it's": 1},
     'property "it\'s" validation failed: wrong type: expected string, got number'),
    ({"required": ['x"y']}, {}, 'property "x"y" is required'),
    ({"properties": {"a": {}}, "required": ["a"]}, {"a": None}, None),  # cjson.null is not nil
    # spec/extra/dependencies.json
    ({"properties": {"bar": {"type": "integer"}}, "dependencies": {"bar": ["foo"]}}, {"bar": 2},
     'property "foo" is required when "bar" is set'),
    ({"properties": {"bar": {"type": "integer"}}, "dependencies": {"bar": ["foo"]}}, "foo", None),
    ({"properties": {"bar": {"type": "integer"}},
      "dependencies": {"bar": {"properties": {"foo": {"type": "integer"},
                                              "bar": {"type": "integer"}}}}},
     {"foo": "quux", "bar": 2},
     ('failed to validate dependent schema for "bar": property "foo" validation failed: '
      'wrong type: expected integer, got string')),
    ({"properties": {"bar": {"type": "integer"}},
      "dependencies": {"bar": {"properties": {"foo": {"type": "integer"}}}}},
     {"foo": 2, "bar": "quux"},
     'property "bar" validation failed: wrong type: expected integer, got string'),
    ({"dependencies": {"a": {"required": ["b"]}}}, {"a": 1},
     'failed to validate dependent schema for "a": property "b" is required'),
    ({"dependencies": {"a": ["b", "c"]}}, {"a": 1, "b": 2},
     'property "c" is required when "a" is set'),
    ({"dependencies": {"a": []}}, {"a": 1}, None),
    # patternProperties: the pattern is %q'd into a single-quoted literal, so it comes out raw
    ({"patternProperties": {"^\\d+$": {"type": "string"}}}, {"12": 1},
     'failed to validate 12 (matching "^\\d+$"): wrong type: expected string, got number'),
    ({"patternProperties": {"^x": {}}, "additionalProperties": False}, {"xa": 1, "y": 2},
     "additional properties forbidden, found y"),
    ({"properties": {"a": {}}, "additionalProperties": {"type": "integer"}}, {"a": "s", "b": "x"},
     "failed to validate additional property b: wrong type: expected integer, got string"),
    ({"properties": {"a": {}}, "additionalProperties": True}, {"b": 1}, None),
    # spec/extra/table.json
    ({"type": "table", "properties": {"foo": {"type": "integer"}}, "required": ["foo"],
      "additionalProperties": False}, {"foo": 42, "bar": False},
     "additional properties forbidden, found bar"),
    # property counts are taken after defaults were injected, and after the additional check
    ({"properties": {"a": {"default": 1}}, "minProperties": 1}, {}, None),
    ({"properties": {"a": {"default": 1}}, "maxProperties": 1}, {"b": 2},
     "expect object to have at most 1 properties"),
    ({"additionalProperties": False, "minProperties": 2}, {"x": 1},
     "additional properties forbidden, found x"),
    ({"minProperties": 2}, {"x": 1}, "expect object to have at least 2 properties"),
    ({"minProperties": 1}, [1], None),
    ({"properties": {"a": {"default": 1}}, "required": ["a"]}, {}, 'property "a" is required'),
    ({"properties": {"a": False}}, {"a": 1}, 'property "a" validation failed: expect false always'),
]

ARRAY_CASES = [
    ({"minItems": 2}, [1], "expect array to have at least 2 items"),
    ({"maxItems": 1}, [1, 2], "expect array to have at most 1 items"),
    ({"minItems": 1}, {}, "expect array to have at least 1 items"),   # empty table is an array
    ({"minItems": 1}, {"a": 1}, None),
    ({"items": {"type": "string"}, "minItems": 3}, [1], "expect array to have at least 3 items"),
    ({"items": [{"type": "integer"}, {"type": "string"}]}, [1, 2],
     "failed to validate item 2: wrong type: expected string, got number"),
    ({"items": [{"type": "integer"}, {"type": "string"}]}, [1], None),
    ({"items": [{}], "additionalItems": False}, [1, 2], "found unexpected extra items in array"),
    ({"items": [{}], "additionalItems": False}, [1], None),
    ({"items": [{}], "additionalItems": {"type": "integer"}}, [None, 1, "x"],
     "failed to validate additional item 3: wrong type: expected integer, got string"),
    ({"items": {"type": "integer"}, "additionalItems": False}, [1, 2, 3], None),
    ({"items": []}, ["x"], None),
    # `items = true` emits `do return true end`: nothing after it is checked
    ({"items": True, "enum": ["a"]}, "b", None),
    ({"items": True, "maxLength": 1}, "abc", None),
    # `items = false`: an empty table returns true at once, anything else fails
    ({"items": False}, [1], "expect false always"),
    ({"items": False}, "x", "expect false always"),
    ({"items": False, "enum": ["a"]}, [], None),
    ({"uniqueItems": True}, [1, 1.0], "expected unique items but items 1 and 2 are equal"),
    ({"uniqueItems": True}, [1, True, "1"], None),
    ({"uniqueItems": True}, [None, None], "expected unique items but items 1 and 2 are equal"),
    ({"uniqueItems": True}, [[1], [1]], "expected unique items but items 1 and 2 are equal"),
    ({"uniqueItems": True}, ["a", {"x": 1}, "b", {"x": 1}],
     "expected unique items but items 2 and 4 are equal"),
    ({"uniqueItems": True}, [{}, []], "expected unique items but items 1 and 2 are equal"),
    ({"uniqueItems": True}, ["a", "b", "a"], "expected unique items but items 1 and 3 are equal"),
    ({"uniqueItems": False}, [1, 1], None),
    ({"items": {"type": "integer"}, "uniqueItems": True}, [1, 1, "x"],
     "failed to validate item 3: wrong type: expected integer, got string"),
]

STRING_CASES = [
    ({"minLength": 2}, "\u00e9", "string too short, expected at least 2, got 1"),
    ({"maxLength": 2}, "\u65e5\u672c\u8a9e", "string too long, expected at most 2, got 3"),
    ({"maxLength": 1}, "\U0001f4a9\U0001f4a9", "string too long, expected at most 1, got 2"),
    ({"minLength": 3, "pattern": "^a"}, "b", "string too short, expected at least 3, got 1"),
    ({"maxLength": 3, "pattern": "^a"}, "bbbb", "string too long, expected at most 3, got 4"),
    ({"pattern": "^a", "minLength": 5}, 1, None),
    ({"pattern": "^%d$"}, "x", 'failed to match pattern "^%d$" with "x"'),
    ({"pattern": "^a"}, 'b"c', 'failed to match pattern "^a" with "b\\"c"'),
    ({"pattern": "^a"}, "b\\c", 'failed to match pattern "^a" with "b\\\\c"'),
    ({"pattern": "^a"}, "b\nc", 'failed to match pattern "^a" with "b\\\nc"'),
    # LuaJIT's %q writes other control characters as decimal escapes
    ({"pattern": "^a"}, "b\rc", 'failed to match pattern "^a" with "b\\13c"'),
    ({"pattern": "^a"}, "b\t1", 'failed to match pattern "^a" with "b\\0091"'),
    ({"pattern": "^a"}, "\x00", 'failed to match pattern "^a" with "\\0"'),
    ({"pattern": "^a"}, "x\x7f", 'failed to match pattern "^a" with "x\\127"'),
    ({"pattern": "^a"}, "\u00e9", 'failed to match pattern "^a" with "\u00e9"'),
    ({"pattern": "^\\d+$"}, "x", 'failed to match pattern "^\\\\d+$" with "x"'),
    ({"pattern": "b"}, "abc", None),                       # unanchored, like ngx.re.find
]

NUMBER_CASES = [
    ({"minimum": 1}, 0, "expected 0 to be at least 1"),
    ({"minimum": 0}, -1, "expected -1 to be at least 0"),     # 0 is truthy in Lua
    ({"minimum": 1.5}, 1, "expected 1 to be at least 1.5"),
    ({"exclusiveMinimum": 0}, -0.5, "expected -0.5 to be greater than 0"),
    ({"exclusiveMinimum": 0}, 0, "expected 0 to be greater than 0"),
    ({"maximum": 1e20}, 1e21, "expected 1e+21 to be at most 1e+20"),
    ({"maximum": 0.1}, 0.30000000000000004, "expected 0.3 to be at most 0.1"),
    ({"maximum": 10}, 12345678.123456789, "expected 12345678.123457 to be at most 10"),
    ({"maximum": 10}, 10.0, None),
    ({"exclusiveMaximum": 3}, 3, "expected 3 to be smaller than 3"),
    ({"maximum": 5}, INF, "expected inf to be at most 5"),
    ({"minimum": 5}, -INF, "expected -inf to be at least 5"),
    ({"minimum": 5, "maximum": 1}, 3, "expected 3 to be at least 5"),
    ({"exclusiveMinimum": 5, "maximum": 1}, 3, "expected 3 to be greater than 5"),
    ({"maximum": 1, "exclusiveMaximum": 0}, 3, "expected 3 to be at most 1"),
    ({"minimum": 1}, "0", None),
    ({"minimum": 1}, True, None),
    # spec/extra/multipleOf.json
    ({"multipleOf": 3}, 9, None),
    ({"multipleOf": 3}, 10, "expected 10 to be a multiple of 3"),
    ({"multipleOf": 3}, 1.5, "expected 1.5 to be a multiple of 3"),
    ({"multipleOf": 2}, -4, None),
    ({"multipleOf": 2}, -3, "expected -3 to be a multiple of 2"),
    ({"multipleOf": 0.01}, 0.01, None),
    ({"multipleOf": 0.5}, 2.5, None),
    ({"multipleOf": 0.01}, 0.015, "expected 0.015 to be a multiple of 0.01"),
    ({"multipleOf": 0.01}, 1.1312, "expected 1.1312 to be a multiple of 0.01"),
    ({"maximum": 100, "multipleOf": 7}, 200, "expected 200 to be at most 100"),
]

ENUM_CASES = [
    ({"enum": ["a"]}, None, "matches none of the enum values"),
    ({"enum": [1]}, 1.0, None),
    ({"enum": [True]}, 1, "matches none of the enum values"),
    ({"enum": [1]}, True, "matches none of the enum values"),
    ({"enum": [[1, 2]]}, [1, 2], None),
    ({"enum": [[1, 2]]}, [2, 1], "matches none of the enum values"),
    ({"enum": [{}]}, [], None),
    ({"enum": [{"a": [1]}]}, {"a": [1.0]}, None),
    ({"enum": ["1"]}, 1, "matches none of the enum values"),
]

COMPOUND_CASES = [
    ({"allOf": [{"type": "string"}, {"maxLength": 1}]}, "ab",
     "allOf 2 failed: string too long, expected at most 1, got 2"),
    ({"allOf": []}, 1, None),
    ({"anyOf": [{"required": ["a"]}, {"type": "string"}]}, {},
     'object matches none of the required: ["a"]'),
    ({"anyOf": [{"required": ["a/b"]}]}, {}, 'object matches none of the required: ["a\\/b"]'),
    # cjson encodes an empty Lua table as an object
    ({"anyOf": [{"required": []}, {"required": ["a"]}]}, {"b": 1},
     'object matches none of the required: {} or ["a"]'),
    ({"anyOf": [False, {"type": "string"}]}, 1, "object matches none of the required"),
    ({"anyOf": [{"type": "string"}, True]}, 1, None),
    ({"oneOf": []}, 1, "value should match only one schema, but matches none"),
    ({"oneOf": [{}, {"type": "string"}, {"minLength": 1}]}, "x",
     "value should match only one schema, but matches both schemas 1 and 2"),
    ({"oneOf": [{"type": "integer"}, {"type": "string"}, {"minLength": 1}]}, "x",
     "value should match only one schema, but matches both schemas 2 and 3"),
    ({"not": {"type": "string"}}, "x", "value wasn't supposed to match schema"),
    ({"not": {"type": "string"}}, 1, None),
    # if/then/else: a false `if`/`then`/`else` is skipped like a missing one
    ({"if": {"type": "string"}, "then": {"maxLength": 1}, "else": {"type": "integer"}}, "ab",
     "then clause did not match"),
    ({"if": {"type": "string"}, "then": {"maxLength": 1}, "else": {"type": "integer"}}, 1.5,
     "else clause did not match"),
    ({"if": {"type": "string"}, "then": {"maxLength": 1}, "else": {"type": "integer"}}, "a", None),
    ({"if": {"type": "string"}, "then": {"maxLength": 1}, "else": {"type": "integer"}}, 2, None),
    ({"if": False, "then": False, "else": False}, 1, None),
    ({"if": {}, "then": False}, 1, None),
    ({"if": {}, "then": {"type": "string"}}, 1, "then clause did not match"),
    ({"if": {"type": "string"}, "else": False}, 1, None),
    ({"then": {"type": "string"}}, 1, None),
    # propertyNames: only the boolean forms are implemented
    ({"propertyNames": {"maxLength": 1}}, {"abc": 1}, None),
    ({"propertyNames": False}, {"a": 1}, "expect false always"),
    ({"propertyNames": False}, "x", "expect false always"),
    ({"propertyNames": False, "const": 1}, {}, None),
    ({"propertyNames": True, "const": 1}, 2, None),
]

FORMAT_CASES = [
    # spec/extra/format.json
    ({"format": "email"}, "foo@bar.com", None),
    ({"format": "email"}, "foo#bar.com", "expect valid email address but got: foo#bar.com"),
    ({"format": "ipv4"}, "127.0.0.1", None),
    ({"format": "ipv4"}, "127.0.0.-1", "expect valid ipv4 address but got: 127.0.0.-1"),
    ({"format": "ipv4"}, "127.0.0.320", "expect valid ipv4 address but got: 127.0.0.320"),
    ({"format": "ipv4"}, "127.0.0.1.1", "expect valid ipv4 address but got: 127.0.0.1.1"),
    ({"format": "ipv4"}, "127.0.0", "expect valid ipv4 address but got: 127.0.0"),
    ({"format": "ipv4"}, "1.2.3.4\x00zz", None),     # inet_pton reads a C string
    ({"format": "ipv6"}, "::1", None),
    ({"format": "ipv6"}, "1::", None),
    ({"format": "ipv6"}, "fe80:fe80:fe80:fe80:fe80:fe80:fe80:fe80", None),
    ({"format": "ipv6"}, "fe80:fe80:fe80:fe80:fe80:fe80:fe80:fe80:1",
     "expect valid ipv6 address but got: fe80:fe80:fe80:fe80:fe80:fe80:fe80:fe80:1"),
    ({"format": "ipv6"}, "g::", "expect valid ipv6 address but got: g::"),
    ({"format": "ipv6"}, "", "expect valid ipv6 address but got: "),
    ({"format": "ipv6"}, "127.0.0.1", "expect valid ipv6 address but got: 127.0.0.1"),
    ({"format": "hostname"}, "local host", "expect valid ipv4 address but got: local host"),
    ({"format": "hostname"}, "a-b.example", None),
    ({"format": "ipv4"}, 1, None),
    ({"format": "uri"}, "::", None),
]

CONST_CONTAINS_CASES = [
    ({"const": {"a": [1]}}, {"a": [1.0]}, None),
    ({"const": {"a": [1]}}, {"a": [2]}, "failed to check const value"),
    ({"const": False}, 0, "failed to check const value"),
    ({"const": False}, False, None),
    ({"contains": {"type": "integer"}}, ["a", "b"], "failed to check contains"),
    ({"contains": {"type": "integer"}}, ["a", 1], None),
    ({"contains": {"type": "integer"}}, [], "check contains: empty array is invalid"),
    ({"contains": {"type": "integer"}}, {}, "check contains: empty array is invalid"),
    ({"contains": {"type": "integer"}}, {"a": "x"}, None),
    ({"contains": True}, [1], None),
    ({"contains": True}, "x", "check contains: expect array table"),
    ({"contains": True}, {"a": 1}, "check contains: expect array table"),
    ({"contains": False}, "x", None),
    ({"contains": False}, [1], "check contains: expect table"),
    ({"contains": True, "const": 1}, [2], "failed to check const value"),
]

ORDER_CASES = [
    ({"type": "string", "enum": ["a"], "maxLength": 0}, "b",
     "string too long, expected at most 0, got 1"),
    ({"enum": ["a"], "allOf": [{"type": "integer"}]}, "b", "matches none of the enum values"),
    ({"allOf": [{"type": "integer"}], "anyOf": [{"type": "integer"}]}, "x",
     "allOf 1 failed: wrong type: expected integer, got string"),
    ({"anyOf": [{"type": "integer"}], "oneOf": [{"type": "integer"}]}, "x",
     "object matches none of the required"),
    ({"oneOf": [{"type": "integer"}], "if": {}, "then": False}, "x",
     "value should match only one schema, but matches none"),
    ({"if": {}, "then": {"type": "string"}, "not": {}}, 1, "then clause did not match"),
    ({"not": {}, "format": "ipv4"}, "x", "value wasn't supposed to match schema"),
    ({"propertyNames": False, "format": "ipv4"}, "x", "expect false always"),
    ({"format": "ipv4", "const": "x"}, "y", "expect valid ipv4 address but got: y"),
    ({"const": 1, "contains": {}}, [], "failed to check const value"),
    ({"required": ["a"], "minItems": 1}, {}, 'property "a" is required'),
    ({"type": "object", "required": ["a"]}, "x", "wrong type: expected object, got string"),
    ({"properties": {"a": {"type": "string"}}, "additionalProperties": False}, {"zzz": 1, "a": 1},
     'property "a" validation failed: wrong type: expected string, got number'),
    ({"properties": {"a": {}}, "required": ["b"], "dependencies": {"c": ["d"]}}, {"c": 1},
     'property "b" is required'),
    ({"dependencies": {"c": ["d"]}, "additionalProperties": False}, {"c": 1},
     'property "d" is required when "c" is set'),
]

REF_CASES = [
    # spec/extra/ref.json: pointer with an escaped "/"
    ({"properties": {"foo/bar": {"type": "integer"}, "bar": {"$ref": "#/properties/foo%2fbar"}}},
     {"bar": 3}, None),
    ({"properties": {"foo/bar": {"type": "integer"}, "bar": {"$ref": "#/properties/foo%2fbar"}}},
     {"bar": True}, 'property "bar" validation failed: wrong type: expected integer, got boolean'),
    ({"properties": {"a~b": {"type": "integer"}, "c": {"$ref": "#/properties/a~0b"}}},
     {"c": "x"}, 'property "c" validation failed: wrong type: expected integer, got string'),
    ({"definitions": {"pos": {"minimum": 0}}, "items": {"$ref": "#/definitions/pos"}}, [1, -1],
     "failed to validate item 2: expected -1 to be at least 0"),
    ({"properties": {"child": {"$ref": "#"}, "n": {"type": "integer"}}},
     {"child": {"child": {"n": "x"}}},
     ('property "child" validation failed: property "child" validation failed: '
      'property "n" validation failed: wrong type: expected integer, got string')),
    # a $ref node is replaced by its target: sibling keywords are ignored
    ({"definitions": {"s": {"type": "string"}},
      "properties": {"a": {"$ref": "#/definitions/s", "maxLength": 1}}}, {"a": "abc"}, None),
    ({"items": [{"type": "string"}, {"$ref": "#/items/0"}]}, ["a", 1],
     "failed to validate item 2: wrong type: expected string, got number"),
    ({"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"type": "string"}},
      "allOf": [{"$ref": "#/definitions/a"}]}, 1,
     "allOf 1 failed: wrong type: expected string, got number"),
]

BOOLEAN_CASES = [
    (True, 1, None),
    (True, None, None),
    (False, 1, "expect false always"),
    (False, None, "expect false always"),
    ({}, [1], None),
]

ALL_CASES = (TYPE_CASES + OBJECT_CASES + ARRAY_CASES + STRING_CASES + NUMBER_CASES + ENUM_CASES
             + COMPOUND_CASES + FORMAT_CASES + CONST_CONTAINS_CASES + ORDER_CASES + REF_CASES
             + BOOLEAN_CASES)


@pytest.mark.parametrize(("schema", "value", "expected"), ALL_CASES)
def test_keyword(schema: object, value: object, expected: str | None) -> None:
    assert validate(schema, value) == expected
