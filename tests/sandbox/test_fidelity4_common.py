"""Round-4 fidelity runner: `Probe` steps add request headers and a custom check over the shared runner."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable

import requests

from tests.sandbox.conftest import Sandbox
from tests.sandbox.test_fidelity_common import Step, check

Verify = Callable[[requests.Response], "str | None"]


@dataclass(frozen=True)
class Probe(Step):
    """A `Step` with extra request headers and an optional `verify(resp)` returning a problem or None."""

    headers: dict[str, str] = field(default_factory=dict)
    verify: Verify | None = None


def probe(method: str, path: str, body: Any = None, status: int | None = None, verify: Verify | None = None,
          headers: dict[str, str] | None = None) -> Probe:
    return Probe(method, path, body, status, None, "subset", headers or {}, verify)


def send4(box: Sandbox, step: Step, key: str | None = None) -> requests.Response:
    url = f"{box.admin_url}/apisix/admin{step.path}" if step.path.startswith("/") else f"{box.admin_url}{step.path}"
    headers = dict(step.headers) if isinstance(step, Probe) else {}
    if key:
        headers.setdefault("X-API-KEY", key)
    data = step.body.encode() if isinstance(step.body, str) else (
        None if step.body is None else json.dumps(step.body).encode())
    return requests.request(step.method, url, data=data, headers=headers, timeout=10)


def run4(box: Sandbox, steps: list[Step], key: str | None = None) -> None:
    """Reset the sandbox, send each step (with its headers), check it as `t()` would, then `verify`."""
    box.reset()
    for step in steps:
        resp = send4(box, step, key)
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
