"""The audit trail: one JSON line per write, rotated by size, with a 0600 undo store beside it."""

from __future__ import annotations

import fcntl
import json
import os
import threading
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from config.settings import Settings

FILE_MODE = 0o600


def new_change_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class AuditTrail:
    """Appends redacted entries to `path` and raw previous values to the undo store; rotates both together."""

    def __init__(self, path: Path, max_bytes: int = 10 * 1024 * 1024, backups: int = 5) -> None:
        self.path = Path(path)
        self.undo_path = self.path.with_name(self.path.stem + ".undo" + (self.path.suffix or ".jsonl"))
        self.max_bytes, self.backups = max_bytes, max(backups, 0)
        self._thread_lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> "AuditTrail":
        return cls(settings.audit_log, settings.audit_max_bytes, settings.audit_backups)

    def append(self, entry: dict[str, Any], undo: dict[str, Any] | None = None) -> None:
        """Write one entry (and its undo record); rotate first when the log would exceed max_bytes."""
        line = (json.dumps(entry, separators=(",", ":"), default=str) + "\n").encode()
        with self._locked():
            if self.max_bytes > 0 and _size(self.path) and _size(self.path) + len(line) > self.max_bytes:
                self._rotate()
            _append(self.path, line)
            if undo is not None:
                _append(self.undo_path, (json.dumps(undo, separators=(",", ":"), default=str) + "\n").encode())

    def recent(self, limit: int = 20, resource: str | None = None) -> list[dict[str, Any]]:
        """Newest first, at most `limit`, optionally only changes to `resource` (e.g. `routes` or `routes/1`)."""
        found: list[dict[str, Any]] = []
        for entry in _read_newest_first(self._files(self.path)):
            if resource is None or _concerns(entry, resource):
                found.append(entry)
                if len(found) >= limit:
                    break
        return found

    def find(self, change_id: str) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """The entry and the undo record of one change (either may be None)."""
        entry = next((e for e in _read_newest_first(self._files(self.path)) if e.get("id") == change_id), None)
        undo = next((u for u in _read_newest_first(self._files(self.undo_path)) if u.get("id") == change_id), None)
        return entry, undo

    def _files(self, base: Path) -> list[Path]:
        return [base] + [_backup(base, n) for n in range(1, self.backups + 1)]

    def _rotate(self) -> None:
        for base in (self.path, self.undo_path):
            if self.backups == 0:
                base.unlink(missing_ok=True)
                continue
            for n in range(self.backups - 1, 0, -1):
                if _backup(base, n).exists():
                    os.replace(_backup(base, n), _backup(base, n + 1))
            if base.exists():
                os.replace(base, _backup(base, 1))

    @contextmanager
    def _locked(self) -> Iterator[None]:
        # The thread lock covers one process; flock covers several gunicorn workers.
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with self._thread_lock:
            fd = os.open(self.path.with_name(self.path.name + ".lock"), os.O_RDWR | os.O_CREAT, FILE_MODE)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                yield
            finally:
                os.close(fd)


def _backup(base: Path, n: int) -> Path:
    return base.with_name(f"{base.name}.{n}")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _append(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


def _read_newest_first(files: list[Path]) -> Iterator[dict[str, Any]]:
    for path in files:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            continue
        for line in reversed(lines):
            try:
                item = json.loads(line)
            except ValueError:
                continue  # a torn line from a crash must not hide the rest
            if isinstance(item, dict):
                yield item


def _concerns(entry: dict[str, Any], resource: str) -> bool:
    wanted = resource.strip("/")
    wanted = wanted[len("apisix/admin/"):] if wanted.startswith("apisix/admin/") else wanted
    for field in ("resource", "path"):
        value = str(entry.get(field) or "").split("?")[0]
        short = value[len("/apisix/admin/"):] if value.startswith("/apisix/admin/") else value.strip("/")
        if short == wanted or short.startswith(wanted + "/"):
            return True
    return False


_configured: AuditTrail | None = None


def configure(settings: Settings) -> AuditTrail:
    global _configured
    _configured = AuditTrail.from_settings(settings)
    return _configured


def trail() -> AuditTrail:
    """The trail `install()` configured, else one built from the environment."""
    return _configured if _configured is not None else AuditTrail.from_settings(Settings.from_env())
