"""APISIX `t/`-style Admin API cases: steps, the `t()`-style subset check and the runner.

Case modules (`test_apisix_*_cases.py`) hold APISIX's own test cases as lists of `Step`s; `run_case`
replays one over the `box` fixture (a `--no-admin-key` sandbox, see conftest.py). `Probe` steps add
request headers and a custom check (`run_probes`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable

import pytest
import requests

from tests.helpers.procs import CERTS
from tests.sandbox.conftest import Sandbox

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


# Probe steps: extra request headers and a custom check of the answer.

Verify = Callable[[requests.Response], "str | None"]


@dataclass(frozen=True)
class Probe(Step):
    """A `Step` with extra request headers and an optional `verify(resp)` returning a problem or None."""

    headers: dict[str, str] = field(default_factory=dict)
    verify: Verify | None = None


def probe(method: str, path: str, body: Any = None, status: int | None = None, verify: Verify | None = None,
          headers: dict[str, str] | None = None) -> Probe:
    return Probe(method, path, body, status, None, "subset", headers or {}, verify)


def send_probe(box: Sandbox, step: Step, key: str | None = None) -> requests.Response:
    url = f"{box.admin_url}/apisix/admin{step.path}" if step.path.startswith("/") else f"{box.admin_url}{step.path}"
    headers = dict(step.headers) if isinstance(step, Probe) else {}
    if key:
        headers.setdefault("X-API-KEY", key)
    data = step.body.encode() if isinstance(step.body, str) else (
        None if step.body is None else json.dumps(step.body).encode())
    return requests.request(step.method, url, data=data, headers=headers, timeout=10)


def run_probes(box: Sandbox, steps: list[Step], key: str | None = None) -> None:
    """Reset the sandbox, send each step (with its headers), check it as `t()` would, then `verify`."""
    box.reset()
    for step in steps:
        resp = send_probe(box, step, key)
        check(step, resp)
        if isinstance(step, Probe) and step.verify is not None:
            problem = step.verify(resp)
            assert problem is None, f"{step.method} {step.path}: {problem}\n{resp.text[:600]}"


def list_ids(expected: list[str], total: int | None = None) -> Verify:
    """The list's `value.id`s, in order, and optionally `total`."""
    def verify(resp: requests.Response) -> str | None:
        body = resp.json()
        items = body.get("list")
        got = [item["value"].get("id") for item in items] if isinstance(items, list) else []
        if got != expected:
            return f"ids {got} != {expected}"
        if total is not None and body.get("total") != total:
            return f"total {body.get('total')} != {total}"
        return None
    return verify


def list_len(size: int, total: int | None = None) -> Verify:
    def verify(resp: requests.Response) -> str | None:
        body = resp.json()
        items = body.get("list")
        count = len(items) if isinstance(items, (list, dict)) else -1
        if count != size:
            return f"len(list) {count} != {size}"
        if total is not None and body.get("total") != total:
            return f"total {body.get('total')} != {total}"
        return None
    return verify


def value_keys(expected: set[str]) -> Verify:
    """The exact key set of `value` (APISIX's "not unwanted data" tests)."""
    def verify(resp: requests.Response) -> str | None:
        got = set(resp.json().get("value", {}))
        return None if got == expected else f"value keys {sorted(got)} != {sorted(expected)}"
    return verify


def lacks(*names: str) -> Verify:
    """None of `names` is a key of `value`."""
    def verify(resp: requests.Response) -> str | None:
        value = resp.json().get("value", {})
        present = [n for n in names if n in value]
        return f"unexpected {present}" if present else None
    return verify


def header(name: str, pattern: str) -> Verify:
    def verify(resp: requests.Response) -> str | None:
        got = resp.headers.get(name)
        return None if got is not None and re.search(pattern, got) else f"header {name}={got!r} !~ {pattern!r}"
    return verify
