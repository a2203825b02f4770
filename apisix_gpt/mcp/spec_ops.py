"""The spec's operations as the MCP surface sees them, and the start-up check of their overrides.

Kept free of FastMCP imports, so `create_app` can validate the spec without paying for them.
"""

from __future__ import annotations

from typing import Any

from apisix_gpt.mcp.annotations import OVERRIDE_EXTENSION, apply_override, derive_hints

MCP_PATH = "/mcp"
HTTP_METHODS = ("get", "put", "post", "patch", "delete", "head", "options")


def spec_operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """Every (method, path, operation) of the spec, in document order."""
    return [(method, path, operation)
            for path, item in (spec.get("paths") or {}).items()
            for method, operation in item.items() if method in HTTP_METHODS]


def check_overrides(spec: dict[str, Any]) -> None:
    """Fail at startup, naming the operation, when an `x-mcp-annotations` override is malformed."""
    for method, path, operation in spec_operations(spec):
        try:
            apply_override(derive_hints(method, operation.get("operationId")),
                           operation.get(OVERRIDE_EXTENSION))
        except ValueError as exc:
            raise ValueError(f"{method.upper()} {path}: {exc}") from None
