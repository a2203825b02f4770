"""The audit trail: JSON lines, 0600 files, size rotation with backups, newest-first queries."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from apisix_gpt.safety.audit import AuditTrail


def entry(n: int, path: str = "/apisix/admin/routes/1") -> dict:
    return {"id": f"c{n}", "path": path, "resource": path, "status": 200, "pad": "x" * 100}


def test_append_writes_json_lines_and_undo_store_with_mode_0600(tmp_path: Path) -> None:
    trail = AuditTrail(tmp_path / "logs" / "audit.jsonl")
    trail.append(entry(1), {"id": "c1", "previous": {"secret": "plain"}})
    trail.append(entry(2))
    lines = (tmp_path / "logs" / "audit.jsonl").read_text().splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["c1", "c2"]
    assert trail.undo_path == tmp_path / "logs" / "audit.undo.jsonl"
    for path in (trail.path, trail.undo_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "plain" not in trail.path.read_text()


def test_rotation_keeps_backups_and_undo_records_follow(tmp_path: Path) -> None:
    trail = AuditTrail(tmp_path / "audit.jsonl", max_bytes=400, backups=2)
    for n in range(12):
        trail.append(entry(n), {"id": f"c{n}", "previous": n})
    assert trail.path.stat().st_size <= 400
    assert (tmp_path / "audit.jsonl.1").exists() and (tmp_path / "audit.jsonl.2").exists()
    assert not (tmp_path / "audit.jsonl.3").exists()
    assert (tmp_path / "audit.undo.jsonl.1").exists()
    kept = [e["id"] for e in trail.recent(100)]
    assert kept[0] == "c11" and "c0" not in kept and len(kept) < 12
    for change_id in kept:
        found, undo = trail.find(change_id)
        assert found is not None and undo is not None and undo["previous"] == int(change_id[1:])


def test_recent_limit_and_resource_filter(tmp_path: Path) -> None:
    trail = AuditTrail(tmp_path / "audit.jsonl")
    trail.append(entry(1, "/apisix/admin/routes/1"))
    trail.append(entry(2, "/apisix/admin/upstreams/1"))
    trail.append(entry(3, "/apisix/admin/routes/10"))
    assert [e["id"] for e in trail.recent(2)] == ["c3", "c2"]
    assert [e["id"] for e in trail.recent(20, "routes")] == ["c3", "c1"]
    assert [e["id"] for e in trail.recent(20, "routes/1")] == ["c1"]
    assert [e["id"] for e in trail.recent(20, "/apisix/admin/upstreams")] == ["c2"]
    assert trail.recent(20, "ssls") == []


def test_torn_lines_are_skipped_and_missing_files_are_empty(tmp_path: Path) -> None:
    trail = AuditTrail(tmp_path / "audit.jsonl")
    assert trail.recent() == [] and trail.find("x") == (None, None)
    trail.append(entry(1))
    with open(trail.path, "a") as fh:
        fh.write('{"id": "torn"')
    assert [e["id"] for e in trail.recent()] == ["c1"]
