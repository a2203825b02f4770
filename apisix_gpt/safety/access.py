"""Which requests need a token, and which count as writes a viewer may not make."""

from __future__ import annotations

import re

PROTECTED_PREFIXES = ("/apisix/admin", "/audit", "/mcp")
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# A POST that only validates a document (APISIX's dry run) changes nothing.
_READ_POSTS = re.compile(r"^/apisix/admin/schema/validate/[^/]+/?$")
_SLASHES = re.compile(r"/{2,}")


def normalize_path(path: str) -> str:
    """Collapse repeated slashes and lower-case, so `//APISIX/admin` cannot dodge the prefix check."""
    return _SLASHES.sub("/", path).lower()


def is_protected(path: str) -> bool:
    path = normalize_path(path)
    return any(path == p or path.startswith(p + "/") or (p == "/mcp" and path.startswith(p))
               for p in PROTECTED_PREFIXES)


def is_write(method: str, path: str) -> bool:
    """True when the request may change state (everything but GET/HEAD/OPTIONS and schema validation)."""
    method = method.upper()
    if method in READ_METHODS:
        return False
    if normalize_path(path).startswith("/mcp"):
        return False  # MCP's JSON-RPC is POST; its tools go through the same checks (see docs)
    return not (method == "POST" and _READ_POSTS.match(normalize_path(path)))
