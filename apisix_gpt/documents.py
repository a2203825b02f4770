"""Served documents: the routed spec (YAML/JSON), the plugin manifest, the logo, health and readiness."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Awaitable, Callable

from connexion import AsyncApp
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from apisix_gpt import yamlio
from apisix_gpt.runtime import Runtime
from config.settings import Settings

STATIC = Path(__file__).resolve().parent / "static"
LOGO = STATIC / "logo.png"
Endpoint = Callable[[Request], Awaitable[Response]]

DESCRIPTION_FOR_HUMAN = "Manage your Apache APISIX gateway: routes, upstreams, services, plugins and more."
DESCRIPTION_FOR_MODEL = (
    "Manage an Apache APISIX API gateway through its Admin API v3. Read and change routes, services, "
    "upstreams, consumers, credentials, SSL certificates, global rules, plugin configs, consumer groups, "
    "plugin metadata, stream routes, protos and secrets; list plugins and read their JSON schemas. "
    "Before a write, read the resource and the relevant plugin schema, and dry-run the body with "
    "validateSchema. Lists are paged: follow `next_page`. Secrets come back as \"**REDACTED**\"; send that "
    "placeholder back unchanged to keep the stored value. A value ending in '…[truncated N chars]' was "
    "shortened for display and must not be written back. Errors are problem+json: `detail` quotes APISIX's "
    "message verbatim; a 502/504 on a write means it may or may not have been applied, so read before retrying."
)


def manifest(settings: Settings) -> dict[str, Any]:
    """The legacy ChatGPT plugin manifest (`/.well-known/ai-plugin.json`), within its field limits."""
    base = settings.public_url
    return {
        "schema_version": "v1",
        "name_for_human": "APISIX GPT",
        "name_for_model": "apisix_gpt",
        "description_for_human": DESCRIPTION_FOR_HUMAN,
        "description_for_model": DESCRIPTION_FOR_MODEL,
        "auth": {"type": "user_http", "authorization_type": "bearer"},
        "api": {"type": "openapi", "url": f"{base}/openapi.yaml"},
        "logo_url": f"{base}/logo.png",
        "contact_email": settings.contact_email,
        "legal_info_url": settings.legal_info_url,
    }


def _fixed(body: bytes, media_type: str) -> Endpoint:
    async def endpoint(request: Request) -> Response:
        return Response(body, media_type=media_type)
    return endpoint


def _readyz(runtime: Runtime) -> Endpoint:
    async def endpoint(request: Request) -> Response:
        if await runtime.client.ping():
            return JSONResponse({"status": "ready"})
        detail = f"the Admin API at {runtime.settings.admin_url} does not answer HEAD /apisix/admin"
        body = {"type": "about:blank", "title": "Service Unavailable", "status": 503, "detail": detail}
        return JSONResponse(body, status_code=503, media_type="application/problem+json")
    return endpoint


def install_documents(app: AsyncApp, runtime: Runtime) -> None:
    """Add the public document routes next to the spec's operations."""
    spec, settings = runtime.spec, runtime.settings
    routes: dict[str, Endpoint] = {
        "/openapi.yaml": _fixed(yamlio.dump(spec).encode(),
                                "application/yaml"),
        # Compact: GPT Actions and MCP clients read this document into the model's context.
        "/openapi.json": _fixed(json.dumps(spec, separators=(",", ":"), ensure_ascii=False).encode(),
                                "application/json"),
        "/.well-known/ai-plugin.json": _fixed(json.dumps(manifest(settings)).encode(), "application/json"),
        "/logo.png": _fixed(LOGO.read_bytes(), "image/png"),
        "/healthz": _fixed(b'{"status": "ok"}', "application/json"),
        "/readyz": _readyz(runtime),
    }
    for path, endpoint in routes.items():
        app.add_url_rule(path, path.strip("/").replace("/", "_") or "root", endpoint, methods=["GET"])
