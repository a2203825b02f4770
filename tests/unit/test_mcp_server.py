"""MCP server over a fake apisix-gpt API: tool list, annotations, bearer forwarding, errors, search/fetch."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx2
import pytest
from fastmcp import Client
from fastmcp.client.transports import StreamableHttpTransport
from mcp import MCPError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from apisix_gpt.mcp import mcp_asgi_app
from config.settings import Settings

TOKENS = {"editor-token": ("alice", "editor"), "viewer-token": ("victor", "viewer")}
ID_PARAM = {"name": "route_id", "in": "path", "required": True, "schema": {"type": "string"}}
PAGE = [{"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
        {"name": "page_size", "in": "query", "schema": {"type": "integer"}}]
ROUTE_BODY = {"required": True, "content": {"application/json": {"schema": {
    "type": "object", "properties": {"uri": {"type": "string"}, "name": {"type": "string"},
                                     "upstream_id": {"type": "string"}}}}}}
ANY = {"default": {"description": "any", "content": {"application/json": {"schema": {"type": "object"}}}}}


def op(operation_id: str, **extra: Any) -> dict[str, Any]:
    return {"operationId": operation_id, "summary": f"{operation_id} summary", "responses": ANY, **extra}


SPEC: dict[str, Any] = {
    "openapi": "3.0.3", "info": {"title": "t", "version": "1"},
    "servers": [{"url": "http://public.example"}],
    "paths": {
        "/apisix/admin/routes": {"get": op("listRoutes", parameters=PAGE),
                                 "post": op("createRoute", requestBody=ROUTE_BODY)},
        "/apisix/admin/routes/{route_id}": {
            "parameters": [ID_PARAM], "get": op("getRoute"),
            "put": op("putRoute", requestBody=ROUTE_BODY),
            "patch": op("patchRoute", requestBody=ROUTE_BODY),
            "delete": op("deleteRoute", **{"x-mcp-annotations": {"destructiveHint": False,
                                                                 "title": "Remove a route"}})},
        "/apisix/admin/consumers": {"get": op("listConsumers", parameters=PAGE)},
        "/apisix/admin/consumers/{username}": {
            "get": op("getConsumer", parameters=[{**ID_PARAM, "name": "username"}])},
        "/apisix/admin/schema/validate/{resource}": {
            "post": op("validateSchema", parameters=[{**ID_PARAM, "name": "resource"}],
                       requestBody=ROUTE_BODY)},
    },
}


def problem(status: int, detail: str) -> JSONResponse:
    body = {"type": "about:blank", "title": {400: "Bad Request", 401: "Unauthorized",
                                             403: "Forbidden", 404: "Not Found"}[status],
            "status": status, "detail": detail}
    return JSONResponse(body, status, media_type="application/problem+json")


class FakeApi:
    """Bearer roles, 400 on a route without uri, redacted consumer keys, and an audit list."""

    def __init__(self) -> None:
        self.routes: dict[str, dict[str, Any]] = {}
        self.audit: list[tuple[str, str, str]] = []
        self.seen_auth: list[str | None] = []
        self.consumers = {"jack": {"username": "jack", "labels": {"team": "speakers"},
                                   "plugins": {"key-auth": {"key": "**REDACTED**"}}}}
        self.app = Starlette(routes=[
            Route("/apisix/admin/routes", self.list_routes, methods=["GET"]),
            Route("/apisix/admin/routes/{route_id}", self.one_route, methods=["GET", "PUT", "DELETE"]),
            Route("/apisix/admin/consumers", self.list_consumers, methods=["GET"]),
            Route("/apisix/admin/consumers/{username}", self.get_consumer, methods=["GET"]),
        ])

    def principal(self, scope: Scope) -> tuple[str, str] | None:
        header = dict(scope["headers"]).get(b"authorization", b"").decode()
        self.seen_auth.append(header or None)
        return TOKENS.get(header.removeprefix("Bearer "))

    async def list_routes(self, request: Request) -> JSONResponse:
        items = [{"key": f"/apisix/routes/{k}", "value": v} for k, v in self.routes.items()]
        return JSONResponse({"total": len(items), "list": items, "next_page": None})

    async def list_consumers(self, request: Request) -> JSONResponse:
        items = [{"key": f"/apisix/consumers/{k}", "value": v} for k, v in self.consumers.items()]
        return JSONResponse({"total": len(items), "list": items, "next_page": None})

    async def get_consumer(self, request: Request) -> JSONResponse:
        name = request.path_params["username"]
        if name not in self.consumers:
            return problem(404, "consumer not found")
        return JSONResponse({"key": f"/apisix/consumers/{name}", "value": self.consumers[name],
                             "createdIndex": 1, "modifiedIndex": 2})

    async def one_route(self, request: Request) -> JSONResponse:
        rid = request.path_params["route_id"]
        if request.method == "PUT":
            body = await request.json()
            if "uri" not in body:
                return problem(400, "invalid configuration: value should match only one schema, but matches none")
            self.routes[rid] = {"id": rid, **body}
            self.audit.append((request.state.principal, "PUT", rid))
            return JSONResponse({"key": f"/apisix/routes/{rid}", "value": self.routes[rid]}, 201)
        if rid not in self.routes:
            return problem(404, f"route {rid} not found")
        if request.method == "DELETE":
            del self.routes[rid]
            self.audit.append((request.state.principal, "DELETE", rid))
            return JSONResponse({"deleted": "1", "key": f"/apisix/routes/{rid}"})
        return JSONResponse({"key": f"/apisix/routes/{rid}", "value": self.routes[rid],
                             "createdIndex": 1, "modifiedIndex": 1})


class Front:
    """Auth on /apisix/admin and /mcp (viewers may only read the API), then /mcp or the API."""

    def __init__(self, api: FakeApi) -> None:
        self.api = api
        self.mcp: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        principal = self.api.principal(scope)
        if principal is None:
            return await problem(401, "missing bearer token")(scope, receive, send)
        is_mcp = scope["path"].startswith("/mcp")
        if principal[1] == "viewer" and not is_mcp and scope["method"] != "GET":
            return await problem(403, "token 'victor' has role viewer and may only read")(scope, receive, send)
        scope.setdefault("state", {})["principal"] = principal[0]
        assert self.mcp is not None
        await (self.mcp if is_mcp else self.api.app)(scope, receive, send)


def client_for(front: Front, token: str | None) -> Client:
    """A real MCP client speaking Streamable HTTP to `front`, in process."""
    def factory(**kwargs: Any) -> httpx2.AsyncClient:
        kwargs.pop("timeout", None)
        return httpx2.AsyncClient(transport=httpx2.ASGITransport(app=front), timeout=10, **kwargs)
    return Client(StreamableHttpTransport("http://testserver/mcp", auth=token,
                                          httpx_client_factory=factory))


def session(token: str | None, check):
    """Run `check(client, api)` against a fresh fake stack, then stop the MCP lifespan."""
    api = FakeApi()
    front = Front(api)
    front.mcp = mcp_asgi_app(SPEC, Settings(public_url="https://gpt.example"), front)

    async def go():
        try:
            async with client_for(front, token) as client:
                return await check(client, api)
        finally:
            await front.mcp.aclose()
    return asyncio.run(go())


def only_json_text(result) -> dict[str, Any]:
    assert len(result.content) == 1 and result.content[0].type == "text"
    payload = json.loads(result.content[0].text)
    assert payload == result.structured_content
    return payload


def test_one_tool_per_operation_plus_search_and_fetch():
    async def check(client, api):
        return {tool.name: tool for tool in await client.list_tools()}
    tools = session("editor-token", check)
    operation_ids = {o["operationId"] for item in SPEC["paths"].values() for o in item.values()
                     if isinstance(o, dict) and "operationId" in o}
    assert set(tools) == operation_ids | {"search", "fetch"}
    assert len(tools) == len(operation_ids) + 2
    assert set(tools["putRoute"].input_schema["properties"]) >= {"route_id", "uri", "name"}
    assert tools["getRoute"].title == "getRoute summary"


def test_annotations_follow_the_method_and_the_override():
    async def check(client, api):
        return {t.name: t.annotations for t in await client.list_tools()}
    notes = session("editor-token", check)
    # Only hints that differ from MCP's defaults are sent (absent: readOnly false, destructive true,
    # idempotent false, openWorld true; destructive and idempotent only matter for writes).
    assert (notes["listRoutes"].read_only_hint, notes["listRoutes"].idempotent_hint) == (True, None)
    assert notes["validateSchema"].read_only_hint is True
    assert (notes["putRoute"].read_only_hint, notes["putRoute"].destructive_hint,
            notes["putRoute"].idempotent_hint) == (None, None, True)
    assert (notes["createRoute"].read_only_hint, notes["createRoute"].destructive_hint,
            notes["createRoute"].idempotent_hint) == (None, False, None)
    assert notes["deleteRoute"].destructive_hint is False  # x-mcp-annotations override
    assert notes["deleteRoute"].title == "Remove a route"  # an override may still set one
    assert notes["getRoute"].title is None  # the summary is the tool's own title, not repeated here
    assert all(n.open_world_hint is False for n in notes.values())
    assert notes["search"].read_only_hint and notes["fetch"].read_only_hint


def test_tool_calls_carry_the_callers_own_bearer_and_are_audited_as_that_caller():
    async def check(client, api):
        created = await client.call_tool("putRoute", {"route_id": "1", "uri": "/speaker/*"})
        read = await client.call_tool("getRoute", {"route_id": "1"})
        return api, created, read
    api, created, read = session("editor-token", check)
    assert created.structured_content["value"]["uri"] == "/speaker/*"
    assert read.structured_content["value"]["id"] == "1"
    assert set(api.seen_auth) == {"Bearer editor-token"}
    assert api.audit == [("alice", "PUT", "1")]


def test_viewer_token_gets_the_apis_403_as_a_tool_error():
    async def check(client, api):
        listed = await client.call_tool("listRoutes", {})
        refused = await client.call_tool("putRoute", {"route_id": "1", "uri": "/a"}, raise_on_error=False)
        return api, listed, refused
    api, listed, refused = session("viewer-token", check)
    assert listed.is_error is False
    assert refused.is_error is True
    assert refused.content[0].text == "403 Forbidden: token 'victor' has role viewer and may only read"
    assert api.routes == {} and api.audit == []


def test_invalid_body_is_a_one_line_tool_error_with_the_problem_detail():
    async def check(client, api):
        return await client.call_tool("putRoute", {"route_id": "2", "name": "x"}, raise_on_error=False)
    result = session("editor-token", check)
    assert result.is_error is True
    assert result.content[0].text == ("400 Bad Request: invalid configuration: value should match "
                                      "only one schema, but matches none")


def test_missing_token_is_refused_before_any_tool_runs():
    async def check(client, api):
        return await client.list_tools()
    with pytest.raises(MCPError):
        session(None, check)


def test_search_returns_exactly_one_json_text_item_with_links():
    async def check(client, api):
        await client.call_tool("putRoute", {"route_id": "r1", "uri": "/speaker/*", "name": "talks"})
        by_uri = await client.call_tool("search", {"query": "speaker"})
        by_label = await client.call_tool("search", {"query": "speakers"})
        nothing = await client.call_tool("search", {"query": "no-such-thing"})
        return by_uri, by_label, nothing
    by_uri, by_label, nothing = session("editor-token", check)
    results = only_json_text(by_uri)["results"]
    assert results[0] == {"id": "routes/r1", "title": "route talks (/speaker/*)",
                          "url": "https://gpt.example/apisix/admin/routes/r1"}
    assert {"id": "consumers/jack", "title": "consumer jack",
            "url": "https://gpt.example/apisix/admin/consumers/jack"} in only_json_text(by_label)["results"]
    assert only_json_text(nothing) == {"results": []}


def test_fetch_returns_the_redacted_object_as_text():
    async def check(client, api):
        found = await client.call_tool("fetch", {"id": "consumers/jack"})
        missing = await client.call_tool("fetch", {"id": "consumers/nobody"}, raise_on_error=False)
        bad = await client.call_tool("fetch", {"id": "plugins/../x"}, raise_on_error=False)
        return found, missing, bad
    found, missing, bad = session("editor-token", check)
    doc = only_json_text(found)
    assert set(doc) == {"id", "title", "text", "url", "metadata"}
    assert doc["url"] == "https://gpt.example/apisix/admin/consumers/jack"
    assert json.loads(doc["text"])["plugins"]["key-auth"]["key"] == "**REDACTED**"
    assert doc["metadata"]["modifiedIndex"] == 2
    assert missing.is_error and missing.content[0].text == "404 Not Found: consumer not found"
    assert bad.is_error and "expected '<kind>/<id>'" in bad.content[0].text
