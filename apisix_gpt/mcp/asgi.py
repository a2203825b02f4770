"""`apisix_gpt.mcp.asgi:app`: the full apisix-gpt app with the MCP surface at /mcp, for gunicorn/uvicorn."""

from __future__ import annotations

from connexion import AsyncApp

from config.logging import configure_logging
from config.settings import Settings

settings = Settings.from_env()
configure_logging(settings.log_level, secrets=(settings.admin_key,))

from apisix_gpt.app import create_app, default_surfaces  # noqa: E402 - logging first, as in apisix_gpt.asgi
from apisix_gpt.mcp.surface import McpSurfaceFactory  # noqa: E402


def create_app_with_mcp() -> AsyncApp:
    """create_app() with the default surfaces plus MCP (unless already among them), bound to itself."""
    surfaces = default_surfaces()
    factories = [f for f in surfaces if isinstance(f, McpSurfaceFactory)] or [McpSurfaceFactory()]
    app = create_app(settings, surfaces=[*[f for f in surfaces if f not in factories], *factories])
    for factory in factories:
        factory.bind(app)
    return app


app = create_app_with_mcp()
