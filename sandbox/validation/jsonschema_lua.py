"""A port of api7/jsonschema (the validator APISIX uses): same keyword order, same error texts.

`validate(schema, value)` returns None or the first error string. Like the Lua library it injects
schema defaults into the validated tables, so callers validate a copy when defaults must not stick.
"""

from __future__ import annotations

import re
import socket
from typing import Any, Callable

from sandbox.validation.lua_values import (
    deep_eq,
    hash_key,
    is_integer,
    is_number,
    json_encode_list,
    lua_quote,
    lua_tostring,
    lua_type,
    table_kind,
)

Check = Callable[[Any], "str | None"]
_CACHE: dict[int, tuple[Any, Check]] = {}
_RE_CACHE: dict[str, re.Pattern[str]] = {}


def validate(schema: Any, value: Any) -> str | None:
    """Validate `value`; None when valid, else api7/jsonschema's error message."""
    return compile_schema(schema)(value)


def compile_schema(schema: Any) -> Check:
    """A cached validator for `schema` (cached per schema object, as APISIX caches per table)."""
    hit = _CACHE.get(id(schema))
    if hit is not None and hit[0] is schema:
        return hit[1]
    holder: list[Check] = []
    _CACHE[id(schema)] = (schema, lambda v: holder[0](v))
    check = _build(schema)
    holder.append(check)
    _CACHE[id(schema)] = (schema, check)
    return check


def match_pattern(text: str, pattern: str) -> bool:
    """ngx.re.find(text, pattern, "jo") as a boolean."""
    rx = _RE_CACHE.get(pattern)
    if rx is None:
        rx = _RE_CACHE[pattern] = re.compile(pattern)
    return rx.search(text) is not None


def utf8_len(text: str) -> int:
    """Character count, as jsonschema's utf8_len counts valid UTF-8 sequences."""
    return len(text)


def _build(schema: Any) -> Check:
    if schema is True or (isinstance(schema, dict) and not schema):
        return lambda v: None
    if schema is False:
        return lambda v: "expect false always"
    checks: list[Check] = []
    for builder in _BUILDERS:
        built = builder(schema)
        if built is not None:
            checks.append(built)

    def run(value: Any) -> str | None:
        for check in checks:
            err = check(value)
            if err is not None:
                return err
        return None

    return run


def _type_ok(jsontype: str, value: Any) -> bool:
    t = lua_type(value)
    if jsontype == "object":
        return t == "table" and table_kind(value) <= 1
    if jsontype == "array":
        return t == "table" and table_kind(value) >= 1
    if jsontype == "table":
        return t == "table"
    if jsontype == "integer":
        return is_integer(value)
    if jsontype == "null":
        return value is None
    return t == jsontype


def _build_type(schema: dict) -> Check | None:
    wanted = schema.get("type")
    if wanted is None:
        return None
    if isinstance(wanted, str):
        msg = f"wrong type: expected {wanted}, got "
        return lambda v: None if _type_ok(wanted, v) else msg + lua_type(v)
    msg = "wrong type: expected one of " + ", ".join(wanted) + ", got "
    return lambda v: None if any(_type_ok(t, v) for t in wanted) else msg + lua_type(v)


_OBJECT_KEYS = ("properties", "patternProperties", "minProperties", "maxProperties",
                "dependencies", "required")


def _build_object(schema: dict) -> Check | None:
    if not any(k in schema for k in _OBJECT_KEYS) and "additionalProperties" not in schema:
        return None
    steps = _property_steps(schema) + _leftover_required(schema) + _leftover_deps(schema)
    extra = _extra_props(schema)
    min_p, max_p = schema.get("minProperties"), schema.get("maxProperties")
    required = schema.get("required")
    empty_required = required is not None and len(required) == 0

    def run(value: Any) -> str | None:
        if lua_type(value) == "table" and table_kind(value) <= 1:
            obj = value if isinstance(value, dict) else {}
            for step in steps:
                err = step(obj)
                if err is not None:
                    return err
            err = extra(obj) if extra else None
            if err is not None:
                return err
            if min_p is not None and len(obj) < min_p:
                return f"expect object to have at least {min_p} properties"
            if max_p is not None and len(obj) > max_p:
                return f"expect object to have at most {max_p} properties"
        if empty_required and table_kind(value) != 1:
            return "the input data should be an empty table"
        return None

    return run


