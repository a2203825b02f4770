"""guarded_write: placeholder restore, previous value capture, one audit line per write (also failures)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from apisix_gpt.safety import audit
from apisix_gpt.safety.errors import PlaceholderError
from apisix_gpt.safety.principal import Principal, reset_principal, set_principal
from apisix_gpt.safety.redaction import PLACEHOLDER
from apisix_gpt.safety.writes import guarded_write
from config.settings import Settings

STORED = {"key": "/apisix/consumers/jack", "value": {"username": "jack", "create_time": 1,
                                                      "plugins": {"key-auth": {"key": "stored-secret"}}}}


@dataclass
class Result:
    status: int
    body: Any


class Failure(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@pytest.fixture
def trail(tmp_path: Path) -> audit.AuditTrail:
    configured = audit.configure(Settings(audit_log=tmp_path / "audit.jsonl"))
    token = set_principal(Principal("alice", "editor"))
    yield configured
    reset_principal(token)
    audit._configured = None


def write(body: Any, send: Any, stored: Any = STORED, admin_path: str = "/apisix/admin/consumers/jack",
          restorable: str | None = "/apisix/admin/consumers/jack", method: str = "PUT") -> tuple[Any, list]:
    fetches: list = []

    async def fetch() -> Any:
        fetches.append(1)
        return stored
    coro = guarded_write(operation_id="putConsumer", method=method, admin_path=admin_path, body=body,
                         query={"ttl": None}, send=send, fetch_current=fetch, restorable_path=restorable)
    return asyncio.run(coro), fetches


def test_placeholder_is_replaced_before_sending_and_audit_line_is_redacted(trail: audit.AuditTrail) -> None:
    sent: list = []

    async def send(body: Any) -> Result:
        sent.append(body)
        return Result(200, {"key": "/apisix/consumers/jack", "value": body})
    body = {"username": "jack", "plugins": {"key-auth": {"key": PLACEHOLDER}}}
    result, fetches = write(body, send)
    assert result.status == 200 and len(fetches) == 1  # one read serves both restore and previous
    assert sent == [{"username": "jack", "plugins": {"key-auth": {"key": "stored-secret"}}}]
    [line] = trail.recent()
    assert line["principal"] == "alice" and line["operation_id"] == "putConsumer" and line["status"] == 200
    assert line["existed"] is True and line["undoable"] is True and line["query"] == {}
    assert "stored-secret" not in trail.path.read_text()
    _, undo = trail.find(line["id"])
    assert undo["previous"]["plugins"]["key-auth"]["key"] == "stored-secret"


def test_placeholder_without_stored_value_is_refused_audited_and_not_sent(trail: audit.AuditTrail) -> None:
    async def send(body: Any) -> Result:
        raise AssertionError("must not send")
    with pytest.raises(PlaceholderError, match="plugins.key-auth.key"):
        write({"plugins": {"key-auth": {"key": PLACEHOLDER}}}, send, stored=None)
    [line] = trail.recent()
    assert line["status"] == 400 and "plugins.key-auth.key" in line["error"]


def test_failed_write_is_audited_then_reraised(trail: audit.AuditTrail) -> None:
    async def send(body: Any) -> Result:
        raise Failure(400, "invalid configuration: property \"uri\" is required")
    with pytest.raises(Failure):
        write({"username": "jack"}, send)
    [line] = trail.recent()
    assert line["status"] == 400 and line["error"].startswith("invalid configuration")


def test_create_records_the_new_resource_for_undo(trail: audit.AuditTrail) -> None:
    async def send(body: Any) -> Result:
        return Result(201, {"key": "/apisix/routes/00000000000000000042", "value": body})
    _, fetches = write({"uri": "/x"}, send, admin_path="/apisix/admin/routes", restorable=None, method="POST")
    assert fetches == []
    [line] = trail.recent()
    assert line["resource"] == "/apisix/admin/routes/00000000000000000042" and line["undoable"]
    _, undo = trail.find(line["id"])
    assert undo["existed"] is False


def test_sub_path_patch_restores_relative_to_the_attribute(trail: audit.AuditTrail) -> None:
    sent: list = []

    async def send(body: Any) -> Result:
        sent.append(body)
        return Result(200, {})
    write({"key": PLACEHOLDER}, send, admin_path="/apisix/admin/consumers/jack/plugins/key-auth", method="PATCH")
    assert sent == [{"key": "stored-secret"}]
    assert trail.recent()[0]["request"] == {"key": PLACEHOLDER}


def test_unreadable_previous_value_does_not_block_the_write(trail: audit.AuditTrail) -> None:
    async def send(body: Any) -> Result:
        return Result(200, {})

    async def broken() -> Any:
        raise OSError("down")
    asyncio.run(guarded_write(operation_id="putRoute", method="PUT", admin_path="/apisix/admin/routes/1",
                              body={"uri": "/"}, query={}, send=send, fetch_current=broken,
                              restorable_path="/apisix/admin/routes/1"))
    [line] = trail.recent()
    assert line["status"] == 200 and line["undoable"] is False and line["existed"] is None
