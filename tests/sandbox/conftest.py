"""Fixtures: real `python -m sandbox` processes on free ports.

`sandbox` (admin and viewer keys, one per session; `admin`/`viewer`/`anon` reset it per test), `box`
(no admin key, as APISIX's own test harness; used by the `test_apisix_*_cases.py` files) and
`stream_box` (no key, stream mode on).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest
import requests

from tests.helpers.procs import PYTHON, Proc, catalogue_args, free_port, http_ok, start

ADMIN_KEY = "edd1c9f034335f136f87ad84b625c8f1"
VIEWER_KEY = "4054f7cf07e344346cd3f287985e76a2"


@dataclass
class Sandbox:
    """A running sandbox process and its URLs and keys."""

    admin_url: str
    gateway_url: str
    demo_url: str
    admin_key: str | None
    viewer_key: str | None
    proc: Proc

    def reset(self) -> None:
        headers = {"X-API-KEY": self.admin_key} if self.admin_key else {}
        resp = requests.post(f"{self.admin_url}/__sandbox/reset", headers=headers, timeout=5)
        assert resp.status_code == 200, resp.text


def launch(log_dir: Path, *extra: str, admin_key: str | None = ADMIN_KEY,
           viewer_key: str | None = VIEWER_KEY) -> Sandbox:
    """Start `python -m sandbox` on free ports and wait for `HEAD /apisix/admin` → 200."""
    ports = [free_port() for _ in range(3)]
    args = [PYTHON, "-m", "sandbox", "--admin-port", str(ports[0]), "--gateway-port", str(ports[1]),
            "--demo-port", str(ports[2]), *catalogue_args(), *extra]
    if admin_key:
        args += ["--admin-key", admin_key]
    if viewer_key:
        args += ["--viewer-key", viewer_key]
    admin_url = f"http://127.0.0.1:{ports[0]}"
    env = {"SANDBOX_ADMIN_KEY": "", "SANDBOX_VIEWER_KEY": "", "SANDBOX_STREAM": "",
           "SANDBOX_STATE_FILE": "", "SANDBOX_PLUGIN_CATALOGUE": ""}
    proc = start(args, log_dir / "sandbox.log", env=env,
                 ready=http_ok(f"{admin_url}/apisix/admin", method="HEAD"))
    return Sandbox(admin_url, f"http://127.0.0.1:{ports[1]}", f"http://127.0.0.1:{ports[2]}",
                   admin_key, viewer_key, proc)


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    box = launch(tmp_path_factory.mktemp("sandbox"))
    yield box
    box.proc.stop()

@pytest.fixture(scope="module")
def stream_box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    """A `--no-admin-key --stream` sandbox, as APISIX's stream and filter tests run (`proxy_mode: http&stream`)."""
    running = launch(tmp_path_factory.mktemp("stream"), "--no-admin-key", "--stream", admin_key=None,
                     viewer_key=None)
    yield running
    running.proc.stop()



class AdminSession(requests.Session):
    """A requests session with the admin key whose paths are relative to `/apisix/admin`."""

    def __init__(self, base: str, key: str | None) -> None:
        super().__init__()
        self.base = base
        if key:
            self.headers["X-API-KEY"] = key

    def request(self, method: str, url: str, *args, **kwargs) -> requests.Response:  # type: ignore[override]
        if not url.startswith("http"):
            url = f"{self.base}/apisix/admin{url}"
        kwargs.setdefault("timeout", 10)
        return super().request(method, url, *args, **kwargs)


@pytest.fixture
def admin(sandbox: Sandbox) -> Iterator[AdminSession]:
    """Admin-key session on a freshly reset sandbox."""
    sandbox.reset()
    with AdminSession(sandbox.admin_url, sandbox.admin_key) as session:
        yield session


@pytest.fixture
def viewer(sandbox: Sandbox, admin: AdminSession) -> Iterator[AdminSession]:
    with AdminSession(sandbox.admin_url, sandbox.viewer_key) as session:
        yield session


@pytest.fixture
def anon(sandbox: Sandbox, admin: AdminSession) -> Iterator[AdminSession]:
    with AdminSession(sandbox.admin_url, None) as session:
        yield session


@pytest.fixture(scope="session")
def box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    """A sandbox with `admin_key_required: false`, as in APISIX's own test harness."""
    running = launch(tmp_path_factory.mktemp("apisix-cases"), "--no-admin-key", admin_key=None, viewer_key=None)
    yield running
    running.proc.stop()