def _property_steps(schema: dict) -> list[Callable[[dict], str | None]]:
    required = list(schema.get("required") or [])
    deps = schema.get("dependencies") or {}
    steps = []
    for prop, sub in (schema.get("properties") or {}).items():
        steps.append(_property_step(prop, sub, deps.get(prop), prop in required))
    return steps


def _property_step(prop: str, sub: Any, dep: Any, required: bool) -> Callable[[dict], str | None]:
    check = compile_schema(sub)
    dep_check = compile_schema(dep) if isinstance(dep, dict) else None
    dep_list = dep if isinstance(dep, list) else None
    has_default = isinstance(sub, dict) and "default" in sub and sub["default"] is not None
    name = lua_quote(prop)

    def step(obj: dict) -> str | None:
        if prop in obj:
            err = check(obj[prop])
            if err is not None:
                return f"property {name} validation failed: {err}"
            for dp in dep_list or ():
                if dp not in obj:
                    return f"property {lua_quote(dp)} is required when {name} is set"
            if dep_check is not None:
                err = dep_check(obj)
                if err is not None:
                    return f"failed to validate dependent schema for {name}: {err}"
        elif required:
            return f"property {name} is required"
        elif has_default:
            obj[prop] = _copy_default(sub["default"])
        return None

    return step


def _copy_default(value: Any) -> Any:
    import copy
    return copy.deepcopy(value)


def _leftover_required(schema: dict) -> list[Callable[[dict], str | None]]:
    props = schema.get("properties") or {}
    steps = []
    for prop in schema.get("required") or []:
        if prop in props:
            continue
        msg = f"property {lua_quote(prop)} is required"
        steps.append(lambda obj, p=prop, m=msg: None if p in obj else m)
    return steps


def _leftover_deps(schema: dict) -> list[Callable[[dict], str | None]]:
    props = schema.get("properties") or {}
    steps: list[Callable[[dict], str | None]] = []
    for prop, dep in (schema.get("dependencies") or {}).items():
        if prop in props:
            continue
        if isinstance(dep, list) and dep:
            for dp in dep:
                msg = f"property {lua_quote(dp)} is required when {lua_quote(prop)} is set"
                steps.append(lambda o, p=prop, d=dp, m=msg: m if p in o and d not in o else None)
        else:
            check = compile_schema(dep)
            prefix = f"failed to validate dependent schema for {lua_quote(prop)}: "
            steps.append(lambda o, p=prop, c=check, x=prefix: _dep(o, p, c, x))
    return steps


def _dep(obj: dict, prop: str, check: Check, prefix: str) -> str | None:
    if prop not in obj:
        return None
    err = check(obj)
    return None if err is None else prefix + err


def _extra_props(schema: dict) -> Callable[[dict], str | None] | None:
    addl = schema.get("additionalProperties")
    patterns = [(p, compile_schema(s)) for p, s in (schema.get("patternProperties") or {}).items()]
    restrict = "additionalProperties" in schema and addl is not True
    if not patterns and not restrict:
        return None
    known = set(schema.get("properties") or {})
    addl_check = compile_schema(addl) if isinstance(addl, dict) else None

    def run(obj: dict) -> str | None:
        for prop, value in obj.items():
            matched = False
            for patt, check in patterns:
                if match_pattern(prop, patt):
                    err = check(value)
                    if err is not None:
                        return f"failed to validate {prop} (matching {lua_quote(patt)}): {err}"
                    matched = True
            if restrict and not (prop in known or matched):
                if addl_check is None:
                    return "additional properties forbidden, found " + prop
                err = addl_check(value)
                if err is not None:
                    return f"failed to validate additional property {prop}: {err}"
        return None

    return run


