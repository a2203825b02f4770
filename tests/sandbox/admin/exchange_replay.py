"""Replay APISIX 3.18's recorded Admin API exchanges against a sandbox, following the recording's README.

Per sequence: reset the sandbox, send the steps in order (captured ids substituted into paths, the key
per `auth`, `raw_body` sent verbatim), normalise each answer the recording's way (volatile fields
dropped, this server's POST-generated ids mapped to `<gen-N>`), and compare status and body.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import requests

from tests.helpers.procs import ROOT

EXCHANGES = ROOT.parent / "shared" / "testdata" / "apisix-3.18" / "exchanges.jsonl"
VOLATILE = frozenset(("create_time", "update_time", "createdIndex", "modifiedIndex", "create_revision",
                      "mod_revision", "revision", "raft_term"))
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)\}")


def load(path: Path = EXCHANGES) -> list[list[dict]]:
    """The exchanges grouped by sequence, in file order."""
    sequences: dict[str, list[dict]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                sequences.setdefault(row["sequence"], []).append(row)
    return list(sequences.values())


def strip_volatile(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: strip_volatile(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [strip_volatile(v) for v in value]
    return value


def replace_ids(value: Any, ids: dict[str, str]) -> Any:
    """This server's generated ids -> `<gen-N>`, as whole strings and inside keys/strings."""
    if not ids:
        return value
    if isinstance(value, dict):
        return {replace_ids(k, ids): replace_ids(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [replace_ids(v, ids) for v in value]
    if isinstance(value, str):
        for real, gen in ids.items():
            if real in value:
                value = value.replace(real, gen)
    return value


@dataclass
class Outcome:
    """One replayed step: what APISIX answered and what the sandbox answered (both normalised)."""

    id: str
    method: str
    path: str
    expected_status: int
    status: int
    expected_body: Any
    body: Any
    same_status: bool
    same_body: bool

    @property
    def same(self) -> bool:
        return self.same_status and self.same_body


@dataclass
class Replayer:
    """Replays sequences on one keep-alive session against `admin_url` with `admin_key`."""

    admin_url: str
    admin_key: str
    session: requests.Session = field(default_factory=requests.Session)

    def reset(self) -> None:
        resp = self.session.post(f"{self.admin_url}/__sandbox/reset",
                                 headers={"X-API-KEY": self.admin_key}, timeout=10)
        resp.raise_for_status()

    def run(self, sequence: list[dict]) -> Iterator[Outcome]:
        self.reset()
        captures: dict[str, str] = {}
        generated: dict[str, str] = {}
        for row in sequence:
            path = PLACEHOLDER.sub(lambda m: captures.get(m.group(1), m.group(0)), row["path"])
            resp = self._send(row, path)
            body = self._parse(resp)
            if isinstance(body, dict) and isinstance(body.get("value"), dict):
                new_id = body["value"].get("id")
                if row["method"] == "POST" and isinstance(new_id, str) and resp.status_code < 300 \
                        and not (isinstance(row.get("body"), dict) and "id" in row["body"]):
                    generated.setdefault(new_id, f"<gen-{len(generated)}>")
                if row.get("capture") and new_id is not None:
                    captures[row["capture"]] = str(new_id)
            yield self._compare(row, path, resp.status_code, body, generated)

    def _send(self, row: dict, path: str) -> requests.Response:
        headers: dict[str, str] = {}
        auth = row.get("auth")
        if auth is None:
            headers["X-API-KEY"] = self.admin_key
        elif auth == "wrong":
            headers["X-API-KEY"] = "wrong-key"
        data: bytes | None = None
        if "raw_body" in row:
            data = row["raw_body"].encode()
        elif row.get("body") is not None:
            data = json.dumps(row["body"]).encode()
        if data is not None:
            headers["Content-Type"] = "application/json"
        return self.session.request(row["method"], f"{self.admin_url}/apisix/admin{path}",
                                    params=row.get("query") or None, data=data, headers=headers,
                                    timeout=30)

    @staticmethod
    def _parse(resp: requests.Response) -> Any:
        if not resp.content:
            return None
        try:
            return resp.json()
        except ValueError:
            return resp.text

    @staticmethod
    def _compare(row: dict, path: str, status: int, body: Any, generated: dict[str, str]) -> Outcome:
        expected = row.get("expected_body")
        got = replace_ids(strip_volatile(body), generated)
        if row["expected_status"] >= 500:
            same_body = True  # APISIX's Lua errors: the status is the part to match (README)
        elif row.get("expected_body_is_text"):
            same_body = isinstance(body, str) and body == expected
        else:
            same_body = got == expected
        return Outcome(f"{row['sequence']}/{row['step']}", row["method"], path, row["expected_status"],
                       status, expected, got, status == row["expected_status"], same_body)
