"""Serve `/path/` as `/path`: APISIX ignores a trailing slash, and a redirect would be wrong behind TLS.

Starlette's router answers a trailing-slash path with a 307 whose Location is absolute `http://...`,
which behind a TLS-terminating proxy points the client at plain http. Rewriting the path before
anything routes it serves the same operation (REST and `/mcp` alike) with no redirect at all.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send


class TrailingSlashMiddleware:
    """Drop trailing `/`s from every path except `/` itself and paths under the `keep` prefixes."""

    def __init__(self, app: ASGIApp, keep: tuple[str, ...] = ()) -> None:
        self.app = app
        # Swagger UI serves its page at `/docs/` (and redirects `/docs` there, relatively).
        self.keep = tuple(prefix.rstrip("/") for prefix in keep)

    def strips(self, path: str) -> bool:
        if len(path) <= 1 or not path.endswith("/"):
            return False
        return not any(path.startswith(prefix + "/") for prefix in self.keep)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and self.strips(scope["path"]):
            scope = dict(scope)
            scope["path"] = scope["path"].rstrip("/") or "/"
            raw = scope.get("raw_path")
            if isinstance(raw, bytes) and raw.endswith(b"/"):
                scope["raw_path"] = raw.rstrip(b"/") or b"/"
        await self.app(scope, receive, send)
