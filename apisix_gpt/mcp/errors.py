"""Turns apisix-gpt's problem+json answers into one-line MCP tool errors (`isError: true`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import httpx2
import mcp_types as mt
from fastmcp.exceptions import ToolError, ValidationError
from fastmcp.server.middleware import CallNext, Middleware, MiddlewareContext
from fastmcp.tools.base import ToolResult

from apisix_gpt.safety.principal import current_principal
from apisix_gpt.safety.redaction import redact
from apisix_gpt.safety.refusals import record_refusal

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
    """Replaces FastMCP's generic upstream error text with the API's own status, title and detail.

    `writes` maps each write tool to its (METHOD, path): a write call FastMCP refuses before sending
    it (a missing path argument, an unknown one) never reaches the app's own audit, so it is audited here.
    """

    def __init__(self, writes: Mapping[str, tuple[str, str]] | None = None) -> None:
        self.writes = dict(writes or {})

    async def on_call_tool(self, context: MiddlewareContext[mt.CallToolRequestParams],
                           call_next: CallNext[mt.CallToolRequestParams, ToolResult]) -> ToolResult:
        try:
            return await call_next(context)
        except ValidationError as exc:
            self._audit(context.message, str(exc))
            raise
        except ToolError as exc:
            cause = exc.__cause__
            if isinstance(cause, httpx2.HTTPStatusError):
                raise ApiError(cause.response.status_code, problem_message(cause.response)) from cause
            raise

    def _audit(self, call: mt.CallToolRequestParams, error: str) -> None:
        principal = current_principal()
        if call.name not in self.writes or principal is None:
            return
        method, path = self.writes[call.name]
        record_refusal(principal, operation_id=call.name, method=method, path=path, query={},
                       request={"request": redact(call.arguments or {})}, status=400, error=error,
                       refused_by="validation")
