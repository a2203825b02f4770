"""Object keywords of the jsonschema port: properties, required, dependencies, counts, extras."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from sandbox.validation.jsonschema_lua.common import (
    PASS,
    Check,
    Step,
    compile_subschema,
    match_pattern,
    named,
    truthy,
)
from sandbox.validation.lua_values import data_kind, lua_tostring

ObjStep = Callable[[dict], "str | None"]
_OBJECT_KEYS = ("properties", "patternProperties", "minProperties", "maxProperties",
                "dependencies", "required")


def build_object(schema: dict) -> list[Step]:
    """The object keywords, checked only when the value is a Lua table that can be an object."""
    if not any(truthy(schema, k) for k in _OBJECT_KEYS) and "additionalProperties" not in schema:
        return []
    steps = _property_steps(schema) + _leftover_required(schema) + _leftover_deps(schema)
    extra = _extra_props(schema)
    counts = _count_checks(schema)
    required = schema.get("required")
    empty_required = isinstance(required, list) and not required

    def run(value: Any) -> str | None:
        kind = data_kind(value)
        if kind is not None and kind <= 1:
            obj = value if isinstance(value, dict) else {}
            for step in steps:
                err = step(obj)
                if err is not None:
                    return err
            err = extra(obj) if extra else None
            if err is None and counts:
                err = counts(len(obj))
            if err is not None:
                return err
        if empty_required and kind != 1:
            return "the input data should be an empty table"
        return None

    return [run]


def build_property_names(schema: dict) -> list[Step]:
    """propertyNames: only the boolean forms are implemented by the library; a schema is ignored."""
    names = schema.get("propertyNames")
    if names is True:
        return [lambda v: PASS]
    if names is False:
        return [lambda v: PASS if data_kind(v) == 1 else "expect false always"]
    return []


def _count_checks(schema: dict) -> Callable[[int], str | None] | None:
    min_p, max_p = schema.get("minProperties"), schema.get("maxProperties")
    if min_p is None and max_p is None:
        return None

    def run(count: int) -> str | None:
        if min_p is not None and count < min_p:
            return f"expect object to have at least {lua_tostring(min_p)} properties"
        if max_p is not None and count > max_p:
            return f"expect object to have at most {lua_tostring(max_p)} properties"
        return None

    return run


def _property_steps(schema: dict) -> list[ObjStep]:
    required = set(schema.get("required") or [])
    deps = schema.get("dependencies") or {}
    return [_property_step(prop, sub, deps.get(prop), prop in required)
            for prop, sub in (schema.get("properties") or {}).items()]


def _has_default(sub: Any) -> bool:
    # `subschema.default ~= nil` and of type number/string/boolean/table
    return isinstance(sub, dict) and sub.get("default") is not None


def _property_step(prop: str, sub: Any, dep: Any, required: bool) -> ObjStep:
    check = compile_subschema(sub)
    dep_check = compile_subschema(dep) if dep is not None and not _is_name_list(dep) else None
    dep_names = dep if _is_name_list(dep) else ()
    has_default = _has_default(sub)
    name = named(prop)

    def step(obj: dict) -> str | None:
        if prop in obj:
            err = check(obj[prop])
            if err is not None:
                return f"property {name} validation failed: {err}"
            for dp in dep_names:
                if dp not in obj:
                    return f"property {named(dp)} is required when {name} is set"
            if dep_check is not None:
                err = dep_check(obj)
                if err is not None:
                    return f"failed to validate dependent schema for {name}: {err}"
        elif required:
            return f"property {name} is required"
        elif has_default:
            obj[prop] = copy.deepcopy(sub["default"])
        return None

    return step


def _is_name_list(dep: Any) -> bool:
    """`#d > 0`: a non-empty array lists property names, anything else is a schema."""
    return isinstance(dep, list) and len(dep) > 0


def _leftover_required(schema: dict) -> list[ObjStep]:
    props = schema.get("properties") or {}
    steps = []
    for prop in dict.fromkeys(schema.get("required") or []):
        if prop in props:
            continue
        msg = f"property {named(prop)} is required"
        steps.append(lambda obj, p=prop, m=msg: None if p in obj else m)
    return steps


def _leftover_deps(schema: dict) -> list[ObjStep]:
    props = schema.get("properties") or {}
    steps: list[ObjStep] = []
    for prop, dep in (schema.get("dependencies") or {}).items():
        if prop in props:
            continue
        if _is_name_list(dep):
            for dp in dep:
                msg = f"property {named(dp)} is required when {named(prop)} is set"
                steps.append(lambda o, p=prop, d=dp, m=msg: m if p in o and d not in o else None)
        else:
            check = compile_subschema(dep)
            prefix = f"failed to validate dependent schema for {named(prop)}: "
            steps.append(lambda o, p=prop, c=check, x=prefix: _dep(o, p, c, x))
    return steps


def _dep(obj: dict, prop: str, check: Check, prefix: str) -> str | None:
    if prop not in obj:
        return None
    err = check(obj)
    return None if err is None else prefix + err


def _extra_props(schema: dict) -> ObjStep | None:
    addl = schema.get("additionalProperties")
    patterns = [(p, compile_subschema(s))
                for p, s in (schema.get("patternProperties") or {}).items()]
    restrict = "additionalProperties" in schema and addl is not True
    if not patterns and not restrict:
        return None
    known = set(schema.get("properties") or {})
    addl_check = compile_subschema(addl) if isinstance(addl, dict) else None

    def run(obj: dict) -> str | None:
        for prop, value in obj.items():
            matched = False
            for patt, check in patterns:
                if match_pattern(prop, patt):
                    err = check(value)
                    if err is not None:
                        return f"failed to validate {prop} (matching {named(patt)}): {err}"
                    matched = True
            if restrict and not (prop in known or matched):
                if addl_check is None:
                    return "additional properties forbidden, found " + prop
                err = addl_check(value)
                if err is not None:
                    return f"failed to validate additional property {prop}: {err}"
        return None

    return run
