"""A trailing slash is served as the same operation, never redirected (REST and MCP alike)."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

UPSTREAM = {"type": "roundrobin", "nodes": {"127.0.0.1:1980": 1}}
MCP_HEADERS = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}


@pytest.mark.parametrize("method, path, status", [
    ("GET", "/apisix/admin/routes/", 200),
    ("GET", "/apisix/admin/routes/r1/", 200),
    ("PATCH", "/apisix/admin/routes/r1/", 200),
    ("GET", "/apisix/admin/plugins/list/", 200),
    ("GET", "/healthz/", 200),
])
def test_trailing_slash_is_the_same_operation(client: TestClient, method: str, path: str,
                                              status: int) -> None:
    client.put("/apisix/admin/routes/r1", json={"uri": "/a", "upstream": UPSTREAM})
    body = {"desc": "slash"} if method == "PATCH" else None
    answer = client.request(method, path, json=body, follow_redirects=False)
    assert answer.status_code == status, answer.text
    assert "location" not in answer.headers
    plain = client.request("GET", path.rstrip("/"))
    assert answer.json() == plain.json() or method == "PATCH"


def test_trailing_slash_write_reaches_the_same_resource(client: TestClient) -> None:
    created = client.put("/apisix/admin/upstreams/u1/", json=UPSTREAM, follow_redirects=False)
    assert created.status_code == 201, created.text
    assert client.get("/apisix/admin/upstreams/u1").json()["value"]["nodes"] == UPSTREAM["nodes"]


def test_trailing_slash_still_needs_a_token(client: TestClient) -> None:
    answer = client.get("/apisix/admin/routes/", headers={"Authorization": ""}, follow_redirects=False)
    assert answer.status_code == 401


def test_mcp_with_trailing_slash_answers_without_redirect(client: TestClient) -> None:
    answer = client.post("/mcp/", headers=MCP_HEADERS, follow_redirects=False,
                         json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
    assert answer.status_code == 200, answer.text
    names = {tool["name"] for tool in answer.json()["result"]["tools"]}
    assert "listRoutes" in names


def test_swagger_ui_keeps_its_own_slash(client: TestClient) -> None:
    assert client.get("/docs/").status_code == 200
