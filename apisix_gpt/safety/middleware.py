"""ASGI guardrails: request body limit, bearer auth with roles, per-token rate limit."""

from __future__ import annotations

import logging
import math
import time
from collections import deque

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .access import is_protected, is_write
from .principal import Principal, reset_principal, set_principal
from .problems import send_problem
from .tokens import TokenStore

logger = logging.getLogger(__name__)
REALM_HEADER = {"WWW-Authenticate": 'Bearer realm="apisix-gpt"'}
ANONYMOUS = Principal("anonymous", "editor")


class BodyLimitMiddleware:
    """Refuses bodies above `max_bytes` with 413 before reading more than the limit (plus one chunk)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            return await self._refuse(send, declared)
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            more = message.get("more_body", False)
            if size > self.max_bytes:
                return await self._refuse(send, size)
        await self.app(scope, replay_body(b"".join(chunks), receive), send)

    async def _refuse(self, send: Send, size: int) -> None:
        await send_problem(send, 413, f"invalid request body: request size {size} is greater than "
                                      f"the maximum size {self.max_bytes} allowed")


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def replay_body(body: bytes, receive: Receive) -> Receive:
    """A receive that hands the already-read `body` over once, then defers to the real one."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()
    return replay


def bearer_token(scope: Scope) -> str | None:
    for key, value in scope.get("headers", []):
        if key == b"authorization":
            scheme, _, token = value.decode("latin-1").strip().partition(" ")
            return (token.strip() or None) if scheme.lower() == "bearer" else None
    return None


class AuthMiddleware:
    """Bearer auth on protected paths; sets the principal contextvar; viewers may only read."""

    def __init__(self, app: ASGIApp, tokens: TokenStore, no_auth: bool = False) -> None:
        self.app, self.tokens, self.no_auth = app, tokens, no_auth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_protected(scope["path"]):
            return await self.app(scope, receive, send)
        principal = ANONYMOUS if self.no_auth else self._authenticate(scope)
        if principal is None:
            detail = ("invalid bearer token" if bearer_token(scope)
                      else "missing bearer token: send 'Authorization: Bearer <token>'")
            return await send_problem(send, 401, detail, REALM_HEADER)
        scope.setdefault("state", {})["principal"] = principal  # also for the audit of a refusal below
        if not principal.can_write and is_write(scope["method"], scope["path"]):
            logger.warning("refused %s %s for viewer token %r", scope["method"], scope["path"], principal.name)
            return await send_problem(send, 403, f"token {principal.name!r} has role viewer and may only read; "
                                                 f"{scope['method']} {scope['path']} needs an editor token")
        marker = set_principal(principal)
        try:
            await self.app(scope, receive, send)
        finally:
            reset_principal(marker)

    def _authenticate(self, scope: Scope) -> Principal | None:
        token = bearer_token(scope)
        return self.tokens.authenticate(token) if token else None


class RateLimitMiddleware:
    """At most `per_minute` protected requests per principal in any 60 s window (per process)."""

    def __init__(self, app: ASGIApp, per_minute: int, window: float = 60.0) -> None:
        self.app, self.per_minute, self.window = app, per_minute, window
        self._seen: dict[str, deque[float]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        principal = scope.get("state", {}).get("principal") if scope["type"] == "http" else None
        if principal is None:
            return await self.app(scope, receive, send)
        wait = self._admit(principal.name, time.monotonic())
        if wait > 0:
            return await send_problem(send, 429, f"rate limit of {self.per_minute} requests per minute "
                                                 f"reached; retry in {wait} s", {"Retry-After": str(wait)})
        await self.app(scope, receive, send)

    def _admit(self, name: str, now: float) -> int:
        seen = self._seen.setdefault(name, deque())
        while seen and seen[0] <= now - self.window:
            seen.popleft()
        if len(seen) >= self.per_minute:
            return max(1, math.ceil(seen[0] + self.window - now))
        seen.append(now)
        return 0
