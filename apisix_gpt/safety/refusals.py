"""An audit line for every write attempt that never reached `guarded_write`.

`guarded_write` audits what it sends to APISIX, including APISIX's refusals. This middleware covers the
rest, so a probing client leaves a trace: writes refused by request validation, by role, by profile
(an operation this profile does not serve), by a guard, or that failed before the send. It sits between
CORS and auth; unauthenticated attempts (401) and rate-limited ones (429) are only logged, since anyone
could flood the trail with them and rotate real entries away.
"""

from __future__ import annotations

import json
import logging
from urllib.parse import parse_qsl
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .access import is_protected, is_write
from .middleware import replay_body
from .audit import new_change_id, trail, utc_now
from .principal import Principal
from .redaction import redact

logger = logging.getLogger(__name__)
MAX_PROBLEM_BYTES = 16 * 1024  # a problem+json body; larger answers are not problems worth parsing
NOT_AUDITED = frozenset({401, 429})
REFUSED_BY = {400: "validation", 403: "role", 404: "profile", 405: "profile", 413: "body limit"}


@dataclass
class WriteAttempt:
    """Shared (by reference) with the handler's context, so `guarded_write` can say it audited."""

    audited: bool = False


_attempt: ContextVar[WriteAttempt | None] = ContextVar("apisix_gpt_write_attempt", default=None)


def mark_audited() -> None:
    """Called by `guarded_write` once it has written its own line for this request."""
    attempt = _attempt.get()
    if attempt is not None:
        attempt.audited = True


class RefusedWriteAuditMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_protected(scope["path"]) or not is_write(scope["method"], scope["path"]):
            return await self.app(scope, receive, send)
        body, receive = await _read_body(receive)  # the body limit outside has already bounded it
        answer = _Answer()
        attempt = WriteAttempt()
        marker = _attempt.set(attempt)
        try:
            await self.app(scope, receive, answer.wrap(send))
        finally:
            _attempt.reset(marker)
        if answer.status < 400 or attempt.audited:
            return
        principal = scope.get("state", {}).get("principal")
        if answer.status in NOT_AUDITED or not isinstance(principal, Principal):
            logger.warning("refused %s %s: %s (not audited: no authenticated caller or rate limited)",
                           scope["method"], scope["path"], answer.status)
            return
        _append(scope, principal, body, answer)


class _Answer:
    """The status and, for a problem, its detail, as the response goes out."""

    def __init__(self) -> None:
        self.status = 0
        self.is_problem = False
        self.chunks: list[bytes] = []
        self.size = 0

    def wrap(self, send: Send) -> Send:
        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.status = message["status"]
                headers = dict(message.get("headers") or [])
                self.is_problem = b"problem+json" in headers.get(b"content-type", b"")
            elif message["type"] == "http.response.body" and self.is_problem and self.size < MAX_PROBLEM_BYTES:
                chunk = message.get("body", b"")
                self.chunks.append(chunk)
                self.size += len(chunk)
            await send(message)
        return capture

    def detail(self) -> str | None:
        if not self.chunks:
            return None
        try:
            problem = json.loads(b"".join(self.chunks))
        except ValueError:
            return None
        return problem.get("detail") if isinstance(problem, dict) else None


async def _read_body(receive: Receive) -> tuple[bytes, Receive]:
    chunks: list[bytes] = []
    more = True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    body = b"".join(chunks)
    return body, replay_body(body, receive)


def _request_record(body: bytes) -> dict[str, Any]:
    if not body:
        return {"request": None}
    try:
        return {"request": redact(json.loads(body))}
    except ValueError:  # not JSON (or not UTF-8): keep only its size, it may hold anything
        return {"request": None, "request_bytes": len(body), "request_note": "not valid JSON"}


def _append(scope: Scope, principal: Principal, body: bytes, answer: _Answer) -> None:
    routing = scope.get("extensions", {}).get("connexion_routing", {})
    query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True))
    record_refusal(principal, operation_id=routing.get("operation_id"), method=scope["method"],
                   path=scope["path"], query=query, request=_request_record(body), status=answer.status,
                   error=answer.detail(), refused_by=REFUSED_BY.get(answer.status, "apisix-gpt"))


def record_refusal(principal: Principal, *, operation_id: str | None, method: str, path: str,
                   query: dict[str, Any], request: dict[str, Any], status: int, error: str | None,
                   refused_by: str) -> None:
    """Append the audit line of a write attempt refused before it reached APISIX (also used by MCP)."""
    entry = {"id": new_change_id(), "time": utc_now(), "principal": principal.name,
             "operation_id": operation_id, "method": method, "path": path, "query": query,
             "resource": None, **request, "status": status, "error": error, "refused_by": refused_by,
             "existed": None, "previous": None, "undoable": False}
    try:
        trail().append(entry)
    except OSError as exc:
        logger.error("could not write the audit trail: %s", exc)
