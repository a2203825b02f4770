"""The MCP surface: the curated spec served as MCP tools (Streamable HTTP at /mcp, and stdio)."""

from __future__ import annotations

from typing import Any

from apisix_gpt.mcp.spec_ops import MCP_PATH

__all__ = ["MCP_PATH", "build_mcp", "mcp_asgi_app"]


def __getattr__(name: str) -> Any:
    # FastMCP is imported only when the server itself is asked for (PEP 562 lazy attributes).
    if name in ("build_mcp", "mcp_asgi_app"):
        from apisix_gpt.mcp import server
        return getattr(server, name)
    raise AttributeError(f"module 'apisix_gpt.mcp' has no attribute {name!r}")
