"""Shared runner for the fidelity cases: APISIX `t()`-style subset compare over a `--no-admin-key` sandbox."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Iterator

import pytest
import requests

from tests.sandbox.conftest import Sandbox, launch

from tests.helpers.procs import CERTS  # noqa: E402  (APISIX test certificates)
UPSTREAM = {"nodes": {"127.0.0.1:8080": 1}, "type": "roundrobin"}


@dataclass(frozen=True)
class Step:
    """One Admin API request and what APISIX's test expects back.

    `mode`: "subset" (expected JSON is a subset, like `t()`), "exact" (whole JSON body equal, like a
    `response_body` block), "like" (regex search on the raw body) or "text" (raw body equal).
    """

    method: str
    path: str
    body: Any = None
    status: int | None = None
    expect: Any = None
    mode: str = "subset"


def put(path: str, body: Any, status: int | None = None, expect: Any = None, mode: str = "subset") -> Step:
    return Step("PUT", path, body, status, expect, mode)


def err(method: str, path: str, body: Any, status: int, message: str) -> Step:
    """A request whose whole body must be `{"error_msg": message}`."""
    return Step(method, path, body, status, {"error_msg": message}, "exact")


def like(method: str, path: str, body: Any, status: int, pattern: str) -> Step:
    return Step(method, path, body, status, pattern, "like")


def subset_mismatch(expected: Any, actual: Any, where: str = "") -> str | None:
    """APISIX `com_tab`: every key (or list index) in `expected` must match in `actual`; None if it does."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"{where or '/'}: expected object, got {actual!r}"
        items = expected.items()
    elif isinstance(expected, list):
        if not isinstance(actual, list):
            return f"{where or '/'}: expected array, got {actual!r}"
        items = enumerate(expected)
    else:
        return None if expected == actual else f"{where or '/'}: expected {expected!r}, got {actual!r}"
    for key, value in items:
        try:
            sub = actual[key]
        except (KeyError, IndexError):
            return f"{where}/{key}: missing"
        problem = subset_mismatch(value, sub, f"{where}/{key}")
        if problem:
            return problem
    return None


def send(box: Sandbox, step: Step) -> requests.Response:
    url = f"{box.admin_url}/apisix/admin{step.path}" if step.path.startswith("/") else step.path
    kwargs: dict[str, Any] = {"timeout": 10}
    if isinstance(step.body, str):
        kwargs["data"] = step.body.encode()
    elif step.body is not None:
        kwargs["data"] = json.dumps(step.body).encode()
    return requests.request(step.method, url, **kwargs)


def check(step: Step, resp: requests.Response) -> None:
    label = f"{step.method} {step.path}"
    if step.status is not None:
        assert resp.status_code == step.status, f"{label}: status {resp.status_code} {resp.text[:400]}"
    if step.expect is None:
        return
    if step.mode == "like":
        assert re.search(step.expect, resp.text), f"{label}: {resp.text[:400]!r} !~ {step.expect!r}"
    elif step.mode == "text":
        assert resp.text == step.expect, f"{label}: {resp.text[:400]!r}"
    elif step.mode == "exact":
        assert resp.json() == step.expect, f"{label}: {resp.text[:400]}"
    else:
        problem = subset_mismatch(step.expect, resp.json())
        assert problem is None, f"{label}: {problem}\n{resp.text[:600]}"


def run_case(box: Sandbox, steps: list[Step]) -> None:
    """Reset the sandbox, then send every step in order and check each one."""
    box.reset()
    for step in steps:
        check(step, send(box, step))


def params(cases: dict[str, list[Step]]) -> list[Any]:
    return [pytest.param(steps, id=name) for name, steps in cases.items()]


def cert(name: str) -> str:
    return (CERTS / name).read_text()


@pytest.fixture(scope="session")
def box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    """A sandbox with `admin_key_required: false`, as in APISIX's own test harness."""
    running = launch(tmp_path_factory.mktemp("fidelity"), "--no-admin-key", admin_key=None, viewer_key=None)
    yield running
    running.proc.stop()
