"""The `/mcp` surface for `create_app(surfaces=[...])`, bound to the full app after it is built.

FastMCP and the MCP SDK take about a second to import, so the MCP app is built in a background
thread once the server starts (or on the first `/mcp` request): readiness does not wait for it.
The spec's `x-mcp-annotations` overrides are still checked synchronously, so a bad spec stops the boot.
"""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from apisix_gpt.surfaces import Surface
from apisix_gpt.mcp.deferred import ClosableApp, DeferredApp
from apisix_gpt.mcp.spec_ops import MCP_PATH, check_overrides
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
        check_overrides(routed)

        def build() -> ClosableApp:
            from apisix_gpt.mcp.server import mcp_asgi_app  # the slow FastMCP import, off the boot path
            return mcp_asgi_app(routed, settings, self.api, path=MCP_PATH)
        app = DeferredApp(build, "MCP")
        return Surface(prefix=MCP_PATH, app=app, lifespan=app.lifespan)

    def bind(self, app: ASGIApp) -> None:
        """Point tool calls at `app`: the full apisix-gpt app, safety middleware included."""
        self.api.target = app
