"""An ASGI app built off the start-up path, in a background thread, so readiness does not wait for it."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator
from concurrent.futures import Future
from contextlib import asynccontextmanager
from typing import Any, Callable, Protocol

from starlette.types import Receive, Scope, Send

from apisix_gpt.safety.problems import send_problem

logger = logging.getLogger(__name__)


class ClosableApp(Protocol):
    """What gets built: an ASGI app whose lazily started lifespan `aclose()` stops."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None: ...

    async def aclose(self) -> None: ...


class DeferredApp:
    """Builds its app once, in a daemon thread started by `.lifespan` or by the first request.

    Requests wait for the build (without blocking the event loop). A failed build is logged once
    and every request gets a 503 problem+json naming `name`. The thread's result is a
    `concurrent.futures.Future`, so any event loop may await it (test clients use several).
    """

    def __init__(self, build: Callable[[], ClosableApp], name: str) -> None:
        self._build, self.name = build, name
        self._future: Future[ClosableApp] | None = None
        self._lock = threading.Lock()

    def start(self) -> Future[ClosableApp]:
        """Start the build if it has not started yet; the future of the built app."""
        with self._lock:
            if self._future is None:
                self._future = Future()
                threading.Thread(target=self._run, name=f"build-{self.name}", daemon=True).start()
            return self._future

    def _run(self) -> None:
        assert self._future is not None
        try:
            self._future.set_result(self._build())
        except BaseException as exc:  # noqa: BLE001 - reported to every waiting request
            logger.error("building the %s surface failed: %s", self.name, exc, exc_info=exc)
            self._future.set_exception(exc)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            app = await asyncio.wrap_future(self.start())
        except Exception:  # noqa: BLE001 - already logged by the build thread
            if scope["type"] == "http":
                await send_problem(send, 503, f"the {self.name} surface failed to start; see the server log")
            return
        await app(scope, receive, send)

    @asynccontextmanager
    async def lifespan(self, _host: Any = None) -> AsyncIterator[None]:
        """Start the build with the host app; on shutdown, stop the built app's lifespan if it ran."""
        future = self.start()
        try:
            yield
        finally:
            if future.done() and future.exception() is None:
                await future.result().aclose()
