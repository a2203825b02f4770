"""A port of api7/jsonschema (the validator APISIX uses): same keyword order, same error texts.

`validate(schema, value)` returns None or the first error string. Like the Lua library it injects
schema defaults into the validated tables, so callers validate a copy when defaults must not stick.
The checks for one schema node run in lib/jsonschema.lua's order: type, object keywords, array
keywords, string keywords, number keywords, enum, allOf, anyOf, oneOf, if/then/else, not,
propertyNames, format, const, contains. A few keywords emit a bare `return true` in the generated
Lua (`items: true`, `items: false` on an empty table, `propertyNames: true`/`false`, `contains:
true`), which skips every later check of that node; `_PASS` carries that here.
"""

from __future__ import annotations

import copy
import math
import re
import socket
import threading
from collections.abc import Callable
from typing import Any

from sandbox.validation.lua_values import (
    as_lua_number,
    data_kind,
    deep_eq,
    hash_key,
    is_integer,
    is_number,
    json_encode_list,
    lua_quote,
    lua_tostring,
    lua_type,
)


class _Pass:
    """The generated code's early `return true`: the node is valid, later checks are skipped."""


_PASS = _Pass()
Check = Callable[[Any], "str | None"]
Step = Callable[[Any], "str | _Pass | None"]
_CACHE: dict[int, tuple[Any, Check]] = {}
_RE_CACHE: dict[str, re.Pattern[str]] = {}
_LOCAL = threading.local()   # .roots: the schema being compiled, for `$ref: "#/..."`


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
    roots = _roots()
    is_root = not roots
    if is_root:
        roots.append(schema)
    try:
        check = _build(schema)
    except Exception:
        del _CACHE[id(schema)]
        raise
    finally:
        if is_root:
            roots.pop()
    holder.append(check)
    _CACHE[id(schema)] = (schema, check)
    return check


def _roots() -> list[Any]:
    if not hasattr(_LOCAL, "roots"):
        _LOCAL.roots = []
    return _LOCAL.roots


def match_pattern(text: str, pattern: str) -> bool:
    """ngx.re.find(text, pattern, "jo") as a boolean."""
    rx = _RE_CACHE.get(pattern)
    if rx is None:
        rx = _RE_CACHE[pattern] = re.compile(pattern)
    return rx.search(text) is not None


def utf8_len(text: str) -> int:
    """Character count, as jsonschema's utf8_len counts valid UTF-8 sequences."""
    return len(text)


def _truthy(schema: dict, key: str) -> bool:
    """Lua's `if schema.key`: present and neither nil nor false (0 and "" are true in Lua)."""
    return schema.get(key) is not None and schema[key] is not False


def _named(text: str) -> str:
    """A name %q-quoted into a Lua literal of the generated code, which the parser reads back."""
    return '"' + text + '"'


def _build(schema: Any) -> Check:
    if isinstance(schema, dict) and "$ref" in schema:
        return compile_schema(_resolve(schema))
    if isinstance(schema, list) and not schema:
        schema = {}     # an empty Lua table: `{}` and `[]` are the same schema
    if schema is True or (isinstance(schema, dict) and not schema):
        return lambda v: None
    if schema is False:
        return lambda v: "expect false always"
    if not isinstance(schema, dict):
        raise TypeError(f"invalid schema: expected a table or a boolean, got {lua_type(schema)}")
    steps = [step for builder in _BUILDERS for step in builder(schema)]

    def run(value: Any) -> str | None:
        for step in steps:
            err = step(value)
            if err is not None:
                return None if err is _PASS else err  # type: ignore[return-value]
        return None

    return run


# -- $ref (lib/jsonschema/store.lua: local "#/..." pointers; a $ref node is replaced by its target)

def _resolve(node: dict) -> Any:
    for _ in range(64):
        if not (isinstance(node, dict) and "$ref" in node):
            return node
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#"):
            raise ValueError(f"an external resolver is required to fetch {ref}")
        roots = _roots()
        node = roots[0] if roots else node
        for part in filter(None, ref[1:].split("/")):
            node = _pointer_step(node, part, ref)
    raise ValueError("too many nested $ref")


def _pointer_step(node: Any, part: str, ref: str) -> Any:
    if part.isdigit():     # decodepart: numbers index Lua arrays (0-based in the pointer)
        if isinstance(node, list) and int(part) < len(node):
            return node[int(part)]
        raise ValueError(f"reference not found: {ref} (at {part})")
    key = re.sub(r"%([0-9a-fA-F]{2})", lambda m: chr(int(m.group(1), 16)), part)
    key = key.replace("~0", "~").replace("~1", "/")
    if not isinstance(node, dict) or key not in node:
        raise ValueError(f"reference not found: {ref} (at {key})")
    return node[key]


# -- type

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


def _build_type(schema: dict) -> list[Step]:
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


# -- object keywords

_OBJECT_KEYS = ("properties", "patternProperties", "minProperties", "maxProperties",
                "dependencies", "required")


