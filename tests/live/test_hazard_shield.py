"""apisix-gpt never forwards a request that would freeze or crash APISIX, on any profile, over REST or MCP.

The sandbox counts every request that matches its hazard table (`/__sandbox/hazards`); a real APISIX
3.18 would hang (page overflow) or fail with a Lua 500 on them. Every list operation of every profile is
tried with a page that overflows APISIX's paging loop, and the count must stay 0.
"""

from __future__ import annotations

import asyncio
import secrets
from pathlib import Path
from typing import Any, Iterator

import pytest
import requests
from fastmcp import Client
from fastmcp.client.transports import StreamableHttpTransport

from apisix_gpt.spec import operations
from tests.helpers.stack import Sandbox, start_api, start_sandbox

pytestmark = pytest.mark.live
PROFILES = sorted(p.stem for p in (Path(__file__).parents[2] / "config" / "profiles").glob("*.yaml"))
OVERFLOW_PAGE = 1_000_000_000_000_000  # × page_size 10 passes 2^53: APISIX 3.18 never answers


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    running = start_sandbox(tmp_path_factory.mktemp("shield"))
    yield running
    running.stop()


def hazards(sandbox: Sandbox) -> dict[str, Any]:
    answer = sandbox.admin().get(f"{sandbox.admin_url}/__sandbox/hazards", timeout=5)
    answer.raise_for_status()
    return answer.json()


def list_operations(api_url: str) -> list[tuple[str, str, list[dict]]]:
    """(path, operationId, parameters with $refs resolved) of every GET that takes `page`."""
    spec = requests.get(f"{api_url}/openapi.json", timeout=5).json()
    shared = spec.get("components", {}).get("parameters", {})
    found = []
    for path, method, op in operations(spec):
        params = [shared[p["$ref"].rsplit("/", 1)[-1]] if "$ref" in p else p for p in op.get("parameters", [])]
        if method == "GET" and any(p.get("name") == "page" for p in params):
            found.append((path, op["operationId"], params))
    return found


def fill_path(path: str) -> str:
    return path.replace("{username}", "jack").replace("{manager}", "vault").replace("{", "").replace("}", "")


async def call_tools(api_url: str, token: str, calls: list[tuple[str, dict]]) -> list[Any]:
    async with Client(StreamableHttpTransport(f"{api_url}/mcp", auth=token), timeout=30) as client:
        return [await client.call_tool(name, args, raise_on_error=False) for name, args in calls]


@pytest.mark.parametrize("profile", PROFILES)
def test_overflowing_page_is_refused_on_every_list_operation(sandbox: Sandbox, tmp_path: Path,
                                                             profile: str) -> None:
    sandbox.admin().delete(f"{sandbox.admin_url}/__sandbox/hazards", timeout=5).raise_for_status()
    token = secrets.token_urlsafe(16)
    proc, api_url, _ = start_api(tmp_path, sandbox, token, secrets.token_urlsafe(16), APISIX_GPT_PROFILE=profile)
    try:
        listed = list_operations(api_url)
        assert listed, f"profile {profile} serves no list operation"
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {token}"
        tool_calls = []
        for path, operation_id, params in listed:
            answer = session.get(api_url + fill_path(path), params={"page": OVERFLOW_PAGE, "page_size": 10},
                                 timeout=10)
            assert answer.status_code == 400, (operation_id, answer.status_code, answer.text)
            assert "query.page" in answer.json()["detail"] and "1000000" in answer.json()["detail"]
            args = {p["name"]: "jack" if p["name"] == "username" else "vault"
                    for p in params if p.get("in") == "path"}
            tool_calls.append((operation_id, {**args, "page": OVERFLOW_PAGE, "page_size": 10}))
        results = asyncio.run(call_tools(api_url, token, tool_calls))
        for (operation_id, _), result in zip(tool_calls, results):
            assert result.is_error, (operation_id, result.content)
            assert "page" in result.content[0].text
    finally:
        proc.stop()
    assert hazards(sandbox)["count"] == 0, hazards(sandbox)["recent"]


def test_the_tripwire_fires_when_apisix_gets_such_a_page_directly(sandbox: Sandbox) -> None:
    # The control for the test above: the same request sent straight to the Admin API is caught.
    url = f"{sandbox.admin_url}/__sandbox/hazards"
    sandbox.admin().delete(url, timeout=5).raise_for_status()
    answer = sandbox.admin().get(f"{sandbox.admin_url}/apisix/admin/routes",
                                 params={"page": OVERFLOW_PAGE, "page_size": 10}, timeout=5)
    assert answer.status_code == 500 and "list-page-overflow" in answer.text
    assert hazards(sandbox)["count"] == 1