def _build_array(schema: dict) -> Check | None:
    items = schema.get("items")
    if items is None and not any(k in schema for k in ("minItems", "maxItems", "uniqueItems")):
        return None
    if items is True:
        return lambda v: None
    min_i, max_i, unique = schema.get("minItems"), schema.get("maxItems"), schema.get("uniqueItems")
    tuple_checks = [compile_schema(s) for s in items] if isinstance(items, list) and items else None
    list_check = compile_schema(items) if isinstance(items, dict) else None
    extra_false = schema.get("additionalItems") is False

    def run(value: Any) -> str | None:
        if items is False and not (lua_type(value) == "table" and table_kind(value) == 1):
            return "expect false always"
        if not (lua_type(value) == "table" and table_kind(value) >= 1):
            return None
        arr = value if isinstance(value, list) else []
        if min_i is not None and len(arr) < min_i:
            return f"expect array to have at least {min_i} items"
        if max_i is not None and len(arr) > max_i:
            return f"expect array to have at most {max_i} items"
        err = _array_items(arr, tuple_checks, list_check, extra_false)
        if err is None and unique:
            err = _unique(arr)
        return err

    return run


def _array_items(arr: list, tuple_checks: list[Check] | None, list_check: Check | None,
                 extra_false: bool) -> str | None:
    if tuple_checks is not None:
        for i, check in enumerate(tuple_checks):
            if i >= len(arr):
                return None
            err = check(arr[i])
            if err is not None:
                return f"failed to validate item {i + 1}: {err}"
        if extra_false and len(arr) > len(tuple_checks):
            return "found unexpected extra items in array"
        return None
    if list_check is not None:
        for i, item in enumerate(arr):
            err = list_check(item)
            if err is not None:
                return f"failed to validate item {i + 1}: {err}"
    return None


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
                return f"expected unique items but items {tables[a][0]} and {tables[b][0]} are equal"
    return None


def _build_string(schema: dict) -> Check | None:
    min_l, max_l, patt = schema.get("minLength"), schema.get("maxLength"), schema.get("pattern")
    if min_l is None and max_l is None and patt is None:
        return None
    quoted = lua_quote(patt) if patt is not None else ""

    def run(value: Any) -> str | None:
        if not isinstance(value, str):
            return None
        if min_l is not None and utf8_len(value) < int(min_l):
            return f"string too short, expected at least {int(min_l)}, got {utf8_len(value)}"
        if max_l is not None and utf8_len(value) > max_l:
            return f"string too long, expected at most {max_l}, got {utf8_len(value)}"
        if patt is not None and not match_pattern(value, patt):
            return f"failed to match pattern {quoted} with {lua_quote(value)}"
        return None

    return run


_RANGES = (("minimum", lambda v, r: v < r, "at least"),
           ("exclusiveMinimum", lambda v, r: v <= r, "greater than"),
           ("maximum", lambda v, r: v > r, "at most"),
           ("exclusiveMaximum", lambda v, r: v >= r, "smaller than"))


def _build_number(schema: dict) -> Check | None:
    active = [(schema[k], op, word) for k, op, word in _RANGES
              if k in schema and schema[k] is not False]
    mof = schema.get("multipleOf")
    if not active and mof is None:
        return None

    def run(value: Any) -> str | None:
        if not is_number(value):
            return None
        for ref, op, word in active:
            if op(value, ref):
                return f"expected {lua_tostring(value)} to be {word} {lua_tostring(ref)}"
        if mof is not None and (value / mof) % 1 != 0:
            return f"expected {lua_tostring(value)} to be a multiple of {lua_tostring(mof)}"
        return None

    return run