def _build_object(schema: dict) -> list[Step]:
    if not any(_truthy(schema, k) for k in _OBJECT_KEYS) and "additionalProperties" not in schema:
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


def _property_steps(schema: dict) -> list[Callable[[dict], str | None]]:
    required = set(schema.get("required") or [])
    deps = schema.get("dependencies") or {}
    return [_property_step(prop, sub, deps.get(prop), prop in required)
            for prop, sub in (schema.get("properties") or {}).items()]


def _has_default(sub: Any) -> bool:
    # `subschema.default ~= nil` and of type number/string/boolean/table
    return isinstance(sub, dict) and sub.get("default") is not None


def _property_step(prop: str, sub: Any, dep: Any, required: bool) -> Callable[[dict], str | None]:
    check = compile_schema(sub)
    dep_check = compile_schema(dep) if dep is not None and not _is_name_list(dep) else None
    dep_names = dep if _is_name_list(dep) else ()
    has_default = _has_default(sub)
    name = _named(prop)

    def step(obj: dict) -> str | None:
        if prop in obj:
            err = check(obj[prop])
            if err is not None:
                return f"property {name} validation failed: {err}"
            for dp in dep_names:
                if dp not in obj:
                    return f"property {_named(dp)} is required when {name} is set"
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


def _leftover_required(schema: dict) -> list[Callable[[dict], str | None]]:
    props = schema.get("properties") or {}
    steps = []
    for prop in dict.fromkeys(schema.get("required") or []):
        if prop in props:
            continue
        msg = f"property {_named(prop)} is required"
        steps.append(lambda obj, p=prop, m=msg: None if p in obj else m)
    return steps


def _leftover_deps(schema: dict) -> list[Callable[[dict], str | None]]:
    props = schema.get("properties") or {}
    steps: list[Callable[[dict], str | None]] = []
    for prop, dep in (schema.get("dependencies") or {}).items():
        if prop in props:
            continue
        if _is_name_list(dep):
            for dp in dep:
                msg = f"property {_named(dp)} is required when {_named(prop)} is set"
                steps.append(lambda o, p=prop, d=dp, m=msg: m if p in o and d not in o else None)
        else:
            check = compile_schema(dep)
            prefix = f"failed to validate dependent schema for {_named(prop)}: "
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
                        return f"failed to validate {prop} (matching {_named(patt)}): {err}"
                    matched = True
            if restrict and not (prop in known or matched):
                if addl_check is None:
                    return "additional properties forbidden, found " + prop
                err = addl_check(value)
                if err is not None:
                    return f"failed to validate additional property {prop}: {err}"
        return None

    return run


# -- array keywords

def _build_array(schema: dict) -> list[Step]:
    items = schema.get("items")
    if items is None and not any(_truthy(schema, k) for k in ("minItems", "maxItems",
                                                               "uniqueItems")):
        return []
    if items is True:
        return [lambda v: _PASS]
    if items is False:
        return [lambda v: _PASS if data_kind(v) == 1 else "expect false always"]
    count_check = _item_counts(schema)
    items_check = _items_check(schema)
    unique = _truthy(schema, "uniqueItems")

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


def _items_check(schema: dict) -> Callable[[list], str | None] | None:
    items = schema.get("items")
    if isinstance(items, list) and items:
        return _tuple_check(schema, [compile_schema(s) for s in items])
    if items is None or items is False:
        return None
    check = compile_schema(items)

    def run(arr: list) -> str | None:
        for i, item in enumerate(arr, start=1):
            err = check(item)
            if err is not None:
                return f"failed to validate item {i}: {err}"
        return None

    return run


def _tuple_check(schema: dict, checks: list[Check]) -> Callable[[list], str | None]:
    extra = schema.get("additionalItems")
    extra_check = compile_schema(extra) if isinstance(extra, dict) else None

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
                return f"expected unique items but items {tables[a][0]} and {tables[b][0]} are equal"
    return None


# -- string keywords

def _build_string(schema: dict) -> list[Step]:
    if not any(_truthy(schema, k) for k in ("minLength", "maxLength", "pattern")):
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


# -- number keywords

_RANGES = (("minimum", lambda v, r: v < r, "at least"),
           ("exclusiveMinimum", lambda v, r: v <= r, "greater than"),
           ("maximum", lambda v, r: v > r, "at most"),
           ("exclusiveMaximum", lambda v, r: v >= r, "smaller than"))


def _as_code(number: Any) -> float:
    """A number as the generated code holds it: written with %s (%.14g) and parsed back."""
    text = lua_tostring(number)
    return float(text) if text not in ("nan", "-nan") else math.nan


def _build_number(schema: dict) -> list[Step]:
    active = [(_as_code(schema[k]), lua_tostring(schema[k]), op, word)
              for k, op, word in _RANGES if _truthy(schema, k)]
    mof = schema.get("multipleOf") if _truthy(schema, "multipleOf") else None
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


# -- enum and compound keywords

