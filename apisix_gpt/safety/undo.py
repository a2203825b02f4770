"""Undo one audited change: PUT the previous value back (or DELETE what the change created), audited itself."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import Any

import requests

from config.settings import Settings

from .audit import AuditTrail, new_change_id, utc_now
from .redaction import redact
from .writes import unwrap

# APISIX 3.7+ rejects these on PUT (top level and inside an inline upstream).
FORBIDDEN_ON_PUT = ("create_time", "update_time")


class UndoError(RuntimeError):
    """The change cannot be undone; the message says why."""


@dataclass(frozen=True)
class UndoResult:
    change_id: str  # the id of the undo's own audit entry
    method: str
    resource: str
    status: int


def restorable_body(previous: dict[str, Any]) -> dict[str, Any]:
    """The previous value without fields a PUT may not carry (timestamps; `id` comes from the URL)."""
    body = {k: v for k, v in previous.items() if k not in FORBIDDEN_ON_PUT and k != "id"}
    if isinstance(body.get("upstream"), dict):
        body["upstream"] = {k: v for k, v in body["upstream"].items() if k not in FORBIDDEN_ON_PUT}
    return body


def plan(trail: AuditTrail, change_id: str) -> tuple[str, str, dict[str, Any] | None]:
    """(method, resource admin path, body) that restores the state before `change_id`."""
    entry, undo = trail.find(change_id)
    if entry is None:
        raise UndoError(f"no change {change_id!r} in {trail.path} (or its rotated backups)")
    status = entry.get("status")
    if isinstance(status, int) and status >= 400:
        raise UndoError(f"change {change_id} failed with status {status}, so APISIX did not change anything")
    if undo is None or not entry.get("undoable"):
        raise UndoError(f"change {change_id} has no recorded previous value, so it cannot be undone")
    if not undo.get("existed"):
        return "DELETE", undo["resource"], None
    previous = undo.get("previous")
    if not isinstance(previous, dict):
        raise UndoError(f"change {change_id}: the recorded previous value is not an object")
    return "PUT", undo["resource"], restorable_body(previous)


def undo_change(change_id: str, settings: Settings, trail: AuditTrail | None = None) -> UndoResult:
    """Apply the plan with the admin key over plain HTTP and audit the restore like any write."""
    trail = trail or AuditTrail.from_settings(settings)
    method, resource, body = plan(trail, change_id)
    session = _session(settings)
    timeout = (settings.connect_timeout, settings.read_timeout)
    before = _get(session, settings.admin_url + resource, timeout)
    try:
        resp = session.request(method, settings.admin_url + resource, json=body, timeout=timeout)
    except requests.RequestException as exc:
        _audit(trail, change_id, method, resource, body, before, None, f"cannot reach the Admin API: {exc}")
        raise UndoError(f"cannot reach the Admin API at {settings.admin_url}: {type(exc).__name__}") from None
    error = _error_text(resp) if resp.status_code >= 400 else None
    own_id = _audit(trail, change_id, method, resource, body, before, resp.status_code, error)
    if error is not None and not (method == "DELETE" and resp.status_code == 404):
        raise UndoError(f"APISIX refused the restore ({resp.status_code}): {error}")
    return UndoResult(own_id, method, resource, resp.status_code)


def _session(settings: Settings) -> requests.Session:
    session = requests.Session()
    if settings.admin_key:
        session.headers["X-API-KEY"] = settings.admin_key
    return session


def _get(session: requests.Session, url: str, timeout: tuple[float, float]) -> Any:
    try:
        resp = session.get(url, timeout=timeout)
    except requests.RequestException as exc:
        raise UndoError(f"cannot reach the Admin API to read {url}: {type(exc).__name__}") from None
    if resp.status_code == 404:
        return None
    if resp.status_code >= 400:
        raise UndoError(f"reading the current value failed ({resp.status_code}): {_error_text(resp)}")
    return unwrap(resp.json())


def _error_text(resp: requests.Response) -> str:
    try:
        body = resp.json()
    except ValueError:
        return resp.text.strip()[:500]
    if isinstance(body, dict):
        return str(body.get("error_msg") or body.get("message") or body)
    return str(body)


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def _audit(trail: AuditTrail, undone: str, method: str, resource: str, body: Any, before: Any,
           status: int | None, error: str | None) -> str:
    change_id = new_change_id()
    entry = {"id": change_id, "time": utc_now(), "principal": f"audit-cli:{_user()}",
             "operation_id": "undoChange", "undoes": undone, "method": method, "path": resource, "query": {},
             "resource": resource, "request": redact(body), "status": status, "error": error,
             "existed": before is not None, "previous": redact(before), "undoable": True}
    trail.append(entry, {"id": change_id, "resource": resource, "existed": before is not None, "previous": before})
    return change_id
