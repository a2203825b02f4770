"""The sandbox gateway (APISIX data plane on port 9080): routing, plugins and proxying."""

from __future__ import annotations

import aiohttp.web

from sandbox.settings import SandboxSettings
from sandbox.store import Store


def create_gateway_app(store: Store, settings: SandboxSettings) -> aiohttp.web.Application:
    """Build the gateway app; it reads routes and upstreams from `store` on every request."""
    from sandbox.dataplane.gateway import build_app
    return build_app(store, settings)
