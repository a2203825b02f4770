"""Admin API faults: killed mid-run, closing connections, frozen, restarted; always a prompt problem+json."""

from __future__ import annotations

import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.helpers.procs import Proc, http_ok, start
from tests.helpers.stack import Stack, start_stack

pytestmark = pytest.mark.live

CONNECT_TIMEOUT, READ_TIMEOUT = 0.5, 1.5
# An answer must come within one connect + one read timeout (one GET retry), plus scheduling slack.
DEADLINE = 2 * (CONNECT_TIMEOUT + READ_TIMEOUT) + 1.0
GATEWAY_ERRORS = (502, 503, 504)
ROUTE = {"uri": "/faults", "upstream": {"type": "roundrobin", "nodes": {"127.0.0.1:1980": 1}}}


@dataclass
class Outcome:
    started: float
    elapsed: float
    status: int
    content_type: str
    body: object


def short_timeouts_stack(tmp_path: Path) -> Stack:
    return start_stack(tmp_path, APISIX_GPT_CONNECT_TIMEOUT=str(CONNECT_TIMEOUT),
                       APISIX_GPT_READ_TIMEOUT=str(READ_TIMEOUT))


@pytest.fixture
def stack(tmp_path: Path) -> Stack:
    """A stack of its own, for tests that kill the sandbox."""
    s = short_timeouts_stack(tmp_path)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Stack:
    """One stack for the tests that put the sandbox back as they found it."""
    s = short_timeouts_stack(tmp_path_factory.mktemp("faults"))
    yield s
    s.stop()


def call(stack: Stack, method: str, route_id: str = "f1", **kwargs: object) -> Outcome:
    began = time.monotonic()
    resp = requests.request(method, f"{stack.api_url}/apisix/admin/routes/{route_id}",
                            headers={"Authorization": f"Bearer {stack.token}"},
                            timeout=DEADLINE + 5, **kwargs)
    try:
        body = resp.json()
    except ValueError:
        body = resp.text
    return Outcome(began, time.monotonic() - began, resp.status_code,
                   resp.headers.get("content-type", ""), body)


def assert_problem(out: Outcome, statuses: tuple[int, ...] = GATEWAY_ERRORS) -> None:
    assert out.status in statuses, out
    assert out.content_type.startswith("application/problem+json"), out
    assert isinstance(out.body, dict) and out.body.get("status") == out.status, out
    assert out.body.get("title") and out.body.get("detail"), out
    assert out.elapsed < DEADLINE, f"took {out.elapsed:.2f}s"


def put(stack: Stack, route_id: str = "f1") -> Outcome:
    return call(stack, "PUT", route_id, json=ROUTE)


def hammer(stack: Stack, seconds: float, threads: int = 8) -> list[Outcome]:
    """`threads` clients alternating PUT and GET on their own ids for `seconds`."""
    outcomes: list[Outcome] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(n: int) -> None:
        i = 0
        while time.monotonic() < stop_at:
            out = put(stack, f"f{n}") if i % 2 == 0 else call(stack, "GET", f"f{n}")
            with lock:
                outcomes.append(out)
            i += 1

    workers = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(seconds + DEADLINE + 10)
    assert not any(w.is_alive() for w in workers), "a request hung"
    return outcomes


def restart_sandbox(stack: Stack, log_path: Path) -> Proc:
    """Start a new sandbox with the argv (same ports, same key) of the one that died."""
    args = list(stack.sandbox.proc.popen.args)
    url = f"{stack.sandbox.admin_url}/apisix/admin"
    proc = start(args, log_path, ready=http_ok(url, "HEAD"))
    stack.sandbox.proc = proc  # so stack.stop() stops the new one
    return proc


def test_sandbox_killed_mid_run_gives_prompt_problems(stack: Stack) -> None:
    killed: list[float] = []

    def kill_later() -> None:
        time.sleep(1.0)
        killed.append(time.monotonic())
        stack.sandbox.proc.popen.send_signal(signal.SIGKILL)

    killer = threading.Thread(target=kill_later)
    killer.start()
    outcomes = hammer(stack, 3.0)
    killer.join()
    assert any(o.status in (200, 201) for o in outcomes), "no success before the kill"
    after = [o for o in outcomes if o.started > killed[0] + 0.1]
    assert after, "no request after the kill"
    for out in outcomes:
        if out.status not in (200, 201):
            assert_problem(out, (502,))
    assert all(o.status == 502 for o in after), [o.status for o in after]
    assert max(o.elapsed for o in outcomes) < DEADLINE


def test_admin_api_closing_connections_gives_502_then_recovers(shared: Stack) -> None:
    assert put(shared, "close").status == 201
    faults = f"{shared.sandbox.admin_url}/__sandbox/faults"
    key = {"X-API-KEY": shared.sandbox.admin_key}
    assert requests.put(faults, json={"mode": "close"}, headers=key, timeout=5).ok
    try:
        for out in (call(shared, "GET", "close"), call(shared, "GET", "missing")):
            assert_problem(out, (502,))
        write = put(shared, "close")
        assert_problem(write, (502,))
        assert "may or may not have been applied" in write.body["detail"]
    finally:
        requests.delete(faults, headers=key, timeout=5)
    assert call(shared, "GET", "close").status == 200
    assert put(shared, "close").status == 200


def test_frozen_admin_api_gives_504_within_read_timeout(shared: Stack) -> None:
    assert put(shared, "frozen").status == 201
    popen = shared.sandbox.proc.popen
    popen.send_signal(signal.SIGSTOP)
    try:
        out = call(shared, "GET", "frozen")
        assert_problem(out, (504,))
        assert out.elapsed >= READ_TIMEOUT * 0.9
    finally:
        popen.send_signal(signal.SIGCONT)
    assert call(shared, "GET", "frozen").status == 200


def test_sandbox_restart_on_same_ports_recovers_without_restarting_apisix_gpt(
        stack: Stack, tmp_path: Path) -> None:
    assert put(stack).status == 201
    assert stack.api is not None
    gpt_pid = stack.api.popen.pid
    stack.sandbox.proc.popen.send_signal(signal.SIGKILL)
    stack.sandbox.proc.popen.wait(5)
    assert_problem(call(stack, "GET"), (502,))
    write = put(stack)
    assert_problem(write, (502,))
    assert "was not sent" in write.body["detail"]
    restart_sandbox(stack, tmp_path / "sandbox-restarted.log")
    # The restarted sandbox is empty: the first call after it is back must be an honest answer.
    first = call(stack, "GET")
    assert first.status == 404 and first.elapsed < DEADLINE, first
    assert put(stack).status == 201
    assert call(stack, "GET").status == 200
    assert stack.api.popen.poll() is None and stack.api.popen.pid == gpt_pid, "apisix-gpt restarted"
