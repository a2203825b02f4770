"""Transport faults through the live stack: stopped Admin API → 502, slow → 504, garbage → 502."""

from __future__ import annotations

import time
from typing import Iterator

import pytest
import requests

from tests.helpers.stack import Stack, start_stack

pytestmark = pytest.mark.live
CONNECT, READ = 1.0, 1.0


@pytest.fixture(scope="module")
def private(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A stack of this module's own with short timeouts (the last test stops its sandbox)."""
    running = start_stack(tmp_path_factory.mktemp("faults"), APISIX_GPT_CONNECT_TIMEOUT=str(CONNECT),
                          APISIX_GPT_READ_TIMEOUT=str(READ))
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture()
def tight(private: Stack) -> Iterator[Stack]:
    yield private
    if private.sandbox.proc.popen.poll() is None:
        private.sandbox.admin().delete(f"{private.sandbox.admin_url}/__sandbox/faults", timeout=5)


def set_faults(stack: Stack, **faults: object) -> None:
    stack.sandbox.admin().put(f"{stack.sandbox.admin_url}/__sandbox/faults", json=faults,
                              timeout=5).raise_for_status()


def timed(call: "requests.Session", method: str, url: str, **kwargs: object) -> tuple[requests.Response, float]:
    started = time.monotonic()
    answer = call.request(method, url, timeout=15, **kwargs)  # type: ignore[arg-type]
    return answer, time.monotonic() - started


def test_slow_admin_api_is_a_504_within_the_read_timeout(tight: Stack) -> None:
    set_faults(tight, delay=READ + 2)
    answer, took = timed(tight.session(), "GET", f"{tight.api_url}/apisix/admin/routes/1")
    assert answer.status_code == 504 and answer.headers["content-type"] == "application/problem+json"
    assert took < READ + 1.5
    write, _ = timed(tight.session(), "PUT", f"{tight.api_url}/apisix/admin/upstreams/u1",
                     json={"nodes": {"127.0.0.1:1": 1}})
    assert write.status_code == 504 and "may or may not have been applied" in write.json()["detail"]


def test_garbage_is_a_502(tight: Stack) -> None:
    set_faults(tight, mode="garbage")
    answer, _ = timed(tight.session(), "GET", f"{tight.api_url}/apisix/admin/routes/1")
    assert answer.status_code == 502 and answer.json()["status"] == 502
    set_faults(tight, mode="close")
    closed, _ = timed(tight.session(), "GET", f"{tight.api_url}/apisix/admin/routes/1")
    assert closed.status_code == 502


# Last in the file on purpose: it stops the module stack's sandbox.
def test_stopped_admin_api_is_a_502_within_the_connect_timeout(tight: Stack) -> None:
    tight.sandbox.stop()
    answer, took = timed(tight.session(), "PUT", f"{tight.api_url}/apisix/admin/routes/1",
                         json={"uri": "/x", "upstream_id": "1"})
    assert answer.status_code == 502 and took < CONNECT + 1
    assert "not sent" in answer.json()["detail"]
    assert requests.get(f"{tight.api_url}/readyz", timeout=5).status_code == 503
