"""Plugins are checked by APISIX: a bad plugin config reaches it and its message comes back verbatim.

The same body is sent straight to the Admin API (the sandbox) and through apisix-gpt, over REST and as an
MCP tool; apisix-gpt's `detail` must be APISIX's `error_msg`, character for character.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import requests
from fastmcp import Client
from fastmcp.client.transports import StreamableHttpTransport

from tests.helpers.stack import Stack

pytestmark = pytest.mark.live

BODIES = {
    "unknown plugin": {"uri": "/a", "plugins": {"no-such-plugin": {}}},
    "config its schema refuses": {"uri": "/a", "plugins": {"limit-count": {"time_window": 60}}},
    "a value out of range": {"uri": "/a", "plugins": {"limit-count": {"count": 0, "time_window": 60}}},
}


def apisix_says(stack: Stack, body: dict[str, Any]) -> str:
    answer = stack.sandbox.admin().put(f"{stack.sandbox.admin_url}/apisix/admin/routes/direct", json=body,
                                       timeout=10)
    assert answer.status_code == 400, answer.text
    return answer.json()["error_msg"]


@pytest.mark.parametrize("case", sorted(BODIES))
def test_a_bad_plugin_config_gets_apisixs_message_over_rest_and_mcp(stack: Stack, case: str) -> None:
    body = BODIES[case]
    expected = apisix_says(stack, body)
    over_rest = requests.put(f"{stack.api_url}/apisix/admin/routes/through", json=body, timeout=10,
                             headers={"Authorization": f"Bearer {stack.token}"})
    assert over_rest.status_code == 400, over_rest.text
    assert over_rest.headers["content-type"].startswith("application/problem+json")
    assert over_rest.json()["detail"] == expected

    async def call() -> Any:
        async with Client(StreamableHttpTransport(f"{stack.api_url}/mcp", auth=stack.token), timeout=30) as client:
            return await client.call_tool("putRoute", {"route_id": "through", **body}, raise_on_error=False)
    result = asyncio.run(call())
    assert result.is_error and result.content[0].text == f"400 Bad Request: {expected}"


def test_any_plugin_apisix_knows_is_accepted(stack: Stack) -> None:
    plugins = requests.get(f"{stack.api_url}/apisix/admin/plugins/list", timeout=10,
                           headers={"Authorization": f"Bearer {stack.token}"}).json()
    name = "prometheus" if "prometheus" in plugins else plugins[0]
    answer = requests.put(f"{stack.api_url}/apisix/admin/routes/any-plugin", timeout=10,
                          headers={"Authorization": f"Bearer {stack.token}"},
                          json={"uri": "/any", "plugins": {name: {}},
                                "upstream": {"nodes": {"127.0.0.1:1980": 1}}})
    assert answer.status_code in (200, 201), answer.text
    requests.delete(f"{stack.api_url}/apisix/admin/routes/any-plugin", timeout=10,
                    headers={"Authorization": f"Bearer {stack.token}"})
