"""Turns apisix-gpt's problem+json answers into one-line MCP tool errors (`isError: true`)."""

from __future__ import annotations

import json
from typing import Any

import httpx2
import mcp_types as mt
from fastmcp.exceptions import ToolError
from fastmcp.server.middleware import CallNext, Middleware, MiddlewareContext
from fastmcp.tools.base import ToolResult

_MAX_DETAIL = 2000


class ApiError(ToolError):
    """An error answer from the apisix-gpt HTTP API, carrying its status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def problem_message(response: httpx2.Response) -> str:
    """`"<status> <title>: <detail>"` from a problem+json body, or the raw text when it is not one."""
    body = _json_or_none(response)
    if isinstance(body, dict) and ("detail" in body or "title" in body):
        title = body.get("title") or response.reason_phrase
        detail = body.get("detail")
        text = f"{response.status_code} {title}" + (f": {detail}" if detail else "")
    else:
        text = f"{response.status_code} {response.reason_phrase}: {response.text.strip()}"
    return text if len(text) <= _MAX_DETAIL else text[:_MAX_DETAIL] + "… (truncated)"


def raise_for_problem(response: httpx2.Response) -> None:
    if response.status_code >= 400:
        raise ApiError(response.status_code, problem_message(response))


def _json_or_none(response: httpx2.Response) -> Any:
    try:
        return response.json()
    except (json.JSONDecodeError, ValueError):
        return None


class ProblemErrors(Middleware):
    """Replaces FastMCP's generic upstream error text with the API's own status, title and detail."""

    async def on_call_tool(self, context: MiddlewareContext[mt.CallToolRequestParams],
                           call_next: CallNext[mt.CallToolRequestParams, ToolResult]) -> ToolResult:
        try:
            return await call_next(context)
        except ToolError as exc:
            cause = exc.__cause__
            if isinstance(cause, httpx2.HTTPStatusError):
                raise ApiError(cause.response.status_code, problem_message(cause.response)) from cause
            raise
