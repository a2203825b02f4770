"""Fault injection for client tests: delay Admin answers, answer garbage, or drop the connection."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

from aiohttp import web

MODES = ("normal", "garbage", "close")
GARBAGE = b"<<sandbox fault: this is not JSON>>"


@dataclass
class Faults:
    """The current fault settings; `normal` with no delay means no fault."""

    delay: float = 0.0
    mode: str = "normal"

    def as_dict(self) -> dict[str, Any]:
        return {"delay": self.delay, "mode": self.mode}

    def update(self, body: Any) -> None:
        """Apply `{"delay": seconds, "mode": ...}`; raise ValueError with a clear message."""
        if not isinstance(body, dict):
            raise ValueError("faults must be a JSON object like {\"delay\": 0.5, \"mode\": \"normal\"}")
        unknown = sorted(set(body) - {"delay", "mode"})
        if unknown:
            raise ValueError(f"unknown fault fields: {', '.join(unknown)}")
        delay = body.get("delay", 0.0)
        if isinstance(delay, bool) or not isinstance(delay, (int, float)) or not 0 <= delay <= 600:
            raise ValueError("delay must be a number of seconds between 0 and 600")
        mode = body.get("mode", "normal")
        if mode not in MODES:
            raise ValueError(f"mode must be one of: {', '.join(MODES)}")
        self.delay, self.mode = float(delay), mode

    def clear(self) -> None:
        self.delay, self.mode = 0.0, "normal"


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def fault_middleware(faults: Faults) -> Any:
    """aiohttp middleware applying `faults` to `/apisix/admin` requests only."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith("/apisix/admin"):
            return await handler(request)
        if faults.delay:
            await asyncio.sleep(faults.delay)
        if faults.mode == "close":
            if request.transport is not None:
                request.transport.abort()
            raise asyncio.CancelledError()
        if faults.mode == "garbage":
            return web.Response(status=200, body=GARBAGE, content_type="application/json")
        return await handler(request)

    return middleware
