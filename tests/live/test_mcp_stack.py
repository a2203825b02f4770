"""MCP over Streamable HTTP against the live stack (sandbox + apisix-gpt under gunicorn), real MCP client."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any, Awaitable, Callable

import pytest
import requests
from fastmcp import Client
from fastmcp.client.transports import StreamableHttpTransport
from mcp import MCPError

from apisix_gpt.spec import operations
from tests.helpers.stack import Stack, start_stack

pytestmark = pytest.mark.live
MAX_CHARS = 6000  # small response bound, so a few routes prove MCP results are bounded too
MCP_ACCEPT = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory):
    running = start_stack(tmp_path_factory.mktemp("mcp"), APISIX_GPT_MAX_RESPONSE_CHARS=str(MAX_CHARS))
    yield running
    running.stop()


def mcp_client(stack: Stack, token: str | None) -> Client:
    return Client(StreamableHttpTransport(f"{stack.api_url}/mcp", auth=token), timeout=30)


def with_client(stack: Stack, token: str | None, check: Callable[[Client], Awaitable[Any]]) -> Any:
    async def go() -> Any:
        async with mcp_client(stack, token) as client:
            return await check(client)
    return asyncio.run(go())


def routed_operation_ids(stack: Stack) -> set[str]:
    spec = requests.get(f"{stack.api_url}/openapi.json", timeout=5).json()
    return {op["operationId"] for _, _, op in operations(spec)}


def only_json_text(result: Any) -> dict[str, Any]:
    assert result.is_error is False, result.content
    assert len(result.content) == 1 and result.content[0].type == "text"
    payload = json.loads(result.content[0].text)
    assert payload == result.structured_content
    return payload


def test_tools_are_the_profile_operations_plus_search_and_fetch(stack: Stack) -> None:
    async def check(client: Client) -> list[Any]:
        return await client.list_tools()
    tools = with_client(stack, stack.token, check)
    expected = routed_operation_ids(stack)
    assert len(tools) == len(expected) + 2
    assert {tool.name for tool in tools} == expected | {"search", "fetch"}
    hints = {tool.name: tool.annotations for tool in tools}
    assert hints["listRoutes"].read_only_hint and hints["validateSchema"].read_only_hint
    # Hints equal to MCP's defaults are left out: absent destructiveHint means destructive.
    assert hints["deleteRoute"].destructive_hint is None and hints["putRoute"].destructive_hint is None
    assert hints["deleteRoute"].read_only_hint is None and hints["putRoute"].idempotent_hint is True
    assert hints["createRoute"].read_only_hint is None and hints["createRoute"].destructive_hint is False


def test_conference_upstream_and_route_round_trip(stack: Stack) -> None:
    demo_port = stack.sandbox.demo_url.rsplit(":", 1)[1]

    async def check(client: Client) -> dict[str, Any]:
        listed = await client.call_tool("listRoutes", {})
        upstream = await client.call_tool("createUpstream", {
            "name": "conference", "type": "roundrobin", "pass_host": "node",
            "nodes": {f"127.0.0.1:{demo_port}": 1}})
        upstream_id = upstream.structured_content["value"]["id"]
        route = await client.call_tool("createRoute", {"uris": ["/speaker/*"], "methods": ["GET"],
                                                       "upstream_id": upstream_id})
        route_id = route.structured_content["value"]["id"]
        got = {"route": await client.call_tool("getRoute", {"route_id": route_id}),
               "upstream": await client.call_tool("getUpstream", {"upstream_id": upstream_id})}
        gateway = requests.get(f"{stack.sandbox.gateway_url}/speaker/1/topics", timeout=5)
        deleted = [await client.call_tool("deleteRoute", {"route_id": route_id}),
                   await client.call_tool("deleteUpstream", {"upstream_id": upstream_id})]
        gone = await client.call_tool("getRoute", {"route_id": route_id}, raise_on_error=False)
        return {"listed": listed, "got": got, "gateway": gateway, "deleted": deleted, "gone": gone,
                "ids": (route_id, upstream_id)}
    out = with_client(stack, stack.token, check)
    assert "list" in out["listed"].structured_content
    route_id, upstream_id = out["ids"]
    assert out["got"]["route"].structured_content["value"]["uris"] == ["/speaker/*"]
    assert out["got"]["upstream"].structured_content["value"]["nodes"] == {
        f"127.0.0.1:{stack.sandbox.demo_url.rsplit(':', 1)[1]}": 1}
    assert out["gateway"].status_code == 200, out["gateway"].text
    assert [d.structured_content["key"] for d in out["deleted"]] == [
        f"/apisix/routes/{route_id}", f"/apisix/upstreams/{upstream_id}"]
    assert out["gone"].is_error and out["gone"].content[0].text.startswith("404 ")


def test_invalid_body_is_the_same_one_line_400_as_over_http(stack: Stack) -> None:
    body = {"uri": "/x", "methods": ["FETCH"]}
    over_http = stack.session().post(f"{stack.api_url}/apisix/admin/routes", json=body, timeout=5)

    async def check(client: Client) -> Any:
        return await client.call_tool("createRoute", body, raise_on_error=False)
    result = with_client(stack, stack.token, check)
    problem = over_http.json()
    assert over_http.status_code == 400
    assert result.is_error is True
    assert result.content[0].text == f"400 {problem['title']}: {problem['detail']}"
    assert "\n" not in result.content[0].text


def test_secrets_are_redacted_and_writes_are_audited_as_the_caller(stack: Stack) -> None:
    async def check(client: Client) -> dict[str, Any]:
        await client.call_tool("putConsumer", {"username__path": "jack", "username": "jack", "labels": {"team": "speakers"},
                                               "plugins": {"key-auth": {"key": "jack-secret-key"}}})
        got = await client.call_tool("getConsumer", {"username": "jack"})
        fetched = await client.call_tool("fetch", {"id": "consumers/jack"})
        changes = await client.call_tool("listChanges", {"limit": 5})
        await client.call_tool("deleteConsumer", {"username": "jack"})
        return {"got": got, "fetched": fetched, "changes": changes}
    out = with_client(stack, stack.token, check)
    assert out["got"].structured_content["value"]["plugins"]["key-auth"]["key"] == "**REDACTED**"
    doc = only_json_text(out["fetched"])
    assert "jack-secret-key" not in doc["text"] and "**REDACTED**" in doc["text"]
    newest = out["changes"].structured_content["changes"][0]
    assert newest["principal"] == "editor"
    assert "jack-secret-key" not in json.dumps(out["changes"].structured_content)
    with open(Path(stack.env["APISIX_GPT_AUDIT_LOG"])) as log:
        assert "jack-secret-key" not in log.read()


def test_auth_and_roles_apply_to_tool_calls(stack: Stack) -> None:
    anonymous = requests.post(f"{stack.api_url}/mcp", headers=MCP_ACCEPT, timeout=5,
                              json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
    assert anonymous.status_code == 401
    with pytest.raises(MCPError):
        with_client(stack, "not-a-token", lambda client: client.list_tools())

    async def as_viewer(client: Client) -> tuple[Any, Any]:
        listed = await client.call_tool("listRoutes", {})
        refused = await client.call_tool("createRoute", {"uri": "/v"}, raise_on_error=False)
        return listed, refused
    listed, refused = with_client(stack, stack.viewer_token, as_viewer)
    assert listed.is_error is False
    assert refused.is_error is True and refused.content[0].text.startswith("403 ")
    assert "viewer" in refused.content[0].text


def test_tool_results_are_bounded_like_http_responses(stack: Stack) -> None:
    session = stack.session()
    for index in range(20):
        session.put(f"{stack.api_url}/apisix/admin/routes/bound{index}", timeout=5,
                    json={"uri": f"/bound/{index}", "desc": "d" * 250,
                          "upstream": {"type": "roundrobin", "nodes": {"127.0.0.1:1980": 1}}}).raise_for_status()

    async def check(client: Client) -> Any:
        return await client.call_tool("listRoutes", {"page_size": 100})
    listed = with_client(stack, stack.token, check).structured_content
    for index in range(20):
        session.delete(f"{stack.api_url}/apisix/admin/routes/bound{index}", timeout=5)
    assert listed["truncated"] is True and listed["omitted_keys"]
    assert len(json.dumps(listed)) <= MAX_CHARS


def test_search_and_fetch_shapes(stack: Stack) -> None:
    session = stack.session()
    session.put(f"{stack.api_url}/apisix/admin/routes/talks", timeout=5,
                json={"name": "talks", "uri": "/speaker/*", "labels": {"event": "confx"},
                      "upstream": {"type": "roundrobin", "nodes": {"127.0.0.1:1980": 1}}}).raise_for_status()

    async def check(client: Client) -> tuple[Any, Any, Any]:
        by_label = await client.call_tool("search", {"query": "confx"})
        fetched = await client.call_tool("fetch", {"id": "routes/talks"})
        unknown = await client.call_tool("fetch", {"id": "nonsense"}, raise_on_error=False)
        return by_label, fetched, unknown
    by_label, fetched, unknown = with_client(stack, stack.token, check)
    session.delete(f"{stack.api_url}/apisix/admin/routes/talks", timeout=5)
    url = f"{stack.api_url}/apisix/admin/routes/talks"
    assert only_json_text(by_label) == {"results": [{"id": "routes/talks", "title": "route talks (/speaker/*)",
                                                     "url": url}]}
    doc = only_json_text(fetched)
    assert set(doc) == {"id", "title", "text", "url", "metadata"}
    assert (doc["id"], doc["url"], json.loads(doc["text"])["uri"]) == ("routes/talks", url, "/speaker/*")
    assert unknown.is_error and "expected '<kind>/<id>'" in unknown.content[0].text


@pytest.mark.parametrize("offered, negotiated", [("2025-03-26", "2025-03-26"), ("2025-06-18", "2025-06-18"),
                                                 ("2025-11-25", "2025-11-25"), ("2024-01-01", "2025-11-25")])
def test_protocol_version_negotiation(stack: Stack, offered: str, negotiated: str) -> None:
    response = requests.post(f"{stack.api_url}/mcp", timeout=5,
                             headers={**MCP_ACCEPT, "Authorization": f"Bearer {stack.token}"},
                             json={"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
                                 "protocolVersion": offered, "capabilities": {},
                                 "clientInfo": {"name": "pytest", "version": "1"}}})
    assert response.status_code == 200, response.text
    assert response.json()["result"]["protocolVersion"] == negotiated


def test_read_only_mode_lists_no_write_tools(tmp_path: Path) -> None:
    read_only = start_stack(tmp_path, APISIX_GPT_READ_ONLY="true")
    try:
        tools = with_client(read_only, read_only.token, lambda client: client.list_tools())
        expected = routed_operation_ids(read_only)
    finally:
        read_only.stop()
    assert len(tools) == len(expected) + 2
    assert all(tool.annotations.read_only_hint for tool in tools)
    assert not {t.name for t in tools} & {"createRoute", "putRoute", "deleteRoute", "patchRoute"}


def test_new_operations_work_as_tools(stack: Stack) -> None:
    demo_port = stack.sandbox.demo_url.rsplit(":", 1)[1]

    async def check(client: Client) -> dict[str, Any]:
        return {
            "ping": await client.call_tool("pingAdmin", {}, raise_on_error=False),
            "in_body": await client.call_tool("putUpstreamInBody", {
                "id": "conference-b", "nodes": {f"127.0.0.1:{demo_port}": 1}}),
            "attribute": await client.call_tool("patchUpstreamAttribute", {
                "upstream_id": "conference-b", "attribute_path": "nodes", "body": [-52]}, raise_on_error=False),
            "patched": await client.call_tool("patchRoute", {"route_id": "missing", "desc": None},
                                              raise_on_error=False),
            "metadata": await client.call_tool("getPlugin", {"plugin_name": "http-logger",
                                                             "schema_type": "metadata"}, raise_on_error=False),
        }
    got = with_client(stack, stack.token, check)
    assert got["ping"].is_error is False
    assert got["in_body"].structured_content["value"]["id"] == "conference-b"
    assert got["attribute"].is_error and "must be an object" in got["attribute"].content[0].text
    assert got["patched"].is_error and got["patched"].content[0].text.startswith("404 ")
    metadata = got["metadata"]
    if metadata.is_error:  # a sandbox without APISIX's plugin catalogue has no http-logger
        assert "http-logger" in metadata.content[0].text
    else:
        assert "log_format" in json.dumps(metadata.structured_content)
