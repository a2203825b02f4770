"""Compound keywords of the jsonschema port: allOf, anyOf, oneOf, if/then/else and not."""

from __future__ import annotations

from typing import Any

from sandbox.validation.jsonschema_lua.common import Check, Step, compile_subschema, truthy
from sandbox.validation.lua_values import json_encode_list


def build_all_of(schema: dict) -> list[Step]:
    """allOf: one step per subschema, so the first failing one is reported by number."""
    subs = [compile_subschema(s) for s in schema.get("allOf") or []]

    def step(i: int, check: Check) -> Step:
        return lambda v: None if (err := check(v)) is None else f"allOf {i} failed: {err}"

    return [step(i, check) for i, check in enumerate(subs, start=1)]


def build_any_of(schema: dict) -> list[Step]:
    """anyOf: the message lists the subschemas' `required` arrays."""
    raw = schema.get("anyOf")
    if not raw:
        return []
    subs = [compile_subschema(s) for s in raw]
    reqs = [json_encode_list(s["required"]) for s in raw
            if isinstance(s, dict) and truthy(s, "required")]
    msg = "object matches none of the required" + (": " + " or ".join(reqs) if reqs else "")
    return [lambda v: None if any(c(v) is None for c in subs) else msg]


def build_one_of(schema: dict) -> list[Step]:
    """oneOf: exactly one subschema must match."""
    raw = schema.get("oneOf")
    if raw is None:
        return []
    subs = [compile_subschema(s) for s in raw]

    def run(value: Any) -> str | None:
        matched = 0
        for i, check in enumerate(subs, start=1):
            if check(value) is None:
                if matched:
                    return ("value should match only one schema, but matches both schemas "
                            f"{matched} and {i}")
                matched = i
        return None if matched else "value should match only one schema, but matches none"

    return [run]


def build_if(schema: dict) -> list[Step]:
    """if/then/else."""
    if not truthy(schema, "if"):
        return []
    cond = compile_subschema(schema["if"])
    then = compile_subschema(schema["then"]) if truthy(schema, "then") else None
    other = compile_subschema(schema["else"]) if truthy(schema, "else") else None

    def run(value: Any) -> str | None:
        matched = cond(value) is None
        if matched and then is not None and then(value) is not None:
            return "then clause did not match"
        if not matched and other is not None and other(value) is not None:
            return "else clause did not match"
        return None

    return [run]


def build_not(schema: dict) -> list[Step]:
    """not."""
    if not truthy(schema, "not"):
        return []
    sub = compile_subschema(schema["not"])
    return [lambda v: "value wasn't supposed to match schema" if sub(v) is None else None]