def _build_enum(schema: dict) -> list[Step]:
    values = schema.get("enum")
    if values is None:
        return []
    wanted = [_as_code(e) if is_number(e) else e for e in values]
    return [lambda v: None if any(deep_eq(v, e) for e in wanted)
            else "matches none of the enum values"]


def _build_all_of(schema: dict) -> list[Step]:
    subs = [compile_schema(s) for s in schema.get("allOf") or []]

    def step(i: int, check: Check) -> Step:
        return lambda v: None if (err := check(v)) is None else f"allOf {i} failed: {err}"

    return [step(i, check) for i, check in enumerate(subs, start=1)]


def _build_any_of(schema: dict) -> list[Step]:
    raw = schema.get("anyOf")
    if not raw:
        return []
    subs = [compile_schema(s) for s in raw]
    reqs = [json_encode_list(s["required"]) for s in raw
            if isinstance(s, dict) and _truthy(s, "required")]
    msg = "object matches none of the required" + (": " + " or ".join(reqs) if reqs else "")
    return [lambda v: None if any(c(v) is None for c in subs) else msg]


def _build_one_of(schema: dict) -> list[Step]:
    raw = schema.get("oneOf")
    if raw is None:
        return []
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

    return [run]


def _build_if(schema: dict) -> list[Step]:
    if not _truthy(schema, "if"):
        return []
    cond = compile_schema(schema["if"])
    then = compile_schema(schema["then"]) if _truthy(schema, "then") else None
    other = compile_schema(schema["else"]) if _truthy(schema, "else") else None

    def run(value: Any) -> str | None:
        matched = cond(value) is None
        if matched and then is not None and then(value) is not None:
            return "then clause did not match"
        if not matched and other is not None and other(value) is not None:
            return "else clause did not match"
        return None

    return [run]


def _build_not(schema: dict) -> list[Step]:
    if not _truthy(schema, "not"):
        return []
    sub = compile_schema(schema["not"])
    return [lambda v: "value wasn't supposed to match schema" if sub(v) is None else None]


def _build_property_names(schema: dict) -> list[Step]:
    # only the boolean forms are implemented by the library; a schema is ignored
    names = schema.get("propertyNames")
    if names is True:
        return [lambda v: _PASS]
    if names is False:
        return [lambda v: _PASS if data_kind(v) == 1 else "expect false always"]
    return []


# -- format, const, contains

def _inet(family: int, text: str) -> bool:
    try:
        # ffi passes the Lua string as a C string: it ends at the first NUL
        socket.inet_pton(family, text.split("\0", 1)[0])
    except (OSError, ValueError):
        return False
    return True


_EMAIL = r"^([A-Za-z0-9_\-\.])+\@([A-Za-z0-9_\-\.])+\.([A-Za-z]{2,4})$"
_HOSTNAME = r"^[a-zA-Z0-9\-\.]+$"
_FORMATS: dict[str, tuple[Callable[[str], bool], str]] = {
    "email": (lambda v: match_pattern(v, _EMAIL), "expect valid email address but got: "),
    "ipv4": (lambda v: _inet(socket.AF_INET, v), "expect valid ipv4 address but got: "),
    "ipv6": (lambda v: _inet(socket.AF_INET6, v), "expect valid ipv6 address but got: "),
    # the library really reports hostnames with the ipv4 wording
    "hostname": (lambda v: match_pattern(v, _HOSTNAME), "expect valid ipv4 address but got: "),
}


def _build_format(schema: dict) -> list[Step]:
    fmt = schema.get("format")
    if not isinstance(fmt, str) or fmt not in _FORMATS:
        return []
    ok, prefix = _FORMATS[fmt]
    return [lambda v: None if not isinstance(v, str) or ok(v) else prefix + v]


def _build_const(schema: dict) -> list[Step]:
    if schema.get("const") is None:
        return []
    const = schema["const"]
    return [lambda v: None if deep_eq(v, const) else "failed to check const value"]


def _build_contains(schema: dict) -> list[Step]:
    contains = schema.get("contains")
    if contains is None:
        return []
    if contains is True:
        return [lambda v: _PASS if data_kind(v) == 2 else "check contains: expect array table"]
    if contains is False:
        return [lambda v: _PASS if lua_type(v) != "table" else "check contains: expect table"]
    check = compile_schema(contains)

    def run(value: Any) -> str | None:
        if data_kind(value) == 1:
            return "check contains: empty array is invalid"
        # ipairs/# see only the array part; objects have none, UNVERIFIED for non-tables
        arr = value if isinstance(value, list) else []
        if arr and all(check(item) is not None for item in arr):
            return "failed to check contains"
        return None

    return [run]


_BUILDERS: tuple[Callable[[dict], list[Step]], ...] = (
    _build_type, _build_object, _build_array, _build_string, _build_number, _build_enum,
    _build_all_of, _build_any_of, _build_one_of, _build_if, _build_not, _build_property_names,
    _build_format, _build_const, _build_contains,
)
