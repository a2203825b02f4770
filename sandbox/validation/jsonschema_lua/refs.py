"""`$ref` resolution as lib/jsonschema/store.lua does it: local "#/..." pointers into the root."""

from __future__ import annotations

import re
import threading
from typing import Any

_LOCAL = threading.local()   # .roots: the schema being compiled, for `$ref: "#/..."`


def roots() -> list[Any]:
    """This thread's stack of root schemas being compiled (the outermost is the pointer base)."""
    if not hasattr(_LOCAL, "roots"):
        _LOCAL.roots = []
    return _LOCAL.roots


def resolve(node: dict) -> Any:
    """Follow `$ref` chains to the target node (a $ref node is replaced by its target)."""
    for _ in range(64):
        if not (isinstance(node, dict) and "$ref" in node):
            return node
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#"):
            raise ValueError(f"an external resolver is required to fetch {ref}")
        stack = roots()
        node = stack[0] if stack else node
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
