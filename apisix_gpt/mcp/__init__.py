"""The MCP surface: the curated spec served as MCP tools (Streamable HTTP at /mcp, and stdio)."""

from apisix_gpt.mcp.server import MCP_PATH, build_mcp, mcp_asgi_app

__all__ = ["MCP_PATH", "build_mcp", "mcp_asgi_app"]
