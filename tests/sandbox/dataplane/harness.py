"""Shared harness for data-plane tests: gateway and demo backends on real loopback ports."""

from __future__ import annotations

import asyncio
import base64
import threading
from typing import Any

import requests
from aiohttp import web
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from sandbox.dataplane import create_gateway_app
from sandbox.demo_backend import create_demo_app
from sandbox.settings import SandboxSettings
from sandbox.store import Store
from tests.helpers.procs import free_port


def encrypt(value: str, key: str = "qeddd145sfvddff3") -> str:
    """The etcd form of an encrypted plugin field (AES-128-CBC, key = IV, PKCS7, base64)."""
    padder = padding.PKCS7(128).padder()
    data = padder.update(value.encode()) + padder.finalize()
    enc = Cipher(algorithms.AES(key.encode()), modes.CBC(key.encode())).encryptor()
    return base64.b64encode(enc.update(data) + enc.finalize()).decode()


class Harness:
    """A background event loop serving the gateway and `backends` demo apps."""

    def __init__(self, backends: int = 2) -> None:
        self.store = Store()
        self.settings = SandboxSettings(gateway_port=free_port(), proxy_timeout=5.0)
        self.backend_ports = [free_port() for _ in range(backends)]
        self.loop = asyncio.new_event_loop()
        self._runners: list[web.AppRunner] = []
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self._call(self._start())

    def _call(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout=30)

    async def _serve(self, app: web.Application, port: int) -> None:
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        self._runners.append(runner)

    async def _start(self) -> None:
        await self._serve(create_gateway_app(self.store, self.settings), self.settings.gateway_port)
        for port in self.backend_ports:
            await self._serve(create_demo_app(), port)

    async def _stop(self) -> None:
        for runner in self._runners:
            await runner.cleanup()

    def close(self) -> None:
        self._call(self._stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)
        self.loop.close()

    @property
    def demo(self) -> str:
        return f"127.0.0.1:{self.backend_ports[0]}"

    def put(self, kind: str, item_id: str, value: dict[str, Any]) -> None:
        """Write an etcd-shaped value (ids inside, as APISIX stores them)."""
        body = dict(value) if kind == "consumers" or "/" in item_id else {"id": item_id, **value}
        self.store.put(f"/apisix/{kind}/{item_id}", body)

    def delete(self, kind: str, item_id: str) -> None:
        self.store.delete(f"/apisix/{kind}/{item_id}")

    def get(self, path: str, method: str = "GET", **kwargs: Any) -> requests.Response:
        url = f"http://127.0.0.1:{self.settings.gateway_port}{path}"
        return requests.request(method, url, timeout=10, **kwargs)

    def reset(self) -> None:
        self.store.reset()
