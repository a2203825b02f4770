"""Fixtures for gateway behaviour tests: an in-process gateway and two echo upstreams."""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass
from typing import Any, Iterator

import pytest

from tests.helpers.procs import free_port
from tests.sandbox.dataplane.echo_upstream import EchoServers
from tests.sandbox.dataplane.harness import Harness


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def echo(self) -> dict[str, Any]:
        """What the echo upstream saw (the answer must come from it)."""
        return json.loads(self.body)


class Gateway:
    """The harness plus echo upstreams and a raw client that sends exactly the given headers."""

    def __init__(self) -> None:
        self.hx = Harness(backends=0)
        self.echo_ports = [free_port(), free_port()]
        self._echo = EchoServers(self.echo_ports)
        self.port = self.hx.settings.gateway_port

    def node(self, index: int = 0) -> str:
        return f"127.0.0.1:{self.echo_ports[index]}"

    def upstream(self, *indexes: int, **extra: Any) -> dict[str, Any]:
        return {"type": "roundrobin", "nodes": {self.node(i): 1 for i in indexes or (0,)}, **extra}

    def route(self, route_id: str, uri: str, plugins: dict[str, Any] | None = None,
              **extra: Any) -> None:
        body = {"uri": uri, "plugins": plugins or {}, **extra}
        body.setdefault("upstream", self.upstream())
        self.hx.put("routes", route_id, body)

    def send(self, method: str, path: str, headers: dict[str, str] | None = None,
             body: bytes | None = None) -> Reply:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            for name, value in {"Host": "api.test", **(headers or {})}.items():
                conn.putheader(name, value)
            if body is not None:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            resp = conn.getresponse()
            return Reply(resp.status, resp.msg, resp.read())
        finally:
            conn.close()

    def close(self) -> None:
        self._echo.close()
        self.hx.close()


@pytest.fixture(scope="module")
def _gateway() -> Iterator[Gateway]:
    gateway = Gateway()
    yield gateway
    gateway.close()


@pytest.fixture
def gw(_gateway: Gateway) -> Gateway:
    """The module's gateway on an empty store."""
    _gateway.hx.reset()
    return _gateway
