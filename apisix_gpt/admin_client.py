"""The one client of the APISIX Admin API: key header, pooled aiohttp session, explicit timeouts.

Exception tree (every failure a caller sees is one of these)::

    AdminAPIError                 base; carries `method` and `path` (never the admin key)
    ├── AdminAPIUnavailable       connect refused, or the connection was reset/closed  → 502
    ├── AdminAPITimeout           no answer within the read timeout                    → 504
    ├── AdminAPIBadResponse       malformed HTTP, or non-JSON where JSON was expected  → 502
    └── AdminAPIStatusError       APISIX answered 4xx/5xx: `status`, `message`, `body`

`maybe_applied` says whether a write may have reached APISIX before the failure (writes are never
retried; only idempotent GETs get one retry on a reset pooled connection).
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from typing import Any, Mapping

import aiohttp

logger = logging.getLogger(__name__)

IDEMPOTENT = frozenset({"GET", "HEAD"})


class AdminAPIError(Exception):
    """Base of every Admin API failure."""

    def __init__(self, message: str, *, method: str = "", path: str = "",
                 maybe_applied: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.path = path
        self.maybe_applied = maybe_applied


class AdminAPIUnavailable(AdminAPIError):
    """The Admin API could not be reached, or dropped the connection."""


class AdminAPITimeout(AdminAPIError):
    """The Admin API did not answer within the read timeout."""


class AdminAPIBadResponse(AdminAPIError):
    """The Admin API answered something that is not valid HTTP/JSON."""


class AdminAPIStatusError(AdminAPIError):
    """APISIX answered with an error status; `message` is its `error_msg`/`message` verbatim."""

    def __init__(self, status: int, message: str, body: Any, *, method: str = "",
                 path: str = "") -> None:
        super().__init__(message, method=method, path=path)
        self.status = status
        self.body = body


@dataclass(frozen=True)
class AdminResponse:
    """A successful Admin API answer: status and parsed JSON body (None when empty)."""

    status: int
    body: Any


def error_message(body: Any, text: str) -> str:
    """APISIX's error text: `error_msg`, else `message`, else the plain-text body."""
    if isinstance(body, dict):
        for key in ("error_msg", "message"):
            if isinstance(body.get(key), str):
                return body[key]
    return text.strip() or "(empty body)"


def _decode(raw: bytes, charset: str | None) -> str:
    """The body as text, like `resp.text(errors="replace")` without aiohttp's charset sniffing."""
    try:
        return raw.decode(charset or "utf-8", errors="replace")
    except LookupError:  # an unknown charset name: APISIX only ever sends UTF-8
        return raw.decode("utf-8", errors="replace")


def _parse(text: str) -> Any:
    return json.loads(text) if text.strip() else None


class AdminClient:
    """Async client for one Admin API; one pooled session per event loop (per worker process)."""

    def __init__(self, base_url: str, api_key: str, *, connect_timeout: float,
                 read_timeout: float, pool_size: int = 100) -> None:
        self.base_url = base_url.rstrip("/")
        self._api_key = api_key
        self._timeout = aiohttp.ClientTimeout(total=None, sock_connect=connect_timeout,
                                              connect=connect_timeout, sock_read=read_timeout)
        self._pool_size = pool_size
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def __repr__(self) -> str:
        return f"AdminClient({self.base_url!r})"

    def _current_session(self) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._loop is not loop:
            connector = aiohttp.TCPConnector(limit=self._pool_size)
            headers = {"X-API-KEY": self._api_key} if self._api_key else {}
            self._session = aiohttp.ClientSession(connector=connector, timeout=self._timeout,
                                                  headers=headers, raise_for_status=False)
            self._loop = loop
        return self._session

    async def close(self) -> None:
        """Close the pooled session (called on worker shutdown)."""
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def request(self, method: str, path: str, *, params: Mapping[str, str] | None = None,
                      json_body: Any = None, send_body: bool = False) -> AdminResponse:
        """Send one call; raise an `AdminAPIError` subclass on any failure or error status."""
        method = method.upper()
        attempts = 2 if method in IDEMPOTENT else 1
        for attempt in range(attempts):
            try:
                return await self._once(method, path, params, json_body, send_body)
            except AdminAPIUnavailable as exc:
                if attempt + 1 >= attempts or not exc.maybe_applied:
                    raise
                logger.warning("admin api connection reset on %s %s; retrying once", method, path)
        raise AssertionError("unreachable")

    async def _once(self, method: str, path: str, params: Mapping[str, str] | None,
                    json_body: Any, send_body: bool) -> AdminResponse:
        kwargs: dict[str, Any] = {"params": dict(params)} if params else {}
        if send_body:
            kwargs["data"] = json.dumps(json_body).encode()
            kwargs["headers"] = {"Content-Type": "application/json"}
        where = {"method": method, "path": path}
        try:
            async with self._current_session().request(method, self.base_url + path,
                                                        **kwargs) as resp:
                text = _decode(await resp.read(), resp.charset)
                status = resp.status
        except Exception as exc:  # noqa: BLE001 - every transport failure is mapped below
            raise _transport_error(exc, method, path) from None
        return _answer(status, text, where)

    async def ping(self) -> bool:
        """True when the Admin API answers `HEAD /apisix/admin` with 200."""
        try:
            async with self._current_session().head(self.base_url + "/apisix/admin") as resp:
                return resp.status == 200
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError):
            return False


def _answer(status: int, text: str, where: dict[str, str]) -> AdminResponse:
    try:
        body = _parse(text)
    except ValueError:
        if status >= 400:
            raise AdminAPIStatusError(status, error_message(None, text), text, **where) from None
        raise AdminAPIBadResponse(
            f"the Admin API answered {status} with a body that is not JSON", **where,
            maybe_applied=where["method"] not in IDEMPOTENT) from None
    if status >= 400:
        raise AdminAPIStatusError(status, error_message(body, text), body, **where)
    return AdminResponse(status, body)


def _transport_error(exc: Exception, method: str, path: str) -> AdminAPIError:
    where: dict[str, Any] = {"method": method, "path": path}
    if isinstance(exc, aiohttp.ClientConnectorError):
        return AdminAPIUnavailable(f"cannot connect to the Admin API ({exc.os_error.strerror or exc})",
                                   **where)
    if isinstance(exc, (asyncio.TimeoutError, aiohttp.ServerTimeoutError)):
        if isinstance(exc, aiohttp.ConnectionTimeoutError):
            return AdminAPIUnavailable("timed out connecting to the Admin API", **where)
        return AdminAPITimeout("the Admin API did not answer within the read timeout",
                               **where, maybe_applied=True)
    if isinstance(exc, (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError)):
        return AdminAPIUnavailable("the Admin API closed the connection without answering",
                                   **where, maybe_applied=True)
    return AdminAPIBadResponse(f"the Admin API answered malformed HTTP ({type(exc).__name__})",
                               **where, maybe_applied=True)
