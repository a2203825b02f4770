"""The MCP view of a tool's input schema: portable JSON Schema (Draft 2020-12), one plain type per schema.

FastMCP turns the spec's `nullable: true` into `type: [X, "null"]`, which several MCP clients (and
the MCP Inspector's `--strict` check) refuse. Here each such schema becomes
`anyOf: [{type: X, ...}, {type: "null"}]`, and integral floats (`maximum: 500.0`) become integers.
The meaning is unchanged: the server still validates against the spec itself.
"""

from __future__ import annotations

from typing import Any

# Keywords that describe the whole value, kept beside the anyOf rather than inside the typed branch.
_OUTER = ("description", "title", "default", "example", "examples")


def portable(schema: Any) -> Any:
    """A copy of `schema` without type arrays, with integral floats as integers."""
    if isinstance(schema, list):
        return [portable(item) for item in schema]
    if isinstance(schema, float) and schema.is_integer():
        return int(schema)
    if not isinstance(schema, dict):
        return schema
    node = {key: value if key in ("enum", "const", "default", "example") else portable(value)
            for key, value in schema.items()}
    kinds = node.get("type")
    if isinstance(kinds, list):
        node = _split_types(node, [kind for kind in kinds if isinstance(kind, str)])
    if isinstance(node.get("anyOf"), list):
        node["anyOf"] = _flat_branches(node["anyOf"])
    return node


def _flat_branches(branches: list[Any]) -> list[Any]:
    """`anyOf` branches with nested bare `anyOf`s spliced in (`anyOf: [{anyOf: [A, B]}, C]` is A | B | C)."""
    flat: list[Any] = []
    for branch in branches:
        if isinstance(branch, dict) and set(branch) == {"anyOf"} and isinstance(branch["anyOf"], list):
            flat += _flat_branches(branch["anyOf"])
        else:
            flat.append(branch)
    return flat


def _split_types(node: dict[str, Any], kinds: list[str]) -> dict[str, Any]:
    outer = {key: node.pop(key) for key in _OUTER if key in node}
    node.pop("type")
    if node.get("enum") == [None]:  # a plain JSON null
        return {**outer, "type": "null"}
    if len(kinds) == 1:
        return {**outer, **node, "type": kinds[0]}
    branches = [{**node, "type": kind} if kind != "null" else {"type": "null"} for kind in kinds]
    # Keywords for one type only (items, properties, pattern) stay in the branch of that type.
    return {**outer, "anyOf": [_trim(branch) for branch in branches]}


_FOR_TYPE = {
    "array": {"items", "minItems", "maxItems", "uniqueItems", "prefixItems", "contains"},
    "object": {"properties", "additionalProperties", "required", "minProperties", "maxProperties",
               "patternProperties", "propertyNames"},
    "string": {"pattern", "minLength", "maxLength", "format"},
    "integer": {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"},
    "number": {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"},
}
_TYPED = set().union(*_FOR_TYPE.values())


def _trim(branch: dict[str, Any]) -> dict[str, Any]:
    allowed = _FOR_TYPE.get(branch.get("type", ""), set())
    return {key: value for key, value in branch.items() if key not in _TYPED or key in allowed}
