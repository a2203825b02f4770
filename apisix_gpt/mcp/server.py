"""Builds the MCP server from the active (profile-filtered) spec, and its Streamable HTTP ASGI app."""

from __future__ import annotations

from typing import Any

from fastmcp import FastMCP
from fastmcp.server.providers.openapi import OpenAPITool
from fastmcp.utilities.openapi import HTTPRoute
from starlette.types import ASGIApp

from apisix_gpt.mcp.annotations import annotations_for
from apisix_gpt.mcp.errors import ProblemErrors
from apisix_gpt.mcp.forwarding import in_process_client
from apisix_gpt.mcp.lifespan import LazyLifespanApp
from apisix_gpt.mcp.research import register_research
from apisix_gpt.mcp.schema_view import portable
from apisix_gpt.mcp.spec_ops import MCP_PATH, check_overrides, spec_operations
from apisix_gpt.safety.access import is_write
from config.settings import Settings

SERVER_NAME = "apisix-gpt"
INSTRUCTIONS = (
    "Manage Apache APISIX through apisix-gpt. Tools are the Admin API operations of the active "
    "profile, named by operationId. Prefer list/get and validateSchema before writes; secrets come "
    "back as \"**REDACTED**\" and sending that placeholder keeps the stored value. Use search/fetch "
    "to find routes, services, upstreams and consumers by name, uri, host or label."
)


class LeanTool(OpenAPITool):
    """An OpenAPI tool listed without FastMCP's own `_meta` (its internal tags).

    Every byte of tools/list reaches the model on every turn, and the tags mean nothing to it.
    """

    def to_mcp_tool(self, **overrides: Any) -> Any:
        return super().to_mcp_tool(**{"_meta": None, **overrides})


def _annotate(route: HTTPRoute, component: Any) -> None:
    if isinstance(component, OpenAPITool):
        object.__setattr__(component, "__class__", LeanTool)
        component.annotations = annotations_for(route.method, route.operation_id, route.extensions)
        component.title = route.summary
        # No output schema: structuredContent is then the API's JSON body itself, not {"result": ...}
        # (the spec's schemas would only be advisory anyway, since bounds can truncate a body).
        component.output_schema = None
        component.parameters = portable(component.parameters)


def write_tools(spec: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """operationId → (METHOD, path) of every operation that may change state."""
    return {op["operationId"]: (method.upper(), path) for method, path, op in spec_operations(spec)
            if op.get("operationId") and is_write(method, path)}


def build_mcp(spec: dict[str, Any], settings: Settings, api_app: ASGIApp,
              stdio_token: str | None = None) -> FastMCP:
    """One tool per operation of `spec` (named by operationId) plus `search` and `fetch`.

    Every tool call is an in-process HTTP request into `api_app`, which must be the full apisix-gpt
    ASGI app (safety middleware included), carrying the MCP caller's own bearer token.
    """
    check_overrides(spec)
    timeout = settings.connect_timeout + settings.read_timeout + 5
    client = in_process_client(api_app, stdio_token, timeout=timeout)
    names = {op["operationId"]: op["operationId"]
             for _, _, op in spec_operations(spec) if op.get("operationId")}
    server = FastMCP.from_openapi(openapi_spec=spec, client=client, name=SERVER_NAME,
                                  mcp_names=names, mcp_component_fn=_annotate,
                                  validate_output=False, instructions=INSTRUCTIONS,
                                  middleware=[ProblemErrors(write_tools(spec))])
    register_research(server, client, settings.public_url)
    return server


def mcp_asgi_app(spec: dict[str, Any], settings: Settings, api_app: ASGIApp,
                 path: str = MCP_PATH) -> LazyLifespanApp:
    """The Streamable HTTP app serving `path` (stateless JSON responses, so any worker can answer).

    Its lifespan starts on the first request if the host app did not run it (see `.lifespan`).
    """
    server = build_mcp(spec, settings, api_app)
    http_app = server.http_app(path=path, stateless_http=True, json_response=True,
                               host_origin_protection=False)
    return LazyLifespanApp(http_app)
