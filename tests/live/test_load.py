"""Load with nothing lost: 32 concurrent clients write and read through apisix-gpt; every ack is kept."""

from __future__ import annotations

import random
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

import pytest
import requests

from tests.helpers.stack import Stack, start_stack

pytestmark = [pytest.mark.live, pytest.mark.slow]

CLIENTS = 32
LOAD_SECONDS = 12.0
OWN_IDS = 3  # distinct ids per client
SHARED_IDS = 4  # ids every client writes


@dataclass
class Write:
    """One write as the client saw it: what it sent, when, and whether apisix-gpt acknowledged it."""

    method: str
    route_id: str | None  # None for POST until the answer names it
    marker: str
    sent: float
    done: float = 0.0
    status: int | None = None

    @property
    def acked(self) -> bool:
        return self.status in (200, 201)


@dataclass
class Log:
    writes: list[Write] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    stale_reads: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Stack:
    s = start_stack(tmp_path_factory.mktemp("load"))
    yield s
    s.stop()


def route(marker: str, kind: str) -> dict:
    return {"uri": f"/load/{marker}", "labels": {"marker": marker, "kind": kind},
            "upstream": {"type": "roundrobin", "nodes": {"127.0.0.1:1980": 1}}}


def created_id(body: object) -> str | None:
    if isinstance(body, dict):
        value = body.get("value") if isinstance(body.get("value"), dict) else body
        rid = value.get("id") if isinstance(value, dict) else None
        return str(rid) if rid is not None else None
    return None


def marker_of(body: object) -> str | None:
    value = body.get("value") if isinstance(body, dict) else None
    labels = value.get("labels") if isinstance(value, dict) else None
    return labels.get("marker") if isinstance(labels, dict) else None


class Client(threading.Thread):
    """One client: a random mix of PUT (own and shared ids), POST, GET own id and list."""

    def __init__(self, n: int, stack: Stack, log: Log, stop_at: float) -> None:
        super().__init__(name=f"load-{n}")
        self.n, self.log, self.stop_at = n, log, stop_at
        self.base = f"{stack.api_url}/apisix/admin/routes"
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {stack.token}"
        self.rng = random.Random(n)
        self.count = 0
        self.last_acked: dict[str, str] = {}

    def run(self) -> None:
        while time.monotonic() < self.stop_at:
            roll = self.rng.random()
            try:
                if roll < 0.3:
                    self.write("PUT", f"own-{self.n}-{self.rng.randrange(OWN_IDS)}", "own")
                elif roll < 0.5:
                    self.write("PUT", f"shared-{self.rng.randrange(SHARED_IDS)}", "shared")
                elif roll < 0.6:
                    self.write("POST", None, "post")
                elif roll < 0.85:
                    self.read_own()
                else:
                    self.call("GET", self.base, params={"page_size": 10})
            except requests.RequestException as exc:
                with self.log.lock:
                    self.log.failures.append(f"{self.name}: {type(exc).__name__}: {exc}")

    def call(self, method: str, url: str, **kwargs: object) -> requests.Response:
        resp = self.session.request(method, url, timeout=15, **kwargs)
        with self.log.lock:
            self.log.statuses.append(resp.status_code)
        return resp

    def write(self, method: str, route_id: str | None, kind: str) -> None:
        self.count += 1
        w = Write(method, route_id, f"c{self.n}-w{self.count}", time.monotonic())
        with self.log.lock:
            self.log.writes.append(w)
        url = self.base if route_id is None else f"{self.base}/{route_id}"
        resp = self.call(method, url, json=route(w.marker, kind))
        w.done, w.status = time.monotonic(), resp.status_code
        if method == "POST" and w.acked:
            w.route_id = created_id(resp.json())
        if kind == "own" and w.acked:
            self.last_acked[route_id] = w.marker

    def read_own(self) -> None:
        if not self.last_acked:
            return
        route_id = self.rng.choice(sorted(self.last_acked))
        resp = self.call("GET", f"{self.base}/{route_id}")
        got = marker_of(resp.json()) if resp.status_code == 200 else None
        if got != self.last_acked[route_id]:
            with self.log.lock:
                self.log.stale_reads.append(f"{route_id}: read {got}, wrote {self.last_acked[route_id]}")


