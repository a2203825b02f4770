"""Extra ASGI apps served beside the spec's operations (MCP at `/mcp`), as `create_app` mounts them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from connexion.middleware.lifespan import Lifespan
from starlette.types import ASGIApp

from config.settings import Settings


@dataclass(frozen=True)
class Surface:
    """Another ASGI app served under `prefix` (full path kept), with its own lifespan if any."""

    prefix: str
    app: ASGIApp
    lifespan: Lifespan | None = None


SurfaceFactory = Callable[[Settings, dict[str, Any]], Surface]
