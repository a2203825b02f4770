"""`python -m apisix_gpt.mcp --stdio` against a live sandbox: same tools, token from APISIX_GPT_MCP_TOKEN."""

from __future__ import annotations

import asyncio
import os
import secrets
from pathlib import Path
from typing import Any

import pytest
from fastmcp import Client
from fastmcp.client.transports import StdioTransport

from tests.helpers.procs import PYTHON, ROOT
from tests.helpers.stack import start_sandbox

pytestmark = pytest.mark.live


def stdio_env(tmp_path: Path, sandbox: Any, editor: str, viewer: str, token: str) -> dict[str, str]:
    return {**os.environ, "APISIX_GPT_ADMIN_URL": sandbox.admin_url, "APISIX_GPT_ADMIN_KEY": sandbox.admin_key,
            "APISIX_GPT_TOKENS": f"editor:editor:{editor},viewer:viewer:{viewer}",
            "APISIX_GPT_AUDIT_LOG": str(tmp_path / "audit.jsonl"), "APISIX_GPT_PROFILE": "gpt",
            "APISIX_GPT_PUBLIC_URL": "https://gpt.example", "APISIX_GPT_MCP_TOKEN": token}


def run_stdio(env: dict[str, str]) -> tuple[list[Any], Any, Any]:
    transport = StdioTransport(PYTHON, ["-m", "apisix_gpt.mcp", "--stdio"], env=env, cwd=str(ROOT))

    async def go() -> tuple[list[Any], Any, Any]:
        async with Client(transport, timeout=30) as client:
            tools = await client.list_tools()
            listed = await client.call_tool("listRoutes", {}, raise_on_error=False)
            created = await client.call_tool("createRoute", {"uri": "/stdio", "upstream": {
                "type": "roundrobin", "nodes": {"127.0.0.1:1980": 1}}}, raise_on_error=False)
            return tools, listed, created
    return asyncio.run(go())


def test_stdio_serves_the_profile_tools_with_the_env_token_role(tmp_path: Path) -> None:
    sandbox = start_sandbox(tmp_path)
    editor, viewer = secrets.token_urlsafe(16), secrets.token_urlsafe(16)
    try:
        tools, listed, created = run_stdio(stdio_env(tmp_path, sandbox, editor, viewer, viewer))
        _, _, wrong = run_stdio(stdio_env(tmp_path, sandbox, editor, viewer, "not-a-token"))
    finally:
        sandbox.stop()
    assert {"listRoutes", "createRoute", "search", "fetch"} <= {tool.name for tool in tools}
    assert listed.is_error is False and listed.structured_content["total"] == 0
    assert created.is_error is True and created.content[0].text.startswith("403 ")  # viewer token
    assert wrong.is_error is True and wrong.content[0].text.startswith("401 ")
