"""Acceptance gaps of issue #2: state file across restarts, the required plugin set, https upstreams,
and the sandbox's own defaults."""

from __future__ import annotations

import json
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest
import requests

from sandbox.settings import SandboxSettings
from tests.helpers.procs import free_port
from tests.sandbox.admin_data import ROUTE, cert_pair, error, expect
from tests.sandbox.conftest import ADMIN_KEY, AdminSession, Sandbox, launch

# The plugins issue #2 names: each must have its real schema and be served by plugins/list and plugins/{name}.
REQUIRED_PLUGINS = ("key-auth", "basic-auth", "jwt-auth", "hmac-auth", "limit-count", "limit-req", "limit-conn",
                    "proxy-rewrite", "response-rewrite", "cors", "ip-restriction", "prometheus", "traffic-split",
                    "proxy-cache", "request-id", "redirect", "consumer-restriction", "echo")


def _session(box: Sandbox) -> AdminSession:
    return AdminSession(box.admin_url, box.admin_key)


def test_state_file_keeps_config_across_restarts(tmp_path: Path) -> None:
    state = tmp_path / "state" / "sandbox.json"
    first = launch(tmp_path / "one", "--state-file", str(state))
    try:
        with _session(first) as admin:
            expect(admin.put("/routes/1", json={**ROUTE, "name": "kept"}), 201)
            expect(admin.put("/consumers", json={"username": "jack", "plugins": {"key-auth": {"key": "k-1"}}}), 201)
            before = expect(admin.get("/routes/1"), 200)
    finally:
        first.proc.stop()
    assert json.loads(state.read_text())  # a complete JSON document, not a torn write
    assert [p.name for p in state.parent.iterdir()] == ["sandbox.json"]  # no temp files left behind
    second = launch(tmp_path / "two", "--state-file", str(state))
    try:
        with _session(second) as admin:
            assert expect(admin.get("/routes/1"), 200) == before
            assert expect(admin.get("/consumers/jack"), 200)["value"]["plugins"]["key-auth"]["key"] == "k-1"
            expect(admin.put("/routes/2", json=ROUTE), 201)
            assert expect(admin.get("/routes/2"), 200)["createdIndex"] > before["modifiedIndex"]
            gateway = requests.get(f"{second.gateway_url}/hello", timeout=5)
            assert gateway.status_code != 404  # the restored route is live on the data plane
    finally:
        second.proc.stop()


def test_without_state_file_a_restart_forgets(tmp_path: Path) -> None:
    box = launch(tmp_path / "one")
    try:
        with _session(box) as admin:
            expect(admin.put("/routes/1", json=ROUTE), 201)
    finally:
        box.proc.stop()
    again = launch(tmp_path / "two")
    try:
        with _session(again) as admin:
            expect(admin.get("/routes"), 200, {"list": [], "total": 0})
    finally:
        again.proc.stop()


def test_every_required_plugin_is_listed_and_has_a_schema(admin: AdminSession) -> None:
    listed = admin.get("/plugins/list").json()
    assert set(REQUIRED_PLUGINS) <= set(listed), set(REQUIRED_PLUGINS) - set(listed)
    for name in REQUIRED_PLUGINS:
        schema = expect(admin.get(f"/plugins/{name}"), 200)
        assert schema.get("type") == "object", name
    error(admin.get("/plugins/no-such-plugin"), 404, "plugin not found in subsystem http")
    assert "no-such-plugin" not in listed


def test_a_plugin_apisix_does_not_know_is_rejected_as_unknown(admin: AdminSession) -> None:
    listed = set(admin.get("/plugins/list").json())
    for name in ("no-such-plugin", "key-auths"):
        assert name not in listed
        error(admin.put("/routes/1", json={**ROUTE, "plugins": {name: {}}}), 400, f"unknown plugin [{name}]")


def test_required_plugin_schemas_are_enforced(admin: AdminSession) -> None:
    resp = admin.put("/routes/1", json={**ROUTE, "plugins": {"limit-count": {"count": 1}}})
    body = expect(resp, 400)
    assert body["error_msg"] == ("failed to check the configuration of plugin limit-count err: "
                                 'value should match only one schema, but matches none')


class _Hello(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        data = json.dumps({"tls": True, "path": self.path, "host": self.headers["Host"]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def tls_backend(tmp_path: Path) -> Iterator[int]:
    """An HTTPS backend on a free port, with APISIX's test.com certificate."""
    cert, key = cert_pair()
    (tmp_path / "c.pem").write_text(cert)
    (tmp_path / "k.pem").write_text(key)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "c.pem", tmp_path / "k.pem")
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), _Hello)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_https_upstream_scheme_is_used_by_the_data_plane(sandbox: Sandbox, admin: AdminSession,
                                                         tls_backend: int) -> None:
    nodes = {f"127.0.0.1:{tls_backend}": 1}
    expect(admin.put("/routes/1", json={"uri": "/tls/*", "upstream": {
        "type": "roundrobin", "scheme": "https", "nodes": nodes}}), 201)
    resp = requests.get(f"{sandbox.gateway_url}/tls/x?a=1", timeout=10)
    assert resp.status_code == 200, resp.text
    assert resp.json()["tls"] is True and resp.json()["path"] == "/tls/x?a=1"
    expect(admin.patch("/routes/1/upstream/scheme", json="http"), 200)
    assert requests.get(f"{sandbox.gateway_url}/tls/x", timeout=10).status_code == 502


def test_default_listeners_and_admin_key_setting() -> None:
    settings = SandboxSettings()
    assert (settings.host, settings.admin_port, settings.gateway_port, settings.demo_port) == (
        "127.0.0.1", 9180, 9080, 9081)
    assert ADMIN_KEY not in repr(SandboxSettings(admin_key=ADMIN_KEY))
