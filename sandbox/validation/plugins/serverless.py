"""serverless-pre-function / serverless-post-function (apisix/plugins/serverless/init.lua)."""

from __future__ import annotations

import re

from sandbox.validation.lua_syntax import chunk_name, load_error
from sandbox.validation.plugins.base import Plugin

_TOKEN = re.compile(r"""--\[(=*)\[.*?\]\1\]|--[^\n]*|\[(=*)\[.*?\]\2\]"""
                    r"""|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'"""
                    r"|0[xX][0-9a-fA-F]+|\d+\.?\d*(?:[eE][+-]?\d+)?|[A-Za-z_][A-Za-z0-9_]*|\S", re.S)
_OPENERS = frozenset({"function", "do", "if", "repeat"})
_CLOSERS = frozenset({"end", "until"})
_BARE_NAME = re.compile(r"\s*[A-Za-z_][A-Za-z0-9_]*(\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*\s*")


def _tokens(source: str) -> list[str]:
    """The chunk's tokens without comments."""
    return [t for t in (m.group(0) for m in _TOKEN.finditer(source)) if not t.startswith("--")]


def _value_type(token: str | None) -> str:
    """Lua `type()` of the expression starting with `token` (names are assumed functions)."""
    if token is None or token in (";", "nil", "end"):
        return "nil"
    if token[0] in "\"'" or token.startswith("[["):
        return "string"
    if token[0].isdigit():
        return "number"
    if token in ("true", "false"):
        return "boolean"
    return "table" if token == "{" else "function"


def returned_type(source: str) -> str:
    """The type of what the chunk's top-level `return` gives back ("nil" without one)."""
    tokens = _tokens(source)
    depth = 0
    for i, tok in enumerate(tokens):
        if tok in _OPENERS:
            depth += 1
        elif tok in _CLOSERS:
            depth -= 1
        elif tok == "return" and depth == 0:
            return _value_type(tokens[i + 1] if i + 1 < len(tokens) else None)
    return "nil"


def lua_load_error(source: str) -> str | None:
    """loadstring's error: unbalanced blocks, or a lone name where a statement should be."""
    if _BARE_NAME.fullmatch(source):
        line = source.count("\n") + 1
        return f"{chunk_name(source)}:{line}: '=' expected near '<eof>'"
    return load_error(source)


def _check_functions(conf: dict, _schema_type: int | None) -> str | None:
    for func in conf["functions"]:
        err = lua_load_error(func)
        if err is not None:
            return "failed to loadstring: " + err
        kind = returned_type(func)
        if kind != "function":
            return "only accept Lua function, the input code type is " + kind
    return None


def _serverless(name: str, priority: int) -> Plugin:
    return Plugin(
        name=name, priority=priority, version=0.1,
        schema={"type": "object", "properties": {
            "phase": {"type": "string", "default": "access",
                      "enum": ["rewrite", "access", "header_filter", "body_filter", "log",
                               "balancer"]},
            "functions": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        }, "required": ["functions"]},
        extra=_check_functions,
    )


PLUGINS = (_serverless("serverless-pre-function", 10000),
           _serverless("serverless-post-function", -2000))
