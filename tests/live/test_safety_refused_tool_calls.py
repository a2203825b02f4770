"""A write tool call refused by the MCP layer itself (before any HTTP request) still leaves one audit line."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from fastmcp import Client
from fastmcp.client.transports import StreamableHttpTransport

from tests.helpers.stack import Stack

pytestmark = pytest.mark.live


def audit_lines(stack: Stack) -> list[dict[str, Any]]:
    path = Path(stack.env["APISIX_GPT_AUDIT_LOG"])
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


async def call(stack: Stack, token: str, name: str, args: dict[str, Any]) -> Any:
    async with Client(StreamableHttpTransport(f"{stack.api_url}/mcp", auth=token), timeout=30) as client:
        return await client.call_tool(name, args, raise_on_error=False)


def test_a_write_tool_missing_its_path_argument_is_audited(stack: Stack) -> None:
    before = len(audit_lines(stack))
    result = asyncio.run(call(stack, stack.token, "putRoute",
                              {"uri": "/x", "plugins": {"key-auth": {"key": "tool-secret-42"}}}))
    assert result.is_error and "route_id" in result.content[0].text
    new = audit_lines(stack)[before:]
    assert len(new) == 1, new
    entry = new[0]
    assert entry["refused_by"] == "validation" and entry["operation_id"] == "putRoute"
    assert entry["principal"] == "editor" and entry["method"] == "PUT"
    assert "route_id" in entry["error"] and "tool-secret-42" not in json.dumps(entry)


def test_a_read_tool_refused_the_same_way_is_not_audited(stack: Stack) -> None:
    before = len(audit_lines(stack))
    result = asyncio.run(call(stack, stack.token, "getRoute", {}))
    assert result.is_error
    assert audit_lines(stack)[before:] == []
