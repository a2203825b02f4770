"""Undo and the audit CLI, against a small threaded fake Admin API and (when present) the real sandbox."""

from __future__ import annotations

import asyncio
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import pytest
import requests

from apisix_gpt import audit_cli
from apisix_gpt.safety import audit
from apisix_gpt.safety.audit import AuditTrail
from apisix_gpt.safety.principal import Principal, reset_principal, set_principal
from apisix_gpt.safety.undo import UndoError, plan, restorable_body, undo_change
from apisix_gpt.safety.writes import guarded_write
from config.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
KEY = "fake-admin-key"


class FakeAdmin(BaseHTTPRequestHandler):
    """Just enough of the Admin API: GET/PUT/DELETE on /apisix/admin/<...>, the 3.7 timestamp rule."""

    store: dict[str, dict] = {}

    def log_message(self, *args: Any) -> None:
        pass

    def _answer(self, status: int, body: Any) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _etcd_key(self) -> str:
        return "/apisix/" + self.path.split("?")[0][len("/apisix/admin/"):]

    def do_GET(self) -> None:
        value = self.store.get(self._etcd_key())
        self._answer(200, {"key": self._etcd_key(), "value": value, "createdIndex": 1, "modifiedIndex": 2}
                     if value else {"message": "Key not found"}) if value else self._answer(404, {"message": "Key not found"})

    def do_PUT(self) -> None:
        if self.headers.get("X-API-KEY") != KEY:
            return self._answer(401, {"error_msg": "failed to check token"})
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if "create_time" in body:
            return self._answer(400, {"error_msg": "the property is forbidden:  create_time"})
        existed = self._etcd_key() in self.store
        self.store[self._etcd_key()] = {**body, "id": self._etcd_key().rsplit("/", 1)[1], "create_time": 1}
        self._answer(200 if existed else 201, {"key": self._etcd_key(), "value": self.store[self._etcd_key()]})

    def do_DELETE(self) -> None:
        if self.store.pop(self._etcd_key(), None) is None:
            return self._answer(404, {"message": "Key not found"})
        self._answer(200, {"deleted": "1", "key": self._etcd_key()})


@pytest.fixture
def fake_admin() -> Iterator[str]:
    FakeAdmin.store = {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeAdmin)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def settings_for(admin_url: str, tmp_path: Path, admin_key: str = KEY, **extra: Any) -> Settings:
    return Settings(admin_url=admin_url, admin_key=admin_key, audit_log=tmp_path / "audit.jsonl", **extra)


def audited_write(settings: Settings, method: str, path: str, body: Any, resource: str | None) -> str:
    """One guarded write through plain requests (what the core does with its client), returning its change id."""
    audit.configure(settings)
    session = requests.Session()
    session.headers["X-API-KEY"] = settings.admin_key

    async def send(payload: Any) -> Any:
        resp = session.request(method, settings.admin_url + path, json=payload, timeout=5)
        resp.status = resp.status_code
        resp.body = resp.json()
        return resp

    async def fetch() -> Any:
        resp = session.get(settings.admin_url + (resource or path), timeout=5)
        return None if resp.status_code == 404 else resp.json()
    marker = set_principal(Principal("alice", "editor"))
    try:
        asyncio.run(guarded_write(operation_id="op", method=method, admin_path=path, body=body, query={},
                                  send=send, fetch_current=fetch, restorable_path=resource))
    finally:
        reset_principal(marker)
        audit._configured = None
    return AuditTrail.from_settings(settings).recent(1)[0]["id"]


def test_restorable_body_strips_timestamps_and_id() -> None:
    assert restorable_body({"id": "1", "uri": "/", "create_time": 1, "update_time": 2,
                            "upstream": {"nodes": {"a:1": 1}, "create_time": 3}}) == {
        "uri": "/", "upstream": {"nodes": {"a:1": 1}}}


def test_undo_replace_puts_previous_value_back_and_is_audited(fake_admin: str, tmp_path: Path) -> None:
    settings = settings_for(fake_admin, tmp_path)
    FakeAdmin.store["/apisix/routes/1"] = {"id": "1", "uri": "/old", "create_time": 1,
                                           "plugins": {"key-auth": {"key": "route-secret"}}}
    change = audited_write(settings, "PUT", "/apisix/admin/routes/1", {"uri": "/new"}, "/apisix/admin/routes/1")
    assert FakeAdmin.store["/apisix/routes/1"]["uri"] == "/new"
    result = undo_change(change, settings)
    assert result.method == "PUT" and result.status == 200
    restored = FakeAdmin.store["/apisix/routes/1"]
    assert restored["uri"] == "/old" and restored["plugins"]["key-auth"]["key"] == "route-secret"
    latest = AuditTrail.from_settings(settings).recent(1)[0]
    assert latest["operation_id"] == "undoChange" and latest["undoes"] == change and latest["status"] == 200
    assert "route-secret" not in settings.audit_log.read_text()
    undo_change(latest["id"], settings)  # the undo is itself undoable
    assert FakeAdmin.store["/apisix/routes/1"]["uri"] == "/new"


