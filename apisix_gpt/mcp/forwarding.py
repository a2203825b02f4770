"""The in-process HTTP client MCP tools use: the full apisix-gpt ASGI app, called with the caller's bearer."""

from __future__ import annotations

from collections.abc import Generator

import httpx2
from fastmcp.server.dependencies import get_http_headers, get_http_request
from starlette.types import ASGIApp

# Any host works for ASGITransport; it never leaves the process.
IN_PROCESS_BASE_URL = "http://apisix-gpt.internal"


def caller_authorization() -> str | None:
    """The `Authorization` header of the MCP HTTP request being served, if any."""
    return get_http_headers(include={"authorization"}).get("authorization")


class ForwardCallerAuth(httpx2.Auth):
    """Puts the MCP caller's own credentials on each in-process call.

    Over HTTP the incoming MCP request's `Authorization` header is forwarded as is. `stdio_token`
    is used only when there is no HTTP request at all (stdio mode), never as a fallback for an
    HTTP caller that sent no token.
    """

    def __init__(self, stdio_token: str | None = None) -> None:
        self._stdio_token = stdio_token

    def auth_flow(self, request: httpx2.Request) -> Generator[httpx2.Request, httpx2.Response, None]:
        request.headers.pop("authorization", None)
        header = self._header()
        if header:
            request.headers["Authorization"] = header
        yield request

    def _header(self) -> str | None:
        if _serving_http():
            return caller_authorization()
        return f"Bearer {self._stdio_token}" if self._stdio_token else None


def _serving_http() -> bool:
    try:
        get_http_request()
    except RuntimeError:
        return False
    return True


def in_process_client(api_app: ASGIApp, stdio_token: str | None = None,
                      timeout: float = 30.0) -> httpx2.AsyncClient:
    """An httpx2 client whose requests go straight into `api_app` (no network hop)."""
    transport = httpx2.ASGITransport(app=api_app)
    return httpx2.AsyncClient(transport=transport, base_url=IN_PROCESS_BASE_URL,
                              auth=ForwardCallerAuth(stdio_token), timeout=timeout)
