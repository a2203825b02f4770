"""How decoded JSON values look to Lua code: type names, table kinds, equality, tostring and %q."""

from __future__ import annotations

from typing import Any

# cjson decodes JSON null to cjson.null, a lightuserdata, so Lua's type() says "userdata".
_NULL_TYPE = "userdata"


def lua_type(value: Any) -> str:
    """Lua's `type(v)` for a value cjson decoded."""
    if value is None:
        return _NULL_TYPE
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (dict, list)):
        return "table"
    return "userdata"


def table_kind(value: Any) -> int:
    """jsonschema's tablekind: 0 object, 1 empty table, 2 array (cjson makes `{}` and `[]` alike)."""
    if not value:
        return 1
    return 2 if isinstance(value, list) else 0


def data_kind(value: Any) -> int | None:
    """The generated code's `datakind`: tablekind for tables, `false` (None here) otherwise."""
    return table_kind(value) if isinstance(value, (dict, list)) else None


def as_lua_number(value: Any) -> float:
    """The double a JSON number becomes in Lua (huge integers overflow to inf, as strtod does)."""
    try:
        return float(value)
    except OverflowError:
        return float("inf") if value > 0 else float("-inf")


def is_number(value: Any) -> bool:
    """A Lua number (JSON numbers only; booleans are not numbers in Lua)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_integer(value: Any) -> bool:
    """jsonschema's integer check: a number whose `% 1.0` is zero."""
    return is_number(value) and as_lua_number(value) % 1.0 == 0.0


def lua_tostring(value: Any) -> str:
    """Lua's tostring for numbers (LuaJIT uses %.14g) and plain strings otherwise."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if is_number(value):
        text = f"{as_lua_number(value):.14g}"
        return {"inf": "inf", "-inf": "-inf", "nan": "nan"}.get(text, text)
    if value is None:
        return "userdata: NULL"
    return str(value)


def lua_quote(text: str) -> str:
    """LuaJIT 2.1's `string.format("%q", s)` (lj_strfmt.c strfmt_putquotedlen)."""
    out = ['"']
    for i, ch in enumerate(text):
        code = ord(ch)
        if ch in ('"', "\\", "\n"):
            out.append("\\" + ch)
        elif code < 32 or code == 127:
            # decimal escape, padded to three digits when a digit follows
            nxt = text[i + 1:i + 2]
            out.append(f"\\{code:03d}" if nxt.isdigit() and nxt.isascii() else f"\\{code}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _as_table(value: Any) -> dict[Any, Any]:
    if isinstance(value, list):
        return {float(i + 1): v for i, v in enumerate(value)}
    return dict(value)


def lua_eq(left: Any, right: Any) -> bool:
    """Lua `==` on scalars (type-strict, 1 == 1.0)."""
    return lua_type(left) == lua_type(right) and left == right


def deep_eq(left: Any, right: Any) -> bool:
    """jsonschema's deepeq: tables compared by content, scalars by Lua equality."""
    if lua_type(left) != lua_type(right):
        return False
    if lua_type(left) != "table":
        return left == right
    lt, rt = _as_table(left), _as_table(right)
    if lt.keys() != rt.keys():
        return False
    return all(deep_eq(v, rt[k]) for k, v in lt.items())


def hash_key(value: Any) -> tuple[str, Any]:
    """A key behaving like a Lua table key for scalars."""
    return (lua_type(value), as_lua_number(value) if is_number(value) else value)


_CJSON_ESCAPES = {'"': '\\"', "\\": "\\\\", "/": "\\/", "\b": "\\b", "\t": "\\t",
                  "\n": "\\n", "\f": "\\f", "\r": "\\r", "\x7f": "\\u007f"}


def _cjson_string(text: str) -> str:
    out = []
    for ch in text:
        esc = _CJSON_ESCAPES.get(ch)
        if esc is None and ord(ch) < 32:
            esc = f"\\u{ord(ch):04x}"
        out.append(esc or ch)
    return '"' + "".join(out) + '"'


def json_encode_list(items: list[str]) -> str:
    """cjson.encode of an array of strings ('/' escaped as '\\/'; an empty table encodes as {})."""
    if not items:
        return "{}"
    return "[" + ",".join(_cjson_string(item) for item in items) + "]"
