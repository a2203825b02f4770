"""MCP tool annotations derived from an OpenAPI operation (method, operationId, x-mcp-annotations)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mcp_types import ToolAnnotations

OVERRIDE_EXTENSION = "x-mcp-annotations"
# Reads that use POST: a dry run changes nothing.
READ_ONLY_OPERATIONS = frozenset({"validateSchema"})
_HINTS = ("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint")


def derive_hints(method: str, operation_id: str | None) -> dict[str, bool]:
    """The four MCP hints for one operation, before any spec override."""
    verb = method.upper()
    read_only = verb in {"GET", "HEAD"} or operation_id in READ_ONLY_OPERATIONS
    return {
        "readOnlyHint": read_only,
        # PUT replaces the whole object; DELETE removes it.
        "destructiveHint": not read_only and verb in {"PUT", "DELETE"},
        "idempotentHint": read_only or verb in {"PUT", "DELETE"},
        "openWorldHint": False,
    }


def apply_override(hints: dict[str, bool], override: Any) -> dict[str, Any]:
    """Merge an operation's `x-mcp-annotations` object over the derived hints."""
    if override is None:
        return dict(hints)
    if not isinstance(override, dict):
        raise ValueError(f"{OVERRIDE_EXTENSION} must be an object, got {type(override).__name__}")
    merged: dict[str, Any] = dict(hints)
    for key, value in override.items():
        if key in _HINTS and not isinstance(value, bool):
            raise ValueError(f"{OVERRIDE_EXTENSION}.{key} must be true or false, got {value!r}")
        merged[key] = value
    return merged


def annotations_for(method: str, operation_id: str | None, summary: str | None,
                    extensions: dict[str, Any]) -> ToolAnnotations:
    """ToolAnnotations for one operation: derived hints, the summary as title, then overrides."""
    from mcp_types import ToolAnnotations  # only the server needs it; spec checks stay import-light
    merged = apply_override(derive_hints(method, operation_id), extensions.get(OVERRIDE_EXTENSION))
    if summary and "title" not in merged:
        merged["title"] = summary
    return ToolAnnotations(**merged)
