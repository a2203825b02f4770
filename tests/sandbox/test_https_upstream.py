"""An upstream with `scheme: https` is reached over TLS by the data plane."""

from __future__ import annotations

import json
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest
import requests

from tests.helpers.procs import free_port
from tests.sandbox.admin_data import cert_pair, expect
from tests.sandbox.conftest import AdminSession, Sandbox


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
