"""`scripts/run`: one command starts the sandbox and apisix-gpt with a
shared admin key, prints the URLs and a generated editor token, and stops everything on SIGTERM."""

from __future__ import annotations

import re
import secrets
import socket
import time
from pathlib import Path

import pytest
import requests

from tests.helpers.procs import ROOT, Proc, free_port, http_ok, start

pytestmark = pytest.mark.live
TOKEN_LINE = re.compile(r"generated editor token \(name chatgpt\): (\S+)")


def _venv_is_set_up() -> bool:
    """scripts/run reinstalls the project when setup.cfg changed; never let a test trigger a pip install."""
    import hashlib
    stamp = ROOT / ".venv" / ".setup-stamp-test"
    want = hashlib.sha256((ROOT / "setup.cfg").read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    return stamp.exists() and stamp.read_text().strip() == want


def _run(tmp_path: Path, **env: str) -> tuple[Proc, dict[str, int]]:
    ports = {"api": free_port(), "admin": free_port(), "gateway": free_port(), "demo": free_port()}
    full_env = {"APISIX_GPT_PORT": str(ports["api"]), "SANDBOX_ADMIN_PORT": str(ports["admin"]),
                "SANDBOX_GATEWAY_PORT": str(ports["gateway"]), "SANDBOX_DEMO_PORT": str(ports["demo"]),
                "APISIX_GPT_PUBLIC_URL": "", "APISIX_GPT_ADMIN_URL": "", "APISIX_GPT_ADMIN_KEY": "",
                "APISIX_GPT_TOKENS": "", "APISIX_GPT_TOKENS_FILE": "", "APISIX_GPT_PROFILE": "",
                "APISIX_GPT_AUDIT_LOG": str(tmp_path / "audit.jsonl"), "SANDBOX_STATE_FILE": "", **env}
    proc = start(["bash", "scripts/run"], tmp_path / "run.log", env=full_env,
                 ready=http_ok(f"http://127.0.0.1:{ports['api']}/readyz"), timeout=60)
    return proc, ports


def _printed(proc: Proc, pattern: re.Pattern[str], timeout: float = 10) -> re.Match[str]:
    deadline = time.monotonic() + timeout
    while not (found := pattern.search(proc.log())) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert found, proc.log()[-2000:]
    return found


def _closed(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def _stop_and_check(proc: Proc, ports: dict[str, int]) -> None:
    proc.stop(timeout=15)
    deadline = time.monotonic() + 10
    while not all(_closed(p) for p in ports.values()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(_closed(p) for p in ports.values()), "scripts/run left a listener behind"


@pytest.mark.skipif(not _venv_is_set_up(), reason=".venv stamp is stale: scripts/run would run pip install")
def test_run_shares_the_given_admin_key_and_prints_a_working_editor_token(tmp_path: Path) -> None:
    key = secrets.token_hex(16)
    proc, ports = _run(tmp_path, APISIX_GPT_ADMIN_KEY=key)
    try:
        api = f"http://127.0.0.1:{ports['api']}"
        token = _printed(proc, TOKEN_LINE).group(1)
        admin = f"http://127.0.0.1:{ports['admin']}/apisix/admin/routes"
        assert requests.get(admin, headers={"X-API-KEY": key}, timeout=5).status_code == 200
        assert requests.get(admin, timeout=5).status_code == 401
        demo = f"127.0.0.1:{ports['demo']}"
        headers = {"Authorization": f"Bearer {token}"}
        assert requests.put(f"{api}/apisix/admin/upstreams/c", json={"nodes": {demo: 1}, "type": "roundrobin"},
                            headers=headers, timeout=10).status_code == 201
        assert requests.put(f"{api}/apisix/admin/routes/s", headers=headers, timeout=10, json={
            "uris": ["/speaker/*"], "methods": ["GET"], "upstream_id": "c"}).status_code == 201
        sessions = requests.get(f"http://127.0.0.1:{ports['gateway']}/speaker/1/sessions", timeout=5)
        assert sessions.status_code == 200 and sessions.json() == requests.get(
            f"http://{demo}/speaker/1/sessions", timeout=5).json()
        assert requests.get(f"{api}/apisix/admin/routes", timeout=5).status_code == 401
        for url in (f"{api}/openapi.yaml", f"{api}/docs", f"{api}/mcp"):
            assert url in proc.log()
        assert key not in proc.log()
    finally:
        _stop_and_check(proc, ports)


@pytest.mark.skipif(not _venv_is_set_up(), reason=".venv stamp is stale: scripts/run would run pip install")
def test_run_generates_one_admin_key_for_both_sides(tmp_path: Path) -> None:
    proc, ports = _run(tmp_path)
    try:
        token = _printed(proc, TOKEN_LINE).group(1)
        listed = requests.get(f"http://127.0.0.1:{ports['api']}/apisix/admin/routes", timeout=10,
                              headers={"Authorization": f"Bearer {token}"})
        assert listed.status_code == 200, listed.text  # apisix-gpt's key is the sandbox's key
        direct = requests.get(f"http://127.0.0.1:{ports['admin']}/apisix/admin/routes", timeout=5)
        assert direct.status_code == 401  # and the sandbox does require one
    finally:
        _stop_and_check(proc, ports)
