"""The context budget (issue #20): what a profile's tools/list and served spec cost a model, and the limits.

An MCP client sends every tool's name, description and input schema to the model on every turn, and a
GPT Action sends the served spec. Both are measured as compact JSON characters (no spaces after
separators, non-ASCII kept as is), the way clients forward them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError


@dataclass(frozen=True)
class Budget:
    """Upper bounds for one profile; None means not bounded."""

    tools_list: int
    input_schema: int | None = None
    openapi_json: int | None = None


BUDGETS: dict[str, Budget] = {
    "gpt": Budget(tools_list=30_000, input_schema=2_500, openapi_json=40_000),
    "full": Budget(tools_list=90_000),
}


def compact(value: Any) -> str:
    """`value` as compact JSON text, the unit every figure here is counted in."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class Figures:
    """What one profile costs: tools/list's `result`, its largest input schema, and the served spec."""

    tools: int
    tools_list_chars: int
    largest_input_schema: tuple[str, int]
    openapi_json_chars: int | None = None

    def over(self, budget: Budget) -> list[str]:
        """One line per bound this profile exceeds (empty when it fits)."""
        found = []
        if self.tools_list_chars > budget.tools_list:
            found.append(f"tools/list is {self.tools_list_chars} characters, over {budget.tools_list}")
        name, size = self.largest_input_schema
        if budget.input_schema is not None and size > budget.input_schema:
            found.append(f"{name}'s inputSchema is {size} characters, over {budget.input_schema}")
        if (budget.openapi_json is not None and self.openapi_json_chars is not None
                and self.openapi_json_chars > budget.openapi_json):
            found.append(f"openapi.json is {self.openapi_json_chars} characters, over {budget.openapi_json}")
        return found


def figures(tools_result: dict[str, Any], openapi_json: str | None = None) -> Figures:
    """Figures of a tools/list `result` ({"tools": [...]}) and, optionally, the served spec's text."""
    tools = tools_result.get("tools") or []
    sizes = [(str(tool.get("name")), len(compact(tool.get("inputSchema", {})))) for tool in tools]
    largest = max(sizes, key=lambda item: item[1]) if sizes else ("", 0)
    return Figures(tools=len(tools), tools_list_chars=len(compact(tools_result)), largest_input_schema=largest,
                   openapi_json_chars=None if openapi_json is None else len(openapi_json))


def portability_problems(tools_result: dict[str, Any]) -> list[str]:
    """Input schemas that are not plain, valid Draft 2020-12 JSON Schema with one type per schema."""
    problems = []
    for tool in tools_result.get("tools") or []:
        name, schema = tool.get("name"), tool.get("inputSchema")
        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as exc:
            problems.append(f"{name}: not Draft 2020-12: {exc.message}")
        if not isinstance(schema, dict) or schema.get("type") != "object":
            problems.append(f"{name}: inputSchema is not an object schema")
        problems += [f"{name}: {where}" for where in _type_arrays(schema, "inputSchema")]
    return problems


def _type_arrays(node: Any, where: str) -> list[str]:
    if isinstance(node, list):
        return [found for index, item in enumerate(node) for found in _type_arrays(item, f"{where}[{index}]")]
    if not isinstance(node, dict):
        return []
    found = [f"{where}: type is a list {node['type']}"] if isinstance(node.get("type"), list) else []
    for key, value in node.items():
        if key not in ("enum", "const", "default", "example", "examples"):
            found += _type_arrays(value, f"{where}.{key}")
    return found


MCP_HEADERS = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}


def _rpc_result(text: str) -> Any:
    """The JSON-RPC `result` of a Streamable HTTP answer (plain JSON, or one SSE `data:` event)."""
    if text.lstrip().startswith("{"):
        message = json.loads(text)
    else:
        data = [line[5:].strip() for line in text.splitlines() if line.startswith("data:")]
        message = json.loads(data[-1])
    if "error" in message:
        raise RuntimeError(f"MCP error: {message['error']}")
    return message["result"]


def fetch_tools_list(base_url: str, token: str | None, timeout: float = 30.0) -> dict[str, Any]:
    """`tools/list`'s result from the live `/mcp` endpoint (initialize, initialized, then tools/list)."""
    import httpx  # a FastMCP dependency; only measuring needs it

    headers = dict(MCP_HEADERS, **({"Authorization": f"Bearer {token}"} if token else {}))
    url = base_url.rstrip("/") + "/mcp"
    with httpx.Client(timeout=timeout) as client:
        init = client.post(url, headers=headers, json={
            "jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                       "clientInfo": {"name": "apisix-gpt-budget", "version": "1"}}})
        init.raise_for_status()
        version = _rpc_result(init.text)["protocolVersion"]
        headers["MCP-Protocol-Version"] = version
        if session := init.headers.get("mcp-session-id"):
            headers["Mcp-Session-Id"] = session
        client.post(url, headers=headers, json={"jsonrpc": "2.0", "method": "notifications/initialized"})
        listed = client.post(url, headers=headers, json={"jsonrpc": "2.0", "id": 2, "method": "tools/list"})
        listed.raise_for_status()
        return _rpc_result(listed.text)


def measure(base_url: str, token: str | None) -> Figures:
    """The figures of the server at `base_url`: its tools/list and its served `/openapi.json`."""
    import httpx

    spec = httpx.get(base_url.rstrip("/") + "/openapi.json", timeout=30.0)
    spec.raise_for_status()
    return figures(fetch_tools_list(base_url, token), spec.text)


@lru_cache(maxsize=None)  # building a profile's MCP server takes about a second
def in_process_figures(profile: str) -> Figures:
    """The figures of `profile` built in this process: the same tools/list the live /mcp serves."""
    import asyncio

    from apisix_gpt.mcp.server import build_mcp
    from apisix_gpt.spec import load_spec
    from config.settings import Settings

    async def unused_app(scope: Any, receive: Any, send: Any) -> None:  # tools are listed, never called
        raise RuntimeError("not called")

    settings = Settings(profile=profile)
    spec = load_spec(settings)
    tools = asyncio.run(build_mcp(spec, settings, unused_app).list_tools())
    result = {"tools": [tool.to_mcp_tool().model_dump(mode="json", by_alias=True, exclude_none=True)
                        for tool in tools]}
    return figures(result, compact(spec))