def run_load(stack: Stack) -> Log:
    log = Log()
    stop_at = time.monotonic() + LOAD_SECONDS
    clients = [Client(n, stack, log, stop_at) for n in range(CLIENTS)]
    for c in clients:
        c.start()
    for c in clients:
        c.join(LOAD_SECONDS + 30)
    assert not any(c.is_alive() for c in clients), "a client hung"
    return log


def sandbox_routes(stack: Stack) -> list[dict]:
    resp = requests.get(f"{stack.sandbox.admin_url}/apisix/admin/routes",
                        headers={"X-API-KEY": stack.sandbox.admin_key}, timeout=30)
    assert resp.status_code == 200, resp.text
    return [item["value"] for item in resp.json()["list"]]


@pytest.fixture(scope="module")
def outcome(stack: Stack) -> tuple[Log, list[dict]]:
    stack.reset()
    log = run_load(stack)
    return log, sandbox_routes(stack)


def test_no_5xx_no_transport_errors_and_real_volume(outcome: tuple[Log, list[dict]]) -> None:
    log, _ = outcome
    assert log.failures == []
    assert [s for s in log.statuses if s >= 500] == []
    assert len(log.writes) > CLIENTS * 5, "too little load to mean anything"
    assert sum(w.method == "POST" and w.acked for w in log.writes) > 0


def test_every_acked_write_to_an_own_id_is_stored_with_its_last_value(
        outcome: tuple[Log, list[dict]]) -> None:
    log, stored = outcome
    by_id = {r["id"]: r for r in stored}
    last: dict[str, Write] = {}
    for w in sorted((w for w in log.writes if w.acked and w.route_id and
                     w.route_id.startswith("own-")), key=lambda w: w.sent):
        last[w.route_id] = w
    assert last, "no acknowledged writes on own ids"
    wrong = {rid: (by_id.get(rid, {}).get("labels", {}).get("marker"), w.marker)
             for rid, w in last.items() if by_id.get(rid, {}).get("labels", {}).get("marker") != w.marker}
    assert wrong == {}, "stored vs last acknowledged marker"
    assert log.stale_reads == [], "a client did not read its own acknowledged write"


def test_shared_ids_hold_the_last_or_a_later_acked_write(outcome: tuple[Log, list[dict]]) -> None:
    log, stored = outcome
    by_id = {r["id"]: r for r in stored}
    writes: dict[str, list[Write]] = defaultdict(list)
    for w in log.writes:
        if w.acked and w.route_id and w.route_id.startswith("shared-"):
            writes[w.route_id].append(w)
    assert len(writes) == SHARED_IDS
    for rid, ws in writes.items():
        marker = by_id[rid]["labels"]["marker"]
        winner = next((w for w in ws if w.marker == marker), None)
        assert winner is not None, f"{rid} holds {marker}, which was never acknowledged"
        # No acknowledged write may have started after the stored one was acknowledged.
        overtaken = [w.marker for w in ws if w.sent > winner.done]
        assert overtaken == [], f"{rid} holds {marker} but later writes {overtaken} were lost"


def test_no_phantom_markers_and_no_duplicate_posts(outcome: tuple[Log, list[dict]]) -> None:
    log, stored = outcome
    sent = {w.marker for w in log.writes}
    unacked_posts = sum(w.method == "POST" and not w.acked for w in log.writes)
    markers = [r.get("labels", {}).get("marker") for r in stored]
    assert [m for m in markers if m not in sent] == [], "markers that were never sent"
    posts = [r for r in stored if r.get("labels", {}).get("kind") == "post"]
    acked = {w.marker: w.route_id for w in log.writes if w.method == "POST" and w.acked}
    post_markers = [r["labels"]["marker"] for r in posts]
    assert len(post_markers) == len(set(post_markers)), "a POST was applied twice"
    assert set(acked) <= set(post_markers), "an acknowledged POST is missing"
    assert len(posts) - len(acked) <= unacked_posts
    assert all(acked[r["labels"]["marker"]] == str(r["id"]) for r in posts
               if r["labels"]["marker"] in acked), "POST answered another id than it stored"
