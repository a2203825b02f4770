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


# MCP's defaults for absent hints (2025-03-26 onwards); destructive and idempotent only mean
# something for a tool that is not read-only.
MCP_DEFAULTS = {"readOnlyHint": False, "destructiveHint": True, "idempotentHint": False, "openWorldHint": True}
_WRITE_ONLY_HINTS = ("destructiveHint", "idempotentHint")


def wire_hints(hints: dict[str, Any]) -> dict[str, Any]:
    """`hints` as sent in tools/list: only what differs from MCP's defaults (same meaning, fewer tokens)."""
    read_only = hints.get("readOnlyHint", MCP_DEFAULTS["readOnlyHint"])
    return {key: value for key, value in hints.items()
            if not (key in MCP_DEFAULTS and value == MCP_DEFAULTS[key])
            and not (read_only and key in _WRITE_ONLY_HINTS)}


def annotations_for(method: str, operation_id: str | None, extensions: dict[str, Any]) -> ToolAnnotations:
    """ToolAnnotations for one operation: derived hints, then overrides, sent as `wire_hints`.

    The operation's summary is the tool's own `title`; repeating it here would cost every
    conversation its length again, so the annotations carry a title only when an override sets one.
    """
    from mcp_types import ToolAnnotations  # only the server needs it; spec checks stay import-light
    return ToolAnnotations(**wire_hints(apply_override(derive_hints(method, operation_id),
                                                       extensions.get(OVERRIDE_EXTENSION))))
