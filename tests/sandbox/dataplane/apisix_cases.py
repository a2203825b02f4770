"""Runner for cases ported from APISIX's Test::Nginx suites: Admin API setup, then gateway requests."""

from __future__ import annotations

import http.client
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pytest
import requests

from tests.helpers.procs import PYTHON, Proc, free_port, start
from tests.sandbox.conftest import Sandbox, launch

NOT_FOUND = '{"error_msg":"404 Route Not Found"}\n'
TEST_PORTS = (1980, 1981, 1982)


@dataclass(frozen=True)
class Admin:
    """An Admin API call made by a `--- config` block; `status` is what it must answer."""

    method: str
    path: str
    body: Any = None
    status: int | None = None


@dataclass(frozen=True)
class Req:
    """A `--- request` block with `--- more_headers` and what the test expects back.

    `body` is compared exactly (`--- response_body`), `like` is a regex search
    (`--- response_body_like`), `headers` must be present with these values (None: absent).
    """

    method: str
    path: str
    status: int = 200
    body: str | None = None
    like: str | None = None
    headers: dict[str, str | None] = field(default_factory=dict)
    more: dict[str, str] = field(default_factory=dict)
    data: bytes | None = None


def admin_put(path: str, body: Any, status: int | None = None) -> Admin:
    return Admin("PUT", path, body, status)


def get(path: str, status: int = 200, body: str | None = None, **kwargs: Any) -> Req:
    return Req("GET", path, status, body, **kwargs)


@dataclass
class DataPlane:
    """A sandbox plus the APISIX test upstream listening on stand-ins for ports 1980-1982."""

    box: Sandbox
    ports: tuple[int, ...]
    upstream: Proc

    def sub(self, text: str) -> str:
        """Swap APISIX's test ports for ours (in configs and expected bodies)."""
        for real, ours in zip(TEST_PORTS, self.ports):
            text = text.replace(str(real), str(ours))
        return text

    def admin(self, step: Admin) -> None:
        data = None if step.body is None else self.sub(
            step.body if isinstance(step.body, str) else json.dumps(step.body)).encode()
        resp = requests.request(step.method, f"{self.box.admin_url}/apisix/admin{step.path}",
                                data=data, timeout=10)
        expected = step.status
        if expected is None:
            assert resp.status_code < 300, f"{step.method} {step.path}: {resp.status_code} {resp.text}"
        else:
            assert resp.status_code == expected, f"{step.path}: {resp.status_code} {resp.text}"

    def request(self, req: Req) -> tuple[int, dict[str, str], str, http.client.HTTPResponse]:
        """Send like Test::Nginx: `Host: localhost`, `Connection: close`, plus `more` headers."""
        port = int(self.box.gateway_url.rsplit(":", 1)[1])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.putrequest(req.method, req.path, skip_host=True, skip_accept_encoding=True)
        headers = {"Host": "localhost", "Connection": "close", **req.more}
        if req.data is not None:
            headers.setdefault("Content-Length", str(len(req.data)))
        for name, value in headers.items():
            conn.putheader(name, value)
        conn.endheaders(req.data)
        resp = conn.getresponse()
        body = resp.read().decode(errors="replace")
        conn.close()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body, resp

    def check(self, req: Req) -> None:
        status, headers, body, _ = self.request(req)
        label = f"{req.method} {req.path}"
        assert status == req.status, f"{label}: status {status}, body {body[:300]!r}"
        if req.body is not None:
            assert body == self.sub(req.body), f"{label}: body {body!r}"
        if req.like is not None:
            assert re.search(self.sub(req.like), body), f"{label}: {body!r} !~ {req.like!r}"
        for name, value in req.headers.items():
            got = headers.get(name.lower())
            assert got == value, f"{label}: header {name}={got!r}, expected {value!r}"


def run_steps(dp: DataPlane, steps: list[Admin | Req]) -> None:
    """Reset the sandbox and play the `.t` blocks in order."""
    dp.box.reset()
    for step in steps:
        if isinstance(step, Admin):
            dp.admin(step)
        else:
            dp.check(step)


def params(cases: dict[str, list[Admin | Req]]) -> list[Any]:
    return [pytest.param(steps, id=name) for name, steps in cases.items()]


def _upstream_ready(port: int) -> Any:
    def check() -> bool:
        try:
            return requests.get(f"http://127.0.0.1:{port}/hello", timeout=1).status_code == 200
        except requests.RequestException:
            return False
    return check


def start_test_upstream(log: Path, ports: tuple[int, ...]) -> Proc:
    args = [PYTHON, "-m", "sandbox.apisix_test_upstream"]
    for port in ports:
        args += ["--port", str(port)]
    return start(args, log, ready=_upstream_ready(ports[-1]))


@pytest.fixture(scope="session")
def dp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DataPlane]:
    logs = tmp_path_factory.mktemp("dataplane")
    ports = tuple(free_port() for _ in TEST_PORTS)
    upstream = start_test_upstream(logs / "upstream.log", ports)
    box = launch(logs, "--no-admin-key", admin_key=None, viewer_key=None)
    yield DataPlane(box, ports, upstream)
    box.proc.stop()
    upstream.stop()
