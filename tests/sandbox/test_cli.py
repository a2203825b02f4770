"""`python -m sandbox --test-upstream-port P` also serves APISIX's test upstream, usable as a route's node."""

from __future__ import annotations

from pathlib import Path

import requests

from tests.helpers.procs import free_port
from tests.sandbox.conftest import launch


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
