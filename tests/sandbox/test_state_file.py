"""`--state-file`: the Admin API's configuration survives a restart (and is forgotten without it)."""

from __future__ import annotations

import json
from pathlib import Path

import requests

from tests.sandbox.admin_data import ROUTE, expect
from tests.sandbox.conftest import AdminSession, Sandbox, launch


def _session(box: Sandbox) -> AdminSession:
    return AdminSession(box.admin_url, box.admin_key)


def test_state_file_keeps_config_across_restarts(tmp_path: Path) -> None:
    state = tmp_path / "state" / "sandbox.json"
    first = launch(tmp_path / "one", "--state-file", str(state))
    try:
        with _session(first) as admin:
            expect(admin.put("/routes/1", json={**ROUTE, "name": "kept"}), 201)
            expect(admin.put("/consumers", json={"username": "jack", "plugins": {"key-auth": {"key": "k-1"}}}), 201)
            before = expect(admin.get("/routes/1"), 200)
    finally:
        first.proc.stop()
    assert json.loads(state.read_text())  # a complete JSON document, not a torn write
    assert [p.name for p in state.parent.iterdir()] == ["sandbox.json"]  # no temp files left behind
    second = launch(tmp_path / "two", "--state-file", str(state))
    try:
        with _session(second) as admin:
            assert expect(admin.get("/routes/1"), 200) == before
            assert expect(admin.get("/consumers/jack"), 200)["value"]["plugins"]["key-auth"]["key"] == "k-1"
            expect(admin.put("/routes/2", json=ROUTE), 201)
            assert expect(admin.get("/routes/2"), 200)["createdIndex"] > before["modifiedIndex"]
            gateway = requests.get(f"{second.gateway_url}/hello", timeout=5)
            assert gateway.status_code != 404  # the restored route is live on the data plane
    finally:
        second.proc.stop()


def test_without_state_file_a_restart_forgets(tmp_path: Path) -> None:
    box = launch(tmp_path / "one")
    try:
        with _session(box) as admin:
            expect(admin.put("/routes/1", json=ROUTE), 201)
    finally:
        box.proc.stop()
    again = launch(tmp_path / "two")
    try:
        with _session(again) as admin:
            expect(admin.get("/routes"), 200, {"list": [], "total": 0})
    finally:
        again.proc.stop()
