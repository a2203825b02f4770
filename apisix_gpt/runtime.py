"""Per-app runtime (settings + Admin API client) made visible to handlers through a context variable."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from apisix_gpt.admin_client import AdminClient
from config.settings import Settings


@dataclass
class Runtime:
    """What a request needs besides its own data: the settings, the client and the routed spec."""

    settings: Settings
    client: AdminClient
    spec: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_settings(cls, settings: Settings, spec: dict[str, Any]) -> "Runtime":
        client = AdminClient(settings.admin_url, settings.admin_key,
                             connect_timeout=settings.connect_timeout,
                             read_timeout=settings.read_timeout)
        return cls(settings, client, spec)


_current: ContextVar[Runtime] = ContextVar("apisix_gpt_runtime")


def current() -> Runtime:
    """The runtime of the app serving this request."""
    try:
        return _current.get()
    except LookupError:
        raise RuntimeError("no apisix-gpt runtime: call this inside a request to create_app()") from None


class RuntimeMiddleware:
    """Sets the runtime context variable for every request that goes through the app."""

    def __init__(self, app: ASGIApp, runtime: Runtime) -> None:
        self.app = app
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token = _current.set(self.runtime)
        try:
            await self.app(scope, receive, send)
        finally:
            _current.reset(token)
