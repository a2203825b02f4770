"""Every write goes through here: keep stored secrets for placeholders, capture the previous value, audit."""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable

from .audit import new_change_id, trail, utc_now
from .errors import PlaceholderError
from .principal import current_principal
from .redaction import has_placeholder, redact, redact_at, restore_placeholders
from .refusals import mark_audited

logger = logging.getLogger(__name__)
ADMIN_PREFIX = "/apisix/admin"
_MISSING = object()


async def guarded_write(*, operation_id: str, method: str, admin_path: str, body: Any, query: dict,
                        send: Callable[[Any], Awaitable[Any]], fetch_current: Callable[[], Awaitable[Any | None]],
                        restorable_path: str | None) -> Any:
    """Restore placeholders, send once (never retried) and append one audit line, also on failure."""
    sub_path = _sub_path(admin_path, restorable_path)
    record = _Record(operation_id, method.upper(), admin_path, body, query, restorable_path, sub_path)
    current: Any = _MISSING
    try:
        if has_placeholder(body):
            current = unwrap(await fetch_current())
            body = restore_placeholders(body, _descend(current, sub_path))
        if restorable_path is not None:
            current = current if current is not _MISSING else await _previous(fetch_current)
            record.previous = current
    except PlaceholderError as exc:
        record.finish(400, exc.detail)
        raise
    try:
        result = await send(body)
    except Exception as exc:
        record.finish(getattr(exc, "status", None), getattr(exc, "message", None) or str(exc))
        raise
    record.finish(getattr(result, "status", None), None, getattr(result, "body", None))
    return result


def unwrap(stored: Any) -> Any:
    """The resource value from a GET-one envelope (`{"key","value",...}`), or `stored` as is."""
    if isinstance(stored, dict) and isinstance(stored.get("key"), str) and "value" in stored:
        return stored["value"]
    return stored


def _sub_path(admin_path: str, restorable_path: str | None) -> str:
    if restorable_path and admin_path.startswith(restorable_path.rstrip("/") + "/"):
        return admin_path[len(restorable_path.rstrip("/")) + 1:]
    return ""


def _descend(value: Any, sub_path: str) -> Any:
    for step in (s for s in sub_path.split("/") if s):
        value = value.get(step) if isinstance(value, dict) else None
    return value


async def _previous(fetch_current: Callable[[], Awaitable[Any | None]]) -> Any:
    try:
        return unwrap(await fetch_current())
    except Exception as exc:  # noqa: BLE001 - an unreadable previous value must not block the write
        logger.warning("could not read the previous value before a write: %s", type(exc).__name__)
        return _MISSING


class _Record:
    """The audit line of one write, filled in as the write goes."""

    def __init__(self, operation_id: str, method: str, admin_path: str, body: Any, query: dict,
                 resource: str | None, sub_path: str) -> None:
        principal = current_principal()
        self.id = new_change_id()
        self.entry: dict[str, Any] = {
            "id": self.id, "time": utc_now(), "principal": principal.name if principal else None,
            "operation_id": operation_id, "method": method, "path": admin_path,
            "query": {k: v for k, v in (query or {}).items() if v is not None},
            "resource": resource, "request": redact_at(body, sub_path) if sub_path else redact(body)}
        self.previous: Any = _MISSING

    def finish(self, status: int | None, error: str | None, result_body: Any = None) -> None:
        resource = self.entry["resource"] or _created_resource(self.entry["method"], result_body)
        known = self.previous is not _MISSING
        self.entry.update(resource=resource, status=status, error=error,
                          existed=(self.previous is not None) if known else None,
                          previous=redact(self.previous) if known else None,
                          undoable=bool(resource) and (known or self.entry["method"] == "POST"))
        undo = None
        if self.entry["undoable"]:
            undo = {"id": self.id, "resource": resource, "existed": self.entry["existed"] or False,
                    "previous": self.previous if known else None}
        mark_audited()
        try:
            trail().append(self.entry, undo)
        except OSError as exc:
            logger.error("could not write the audit trail: %s", exc)


def _created_resource(method: str, body: Any) -> str | None:
    """For a POST create, the new resource's admin path from APISIX's `key` (`/apisix/routes/1`)."""
    key = body.get("key") if isinstance(body, dict) else None
    if method != "POST" or not isinstance(key, str) or not key.startswith("/apisix/"):
        return None
    return ADMIN_PREFIX + key[len("/apisix"):]
