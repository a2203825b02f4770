"""The sandbox's command line and settings: default listeners, the admin key kept out of reprs, and
`--test-upstream-port P`, which also serves APISIX's test upstream, usable as a route's node."""

from __future__ import annotations

from pathlib import Path

import requests

from sandbox.settings import SandboxSettings
from tests.helpers.procs import free_port
from tests.sandbox.conftest import ADMIN_KEY, launch


def test_test_upstream_port_serves_apisix_test_server_through_the_gateway(tmp_path: Path) -> None:
    port = free_port()
    box = launch(tmp_path, "--test-upstream-port", str(port))
    try:
        hello = requests.get(f"http://127.0.0.1:{port}/hello", timeout=5)
        assert hello.status_code == 200 and hello.text == "hello world\n"
        route = {"uri": "/hello", "upstream": {"type": "roundrobin", "nodes": {f"127.0.0.1:{port}": 1}}}
        put = requests.put(f"{box.admin_url}/apisix/admin/routes/1", json=route,
                           headers={"X-API-KEY": box.admin_key}, timeout=5)
        assert put.status_code == 201
        through = requests.get(f"{box.gateway_url}/hello", timeout=5)
        assert through.status_code == 200 and through.text == "hello world\n"
    finally:
        box.proc.stop()


def test_default_listeners_and_admin_key_setting() -> None:
    settings = SandboxSettings()
    assert (settings.host, settings.admin_port, settings.gateway_port, settings.demo_port) == (
        "127.0.0.1", 9180, 9080, 9081)
    assert ADMIN_KEY not in repr(SandboxSettings(admin_key=ADMIN_KEY))
