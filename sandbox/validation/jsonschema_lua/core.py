"""The jsonschema port's compiler: per-schema cache, node dispatch, lib/jsonschema.lua's order."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sandbox.validation.jsonschema_lua.arrays import build_array, build_contains
from sandbox.validation.jsonschema_lua.combinators import (
    build_all_of,
    build_any_of,
    build_if,
    build_not,
    build_one_of,
)
from sandbox.validation.jsonschema_lua.common import PASS, Check, Step, install_compiler
from sandbox.validation.jsonschema_lua.formats import build_format
from sandbox.validation.jsonschema_lua.objects import build_object, build_property_names
from sandbox.validation.jsonschema_lua.refs import resolve, roots
from sandbox.validation.jsonschema_lua.scalars import (
    build_const,
    build_enum,
    build_number,
    build_string,
    build_type,
)
from sandbox.validation.lua_values import lua_type

_CACHE: dict[int, tuple[Any, Check]] = {}

# The checks of one schema node run in lib/jsonschema.lua's order. A few keywords emit a bare
# `return true` in the generated Lua (`items: true`, `items: false` on an empty table,
# `propertyNames: true`/`false`, `contains: true`), which skips every later check;
# PASS carries that.
BUILDERS: tuple[Callable[[dict], list[Step]], ...] = (
    build_type, build_object, build_array, build_string, build_number, build_enum,
    build_all_of, build_any_of, build_one_of, build_if, build_not, build_property_names,
    build_format, build_const, build_contains,
)


def is_secret_ref(value: Any) -> bool:
    """apisix/secret.lua is_secret_ref: `$secret://...`, or `$env://` in any letter case."""
    return isinstance(value, str) and value.startswith("$") and (
        value.startswith("$secret://") or value.upper().startswith("$ENV://"))


def validate(schema: Any, value: Any) -> str | None:
    """Validate `value`; None when valid, else api7/jsonschema's error message.

    Like the Lua library it injects schema defaults into the validated tables, so callers
    validate a copy when defaults must not stick.
    """
    return compile_schema(schema)(value)


def compile_schema(schema: Any) -> Check:
    """A cached validator for `schema` (cached per schema object, as APISIX caches per table)."""
    hit = _CACHE.get(id(schema))
    if hit is not None and hit[0] is schema:
        return hit[1]
    holder: list[Check] = []
    # a placeholder first, so a schema that reaches itself through $ref compiles
    _CACHE[id(schema)] = (schema, lambda v: holder[0](v))
    stack = roots()
    is_root = not stack
    if is_root:
        stack.append(schema)
    try:
        check = _build(schema)
    except Exception:
        del _CACHE[id(schema)]
        raise
    finally:
        if is_root:
            stack.pop()
    holder.append(check)
    _CACHE[id(schema)] = (schema, check)
    return check


def _build(schema: Any) -> Check:
    if isinstance(schema, dict) and "$ref" in schema:
        return compile_schema(resolve(schema))
    if isinstance(schema, list) and not schema:
        schema = {}     # an empty Lua table: `{}` and `[]` are the same schema
    if schema is True or (isinstance(schema, dict) and not schema):
        return lambda v: None
    if schema is False:
        return lambda v: "expect false always"
    if not isinstance(schema, dict):
        raise TypeError(f"invalid schema: expected a table or a boolean, got {lua_type(schema)}")
    steps = [step for builder in BUILDERS for step in builder(schema)]
    may_skip = schema.get("type") in (None, "string")

    def run(value: Any) -> str | None:
        if may_skip and is_secret_ref(value):
            return None  # core/schema.lua's skip_validation hook (secret.is_secret_ref)
        for step in steps:
            err = step(value)
            if err is not None:
                return None if err is PASS else err  # type: ignore[return-value]
        return None

    return run


install_compiler(compile_schema)
