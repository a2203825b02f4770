"""Replay APISIX 3.18's recorded gateway scenarios (`dataplane.jsonl`) against the sandbox.

Follows the recording's README: per scenario reset the store, send the admin calls, then each
request on a new connection with exactly the recorded headers and body. Answers are normalised the
way the recording was (gateway port, request-id formats) and compared field by field; the result of
each request is the set of differing fields, e.g. `status`, `upstream.header.content-length`.
"""

from __future__ import annotations

import http.client
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

REPO = Path(__file__).resolve().parents[3]
RECORDING = REPO.parent / "shared" / "testdata" / "apisix-3.18" / "dataplane.jsonl"
CLIENT_UA = "dp-holdout/1"  # the recorder's client always sent this User-Agent
# Headers the recording leaves out of `expected.headers` (and the upstream's date/connection).
SKIP_RESPONSE = {"date", "connection", "content-length", "transfer-encoding", "keep-alive"}
SKIP_UPSTREAM = {"date", "connection"}
# Documented artefacts of the recorded instance: compare presence only, not the value.
PRESENCE_ONLY = {"x-ratelimit-remaining", "x-ratelimit-reset"}
FORMATS = [("<uuid>", re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")),
           ("<hex32>", re.compile(r"[0-9a-f]{32}")),
           ("<nanoid>", re.compile(r"[A-Za-z0-9_-]{21}"))]
ECHO_KEYS = {"server", "method", "path", "query", "headers", "body"}


def load() -> list[dict[str, Any]]:
    return [json.loads(line) for line in RECORDING.read_text().splitlines() if line.strip()]


def id_format(value: str, client_value: str | None) -> str:
    """The recording's placeholder for a request-id style value."""
    if client_value is not None and value == client_value:
        return "<client-value>"
    for name, pattern in FORMATS:
        if pattern.fullmatch(value):
            return name
    return f"<other:{len(value)}>"


def nginx_page(text: str) -> str:
    """An nginx error page up to its footer: the recorded footer reads `nginx`, ours `openresty`."""
    return text.split("<hr><center>", 1)[0] if text.startswith("<html>") else text


@dataclass
class Answer:
    """What the gateway answered one request with, in the recording's terms."""

    status: int
    headers: dict[str, str]
    body: bytes
    upstream: dict[str, Any] | None
    route: str | None


def send(port: int, req: dict[str, Any]) -> Answer:
    """One request on a fresh connection, with only the recorded headers (plus the recorder's UA)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        conn.putrequest(req["method"], req["path"], skip_host=True, skip_accept_encoding=True)
        names = {name.lower() for name in req["headers"]}
        for name, value in req["headers"].items():
            conn.putheader(name, value)
        if "user-agent" not in names:
            conn.putheader("User-Agent", CLIENT_UA)
        body = req["body"].encode() if req["body"] is not None else None
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        resp = conn.getresponse()
        raw = resp.read()
        headers: dict[str, str] = {}
        for name, value in resp.getheaders():
            key = name.lower()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
    finally:
        conn.close()
    upstream = None
    try:
        parsed = json.loads(raw) if raw else None
        if isinstance(parsed, dict) and set(parsed) == ECHO_KEYS:
            upstream = parsed
    except ValueError:
        pass
    route = (upstream or {}).get("headers", {}).get("x-route") or headers.get("x-route-id")
    return Answer(resp.status, headers, raw, upstream, route)


def _norm_value(name: str, value: str, expected: Any, gw_port: int,
                client: dict[str, str]) -> str:
    if isinstance(expected, str) and re.fullmatch(r"<(uuid|hex32|nanoid|client-value|other:\d+)>",
                                                  expected):
        return id_format(value, client.get(name))
    return value.replace(str(gw_port), "{GW_PORT}")


def _diff_headers(prefix: str, want: dict[str, Any], got: dict[str, str], skip: set[str],
                  gw_port: int, client: dict[str, str], status: int) -> list[str]:
    out = []
    for name in sorted((set(want) | set(got)) - skip):
        if name not in want or name not in got:
            out.append(f"{prefix}{name}")
        elif name in PRESENCE_ONLY:
            continue
        elif name == "server" and want[name] == "nginx" and status == 400:
            continue  # answered before APISIX runs: the recorded build's nginx says `nginx`
        elif _norm_value(name, got[name], want[name], gw_port, client) != want[name]:
            out.append(f"{prefix}{name}")
    return out


def diff(req: dict[str, Any], got: Answer, gw_port: int, same_pick: bool = True) -> list[str]:
    """Fields where `got` differs from the recorded answer (empty: same in every detail)."""
    want = req["expected"]
    client = {k.lower(): v for k, v in req["headers"].items()}
    out: list[str] = []
    if got.status != want["status"]:
        out.append("status")
    if got.route != want.get("route"):
        out.append("route")
    out += _diff_headers("header.", want["headers"], got.headers, SKIP_RESPONSE, gw_port, client,
                         want["status"])
    exp_up = want.get("upstream")
    if (exp_up is None) != (got.upstream is None):
        out.append("upstream")
    elif exp_up is not None and got.upstream is not None:
        fields = ("server", "method", "path", "query", "body") if same_pick else ("method", "body")
        out += [f"upstream.{f}" for f in fields if str(got.upstream[f]) != str(exp_up[f])]
        out += _diff_headers("upstream.header.", exp_up["headers"], got.upstream["headers"],
                             SKIP_UPSTREAM, gw_port, client, want["status"])
    if exp_up is None and got.upstream is None and "body" in want:
        out += _diff_body(want, got)
    return out


def _diff_body(want: dict[str, Any], got: Answer) -> list[str]:
    text = got.body.decode("utf-8", errors="replace")
    if want.get("body_is_json"):
        if want["body"] is None:
            return [] if not got.body else ["body"]
        try:
            return [] if json.loads(text) == want["body"] else ["body"]
        except ValueError:
            return ["body"]
    return [] if nginx_page(text) == nginx_page(str(want["body"])) else ["body"]


@dataclass
class Outcome:
    """One request's comparison: differing fields and whether route/status agree."""

    scenario: str
    index: int
    tag: str | None
    fields: list[str]
    same_route: bool
    same_status: bool

    @property
    def key(self) -> str:
        return f"{self.scenario}#{self.index}"


@dataclass
class ScenarioRun:
    outcomes: list[Outcome] = field(default_factory=list)
    admin_errors: list[str] = field(default_factory=list)


def _pick(req: dict[str, Any], got: Answer | None = None) -> tuple[int, str | None]:
    if got is None:
        up = req["expected"].get("upstream")
        return req["expected"]["status"], up["server"] if up else None
    return got.status, got.upstream["server"] if got.upstream else None


def _compare_group(scenario: str, items: list[tuple[int, dict[str, Any], Answer]],
                   gw_port: int) -> list[Outcome]:
    """`lb:` groups: the multiset of (status, upstream server) counts, not the order. Each answer
    is paired with a recorded one of the same pick (same index first) for the other details."""
    free = [i for i, _, _ in items]
    by_index = {i: (req, got) for i, req, got in items}
    pairs: dict[int, int] = {}
    for i, req, got in items:
        if _pick(req, got) == _pick(req):
            pairs[i] = i
            free.remove(i)
    for i, _, got in items:
        if i in pairs:
            continue
        match = next((j for j in free if _pick(by_index[j][0]) == _pick(by_index[j][0], got)), None)
        if match is not None:
            pairs[i] = match
            free.remove(match)
    out = []
    for i, req, got in items:
        if i not in pairs:
            out.append(Outcome(scenario, i, req.get("tag"), ["lb.pick"], False, False))
            continue
        j = pairs[i]
        fields = diff(by_index[j][0], got, gw_port, same_pick=(i == j))
        if i != j:  # a different request of the group: its path and route header are its own
            fields = [f for f in fields if f not in ("route",)]
        out.append(Outcome(scenario, i, req.get("tag"), fields, "route" not in fields,
                           "status" not in fields))
    return out


def run_scenario(scenario: dict[str, Any], admin_url: str, admin_key: str,
                 gw_port: int) -> ScenarioRun:
    run = ScenarioRun()
    session = requests.Session()
    session.headers["X-API-KEY"] = admin_key
    reset = session.post(f"{admin_url}/__sandbox/reset", timeout=10)
    assert reset.status_code == 200, reset.text
    for call in scenario["admin"]:
        resp = session.request(call["method"], f"{admin_url}/apisix/admin{call['path']}",
                               json=call["body"], timeout=10)
        if resp.status_code != call["expected_status"]:
            run.admin_errors.append(f"{call['method']} {call['path']}: {resp.status_code} "
                                    f"{resp.text.strip()[:200]}")
    session.close()
    groups: dict[str, list[tuple[int, dict[str, Any], Answer]]] = {}
    for index, req in enumerate(scenario["requests"]):
        got = send(gw_port, req)
        tag = req.get("tag") or ""
        if tag.startswith("lb:"):
            groups.setdefault(tag, []).append((index, req, got))
            continue
        fields = diff(req, got, gw_port)
        run.outcomes.append(Outcome(scenario["scenario"], index, req.get("tag"), fields,
                                    "route" not in fields, "status" not in fields))
    for items in groups.values():
        run.outcomes += _compare_group(scenario["scenario"], items, gw_port)
    if run.admin_errors:  # a refused configuration makes every answer of the scenario suspect
        for outcome in run.outcomes:
            outcome.fields = sorted(set(outcome.fields) | {"admin"})
    run.outcomes.sort(key=lambda o: o.index)
    return run


def figures(outcomes: list[Outcome]) -> dict[str, float]:
    total = len(outcomes) or 1
    return {"requests": len(outcomes), "exact": sum(not o.fields for o in outcomes),
            "same_route_pct": 100 * sum(o.same_route for o in outcomes) / total,
            "same_status_pct": 100 * sum(o.same_status for o in outcomes) / total,
            "same_everything_pct": 100 * sum(not o.fields for o in outcomes) / total}


def field_counts(outcomes: list[Outcome]) -> Counter[str]:
    return Counter(f for o in outcomes for f in o.fields)
