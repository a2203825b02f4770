"""X-APISIX-Upstream-Status: nginx's $upstream_status when the last try answered 5xx."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import pytest

from tests.helpers.procs import free_port
from tests.sandbox.dataplane.conftest import Gateway


class _Fails(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.send_response_only(500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def failing_node() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), _Fails)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_chain_of_tries_ending_in_a_5xx(gw: Gateway, failing_node: str) -> None:
    dead = f"127.0.0.1:{free_port()}"
    gw.route("r", "/*", upstream={"type": "chash", "hash_on": "header", "key": "x-k",
                                  "nodes": {dead: 1, failing_node: 1}})
    # Which keys hash to the dead node depends on the (random) ports; 40 keys make missing it vanishingly rare.
    chains = {gw.send("GET", "/x", {"X-K": f"k{n}"}).headers["X-APISIX-Upstream-Status"] for n in range(40)}
    assert chains <= {"500", "502, 500"} and "502, 500" in chains


def test_no_header_when_a_retry_succeeds(gw: Gateway) -> None:
    dead = f"127.0.0.1:{free_port()}"
    gw.route("r", "/*", upstream={"type": "roundrobin", "nodes": {dead: 1, gw.node(0): 1}})
    replies = [gw.send("GET", "/x") for _ in range(4)]
    assert {r.status for r in replies} == {200}
    assert not [r for r in replies if "X-APISIX-Upstream-Status" in r.headers]