def _build_enum(schema: dict) -> Check | None:
    values = schema.get("enum")
    if values is None:
        return None
    return lambda v: None if any(deep_eq(v, e) for e in values) \
        else "matches none of the enum values"


def _build_all_of(schema: dict) -> Check | None:
    subs = [compile_schema(s) for s in schema.get("allOf") or []]
    if not subs:
        return None

    def run(value: Any) -> str | None:
        for i, check in enumerate(subs, start=1):
            err = check(value)
            if err is not None:
                return f"allOf {i} failed: {err}"
        return None

    return run


def _build_any_of(schema: dict) -> Check | None:
    raw = schema.get("anyOf")
    if not raw:
        return None
    subs = [compile_schema(s) for s in raw]
    reqs = [json_encode_list(s["required"]) for s in raw
            if isinstance(s, dict) and s.get("required") is not None]
    msg = "object matches none of the required" + (": " + " or ".join(reqs) if reqs else "")
    return lambda v: None if any(c(v) is None for c in subs) else msg


def _build_one_of(schema: dict) -> Check | None:
    raw = schema.get("oneOf")
    if not raw:
        return None
    subs = [compile_schema(s) for s in raw]

    def run(value: Any) -> str | None:
        matched = 0
        for i, check in enumerate(subs, start=1):
            if check(value) is None:
                if matched:
                    return ("value should match only one schema, but matches both schemas "
                            f"{matched} and {i}")
                matched = i
        return None if matched else "value should match only one schema, but matches none"

    return run


def _build_if(schema: dict) -> Check | None:
    if "if" not in schema:
        return None
    cond = compile_schema(schema["if"])
    then = compile_schema(schema["then"]) if "then" in schema else None
    other = compile_schema(schema["else"]) if "else" in schema else None

    def run(value: Any) -> str | None:
        matched = cond(value) is None
        if matched and then is not None and then(value) is not None:
            return "then clause did not match"
        if not matched and other is not None and other(value) is not None:
            return "else clause did not match"
        return None

    return run


def _build_not(schema: dict) -> Check | None:
    if "not" not in schema:
        return None
    sub = compile_schema(schema["not"])
    return lambda v: "value wasn't supposed to match schema" if sub(v) is None else None


def _inet(family: int, text: str) -> bool:
    try:
        socket.inet_pton(family, text)
    except (OSError, ValueError):
        return False
    return True


def _build_format(schema: dict) -> Check | None:
    fmt = schema.get("format")
    if fmt == "ipv4":
        return lambda v: None if not isinstance(v, str) or _inet(socket.AF_INET, v) \
            else "expect valid ipv4 address but got: " + v
    if fmt == "ipv6":
        return lambda v: None if not isinstance(v, str) or _inet(socket.AF_INET6, v) \
            else "expect valid ipv6 address but got: " + v
    if fmt == "email":
        rx = r"^([A-Za-z0-9_\-\.])+\@([A-Za-z0-9_\-\.])+\.([A-Za-z]{2,4})$"
        return lambda v: None if not isinstance(v, str) or match_pattern(v, rx) \
            else "expect valid email address but got: " + v
    if fmt == "hostname":
        rx = r"^[a-zA-Z0-9\-\.]+$"
        # the library really reports hostnames with the ipv4 wording
        return lambda v: None if not isinstance(v, str) or match_pattern(v, rx) \
            else "expect valid ipv4 address but got: " + v
    return None


def _build_const(schema: dict) -> Check | None:
    if "const" not in schema or schema["const"] is None:
        return None
    const = schema["const"]
    return lambda v: None if deep_eq(v, const) else "failed to check const value"


_BUILDERS: tuple[Callable[[dict], Check | None], ...] = (
    _build_type, _build_object, _build_array, _build_string, _build_number, _build_enum,
    _build_all_of, _build_any_of, _build_one_of, _build_if, _build_not, _build_format,
    _build_const,
)
