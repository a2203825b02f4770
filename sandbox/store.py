"""An etcd-like key-value store: revisions that only grow, leases (ttl), prefix listing, snapshots."""

from __future__ import annotations

import copy
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Directories that `apisix init_etcd` creates; their presence is why an empty list is
# `{"list":[],"total":0}` and not 404 (reference §9). Credentials have no placeholder.
INIT_DIRS: tuple[str, ...] = (
    "routes", "upstreams", "services", "plugins", "consumers", "ssls", "global_rules",
    "plugin_configs", "consumer_groups", "plugin_metadata", "stream_routes", "protos",
    "secrets",
)


@dataclass
class Entry:
    """One stored key, with etcd's create and mod revisions and an optional lease expiry."""

    key: str
    value: Any
    created_index: int
    modified_index: int
    expires_at: float | None = None
    version: int = 1  # etcd's per-key version: 1 on create, +1 per write

    def envelope(self) -> dict[str, Any]:
        """The v3 Admin API item shape: key, value, createdIndex, modifiedIndex."""
        return {
            "key": self.key,
            "value": copy.deepcopy(self.value),
            "createdIndex": self.created_index,
            "modifiedIndex": self.modified_index,
        }


@dataclass
class Store:
    """In-memory store keyed by full etcd key (`/apisix/routes/1`).

    Callers run on one event loop, so no locking is needed. `revision` only grows,
    including across `reset()`, as etcd's does.
    """

    prefix: str = "/apisix"
    state_file: Path | None = None
    _data: dict[str, Entry] = field(default_factory=dict)
    _revision: int = 0
    resets: int = 0

    def __post_init__(self) -> None:
        if self.state_file and self.state_file.exists():
            self._load()
        else:
            self.reset()

    @property
    def revision(self) -> int:
        return self._revision

    def reset(self) -> None:
        """Forget everything but the revision, then recreate the init_etcd directories."""
        self.resets += 1  # lets per-process state elsewhere (the gateway's counters) start afresh too
        self._data.clear()
        for name in INIT_DIRS:
            self._bump()
            key = f"{self.prefix}/{name}/"
            self._data[key] = Entry(key, "init_dir", self._revision, self._revision)
        self._persist()

    def _bump(self) -> int:
        self._revision += 1
        return self._revision

    def _expire(self) -> None:
        now = time.time()
        dead = [k for k, e in self._data.items() if e.expires_at is not None and e.expires_at <= now]
        for key in dead:
            del self._data[key]
        if dead:
            self._bump()

    def get(self, key: str) -> Entry | None:
        self._expire()
        return self._data.get(key)

    def put(self, key: str, value: Any, ttl: float | None = None) -> tuple[Entry, Entry | None]:
        """Write `value`; return the new entry and the previous one (None when created)."""
        self._expire()
        prev = self._data.get(key)
        rev = self._bump()
        created = prev.created_index if prev else rev
        expires = time.time() + ttl if ttl is not None else None
        entry = Entry(key, copy.deepcopy(value), created, rev, expires, prev.version + 1 if prev else 1)
        self._data[key] = entry
        self._persist()
        return entry, prev

    def delete(self, key: str) -> Entry | None:
        self._expire()
        prev = self._data.pop(key, None)
        if prev is not None:
            self._bump()
            self._persist()
        return prev

    def delete_prefix(self, prefix: str) -> int:
        keys = [k for k in self._data if k.startswith(prefix)]
        for key in keys:
            del self._data[key]
        if keys:
            self._bump()
            self._persist()
        return len(keys)

    def has_dir(self, dir_key: str) -> bool:
        """True if any key (placeholder or item) lives under `dir_key` (ends with '/')."""
        self._expire()
        return any(k.startswith(dir_key) for k in self._data)

    def children(self, dir_key: str, *, direct: bool = True) -> list[Entry]:
        """Items under `dir_key` (ends with '/'), placeholder excluded, by createdIndex."""
        self._expire()
        items = []
        for key, entry in self._data.items():
            if not key.startswith(dir_key) or key == dir_key:
                continue
            rest = key[len(dir_key):]
            if direct and "/" in rest:
                continue
            items.append(entry)
        return sorted(items, key=lambda e: e.created_index)

    def range_prefix(self, prefix: str) -> list[Entry]:
        """etcd's range read of `prefix` (a plain string prefix, as readdir sends it), by key bytes."""
        self._expire()
        return sorted((e for k, e in self._data.items() if k.startswith(prefix)),
                      key=lambda e: e.key.encode())

    def next_id(self) -> str:
        """POST ids: APISIX writes `/apisix/gen_id` and formats the revision as %020d."""
        self._expire()
        rev = self._bump()
        key = f"{self.prefix}/gen_id"
        self._data[key] = Entry(key, rev, rev, rev)
        return f"{rev:020d}"

    def _persist(self) -> None:
        if not self.state_file:
            return
        state = {
            "revision": self._revision,
            "entries": [vars(e) for e in self._data.values()],
        }
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.state_file.parent, prefix=".state-")
        with os.fdopen(fd, "w") as fh:
            json.dump(state, fh)
        os.replace(tmp, self.state_file)  # atomic: a crash leaves the old file or the new one

    def _load(self) -> None:
        assert self.state_file is not None
        state = json.loads(self.state_file.read_text())
        self._revision = int(state["revision"])
        self._data = {e["key"]: Entry(**e) for e in state["entries"]}