def test_undo_create_deletes_and_undo_delete_recreates(fake_admin: str, tmp_path: Path) -> None:
    settings = settings_for(fake_admin, tmp_path)
    created = audited_write(settings, "PUT", "/apisix/admin/upstreams/u1", {"nodes": {"a:80": 1}},
                            "/apisix/admin/upstreams/u1")
    assert plan(AuditTrail.from_settings(settings), created) == ("DELETE", "/apisix/admin/upstreams/u1", None)
    undo_change(created, settings)
    assert "/apisix/upstreams/u1" not in FakeAdmin.store
    FakeAdmin.store["/apisix/upstreams/u2"] = {"id": "u2", "nodes": {"b:80": 1}, "create_time": 5}
    deleted = audited_write(settings, "DELETE", "/apisix/admin/upstreams/u2", None, "/apisix/admin/upstreams/u2")
    undo_change(deleted, settings)
    assert FakeAdmin.store["/apisix/upstreams/u2"]["nodes"] == {"b:80": 1}


def test_undo_refusals_are_clear(fake_admin: str, tmp_path: Path) -> None:
    settings = settings_for(fake_admin, tmp_path)
    with pytest.raises(UndoError, match="no change 'nope'"):
        undo_change("nope", settings)
    trail = AuditTrail.from_settings(settings)
    trail.append({"id": "failed", "status": 400, "undoable": True}, {"id": "failed", "resource": "/x"})
    with pytest.raises(UndoError, match="failed with status 400"):
        undo_change("failed", settings)
    trail.append({"id": "blind", "status": 200, "undoable": False})
    with pytest.raises(UndoError, match="no recorded previous value"):
        undo_change("blind", settings)


def test_restore_refused_by_apisix_is_reported_and_audited(fake_admin: str, tmp_path: Path) -> None:
    settings = settings_for(fake_admin, tmp_path)
    FakeAdmin.store["/apisix/routes/9"] = {"uri": "/a"}
    change = audited_write(settings, "PUT", "/apisix/admin/routes/9", {"uri": "/b"}, "/apisix/admin/routes/9")
    with pytest.raises(UndoError, match=r"refused the restore \(401\): failed to check token"):
        undo_change(change, settings_for(fake_admin, tmp_path, admin_key="wrong"))
    assert AuditTrail.from_settings(settings).recent(1)[0]["status"] == 401


def test_cli_list_and_undo(fake_admin: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    settings = settings_for(fake_admin, tmp_path)
    change = audited_write(settings, "PUT", "/apisix/admin/routes/7", {"uri": "/x"}, "/apisix/admin/routes/7")
    assert audit_cli.run(["list", "-n", "5"], settings) == 0
    out = capsys.readouterr().out
    assert change in out and "alice" in out and "PUT /apisix/admin/routes/7" in out and "-> 201" in out
    assert audit_cli.run(["list", "--json", "-r", "routes/7"], settings) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[0])["id"] == change
    assert audit_cli.run(["undo", change], settings) == 0
    assert "DELETE /apisix/admin/routes/7" in capsys.readouterr().out
    assert audit_cli.run(["undo", "missing"], settings) == 1
    assert "no change 'missing'" in capsys.readouterr().err
    assert audit_cli.run(["list", "-n", "0"], settings) == 2


def test_cli_main_reports_bad_settings(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("APISIX_GPT_AUDIT_MAX_BYTES", "lots")
    assert audit_cli.main(["list"]) == 2
    assert "APISIX_GPT_AUDIT_MAX_BYTES must be an integer" in capsys.readouterr().err


def test_undo_against_the_real_sandbox(tmp_path: Path) -> None:
    if not (ROOT / "sandbox" / "__main__.py").exists():
        pytest.skip("the sandbox has no entry point yet")
    from tests.helpers.stack import start_sandbox
    sandbox = start_sandbox(tmp_path)
    try:
        settings = settings_for(sandbox.admin_url, tmp_path, admin_key=sandbox.admin_key,
                                audit_max_bytes=2000, audit_backups=5)
        admin = sandbox.admin()
        route = {"uri": "/old", "upstream": {"type": "roundrobin", "nodes": {"127.0.0.1:1980": 1}},
                 "plugins": {"key-auth": {}}}
        assert admin.put(f"{sandbox.admin_url}/apisix/admin/routes/r1", json=route, timeout=5).status_code == 201
        consumer = {"username": "jack", "plugins": {"key-auth": {"key": "jack-secret"}}}
        assert admin.put(f"{sandbox.admin_url}/apisix/admin/consumers", json=consumer, timeout=5).ok
        changes = [audited_write(settings, "PUT", "/apisix/admin/routes/r1", {**route, "uri": f"/v{n}"},
                                 "/apisix/admin/routes/r1") for n in range(4)]
        change = audited_write(settings, "PUT", "/apisix/admin/consumers/jack",
                               {"username": "jack", "plugins": {"key-auth": {"key": "rotated"}}},
                               "/apisix/admin/consumers/jack")
        assert (tmp_path / "audit.jsonl.1").exists()  # rotated along the way
        undo_change(change, settings)
        got = admin.get(f"{sandbox.admin_url}/apisix/admin/consumers/jack", timeout=5).json()["value"]
        assert got["plugins"]["key-auth"]["key"] == "jack-secret"
        undo_change(changes[0], settings)
        got = admin.get(f"{sandbox.admin_url}/apisix/admin/routes/r1", timeout=5).json()["value"]
        assert got["uri"] == "/old"
        for path in tmp_path.glob("audit*.jsonl*"):
            assert "jack-secret" not in path.read_text() or ".undo." in path.name
    finally:
        sandbox.stop()
