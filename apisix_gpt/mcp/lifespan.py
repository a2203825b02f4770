"""Runs a mounted Starlette app's lifespan even when the host app never sends lifespan events to it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.types import Receive, Scope, Send


class LazyLifespanApp:
    """Wraps `app`; its lifespan runs via `.lifespan(host)` or, failing that, on the first request.

    The lazy start runs the lifespan in its own background task, because the task groups it opens
    must be entered and left by one task that outlives single requests.
    """

    def __init__(self, app: Starlette) -> None:
        self.app = app
        self._running = False
        self._lock: asyncio.Lock | None = None
        self._stop: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None

    @asynccontextmanager
    async def lifespan(self, _host: Any = None) -> AsyncIterator[None]:
        """Pass as (or chain into) the host app's lifespan to start and stop the MCP session manager."""
        async with self.app.router.lifespan_context(self.app):
            self._running = True
            try:
                yield
            finally:
                self._running = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if not self._running:
            await self._start_in_background()
        await self.app(scope, receive, send)

    async def _start_in_background(self) -> None:
        self._lock = self._lock or asyncio.Lock()
        async with self._lock:
            if self._running:
                return
            started = asyncio.get_running_loop().create_future()
            self._stop = asyncio.Event()
            self._task = asyncio.create_task(self._hold(started))
            await started

    async def _hold(self, started: asyncio.Future[None]) -> None:
        try:
            async with self.lifespan():
                started.set_result(None)
                assert self._stop is not None
                await self._stop.wait()
        except BaseException as exc:  # surface start-up failures to the waiting request
            if not started.done():
                started.set_exception(exc)
            raise

    async def aclose(self) -> None:
        """Stop a lazily started lifespan (tests; a server process simply exits)."""
        if self._stop is not None and self._task is not None:
            self._stop.set()
            await asyncio.gather(self._task, return_exceptions=True)
