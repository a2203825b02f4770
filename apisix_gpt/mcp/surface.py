"""The `/mcp` surface for `create_app(surfaces=[...])`, bound to the full app after it is built."""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from apisix_gpt.app import Surface
from apisix_gpt.mcp.server import MCP_PATH, mcp_asgi_app
from config.settings import Settings


class LateBoundApp:
    """Forwards to an ASGI app set later: MCP tools call the app that also serves `/mcp`."""

    def __init__(self) -> None:
        self.target: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.target is None:
            raise RuntimeError("the MCP surface was not bound: call McpSurfaceFactory.bind(app) "
                               "after create_app() builds the app")
        await self.target(scope, receive, send)


class McpSurfaceFactory:
    """A `SurfaceFactory`: `factory(settings, routed_spec)` builds the surface, `bind(app)` wires it."""

    def __init__(self) -> None:
        self.api = LateBoundApp()

    def __call__(self, settings: Settings, routed: dict[str, Any]) -> Surface:
        app = mcp_asgi_app(routed, settings, self.api, path=MCP_PATH)
        return Surface(prefix=MCP_PATH, app=app, lifespan=app.lifespan)

    def bind(self, app: ASGIApp) -> None:
        """Point tool calls at `app`: the full apisix-gpt app, safety middleware included."""
        self.api.target = app
