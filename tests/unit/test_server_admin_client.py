"""The Admin API client against tiny local servers: key header, timeouts, exception mapping, no key in logs."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Awaitable, Callable

import pytest
from aiohttp import web

from apisix_gpt.admin_client import (
    AdminAPIBadResponse,
    AdminAPIStatusError,
    AdminAPITimeout,
    AdminAPIUnavailable,
    AdminClient,
)
from tests.helpers.procs import free_port

KEY = "k3y-that-must-never-be-logged"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


async def serve(handler: Handler) -> tuple[web.AppRunner, str]:
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner, f"http://127.0.0.1:{port}"


def client(url: str, read: float = 1.0) -> AdminClient:
    return AdminClient(url, KEY, connect_timeout=0.5, read_timeout=read)


def run(handler: Handler, call: Callable[[AdminClient], Awaitable[Any]], read: float = 1.0) -> Any:
    async def main() -> Any:
        runner, url = await serve(handler)
        admin = client(url, read)
        try:
            return await call(admin)
        finally:
            await admin.close()
            await runner.cleanup()
    return asyncio.run(main())


def test_sends_the_key_method_path_query_and_json_body() -> None:
    seen: dict[str, Any] = {}

    async def handler(request: web.Request) -> web.Response:
        seen.update(key=request.headers.get("X-API-KEY"), method=request.method,
                    path=request.path, query=dict(request.query), body=await request.json())
        return web.json_response({"key": "/apisix/routes/1", "value": {}}, status=201)
    answer = run(handler, lambda c: c.request("PUT", "/apisix/admin/routes/1", params={"ttl": "5"},
                                              json_body={"uri": "/x"}, send_body=True))
    assert (answer.status, answer.body["key"]) == (201, "/apisix/routes/1")
    assert seen == {"key": KEY, "method": "PUT", "path": "/apisix/admin/routes/1",
                    "query": {"ttl": "5"}, "body": {"uri": "/x"}}


def test_apisix_error_keeps_status_and_error_msg() -> None:
    async def handler(request: web.Request) -> web.Response:
        return web.json_response({"error_msg": "wrong route id"}, status=400)
    with pytest.raises(AdminAPIStatusError) as info:
        run(handler, lambda c: c.request("GET", "/x"))
    assert (info.value.status, info.value.message) == (400, "wrong route id")


def test_plain_text_error_body_is_the_message() -> None:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(text="page_size must be between 10 and 500", status=400)
    with pytest.raises(AdminAPIStatusError, match="page_size must be between 10 and 500"):
        run(handler, lambda c: c.request("GET", "/x"))


def test_key_not_found_uses_message_field() -> None:
    async def handler(request: web.Request) -> web.Response:
        return web.json_response({"message": "Key not found"}, status=404)
    with pytest.raises(AdminAPIStatusError, match="Key not found"):
        run(handler, lambda c: c.request("GET", "/x"))


def test_garbage_where_json_expected_is_a_bad_response() -> None:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(text="<html>hello", status=200)
    with pytest.raises(AdminAPIBadResponse) as info:
        run(handler, lambda c: c.request("PUT", "/x", json_body={}, send_body=True))
    assert info.value.maybe_applied


def test_slow_answer_is_a_timeout_within_the_read_timeout() -> None:
    async def handler(request: web.Request) -> web.Response:
        await asyncio.sleep(1.2)
        return web.json_response({})
    elapsed: list[float] = []

    async def timed(admin: AdminClient) -> Any:
        started = time.monotonic()
        try:
            return await admin.request("GET", "/x")
        finally:
            elapsed.append(time.monotonic() - started)
    with pytest.raises(AdminAPITimeout):
        run(handler, timed, read=0.3)
    assert 0.25 < elapsed[0] < 1.0


def test_closed_connection_is_unavailable_and_write_not_retried() -> None:
    calls: list[str] = []

    async def handler(request: web.Request) -> web.Response:
        calls.append(request.method)
        assert request.transport is not None
        request.transport.close()
        return web.Response()
    with pytest.raises(AdminAPIUnavailable) as info:
        run(handler, lambda c: c.request("POST", "/x", json_body={}, send_body=True))
    assert info.value.maybe_applied and calls == ["POST"]


def test_idempotent_get_is_retried_once_on_a_reset() -> None:
    calls: list[str] = []

    async def handler(request: web.Request) -> web.Response:
        calls.append(request.method)
        if len(calls) == 1:
            assert request.transport is not None
            request.transport.close()
        return web.json_response({"ok": True})
    answer = run(handler, lambda c: c.request("GET", "/x"))
    assert answer.body == {"ok": True} and calls == ["GET", "GET"]


def test_refused_connection_is_unavailable_quickly_and_not_applied() -> None:
    admin = client(f"http://127.0.0.1:{free_port()}")
    started = time.monotonic()
    with pytest.raises(AdminAPIUnavailable) as info:
        asyncio.run(_call_and_close(admin, "DELETE"))
    assert not info.value.maybe_applied and time.monotonic() - started < 1


async def _call_and_close(admin: AdminClient, method: str) -> Any:
    try:
        return await admin.request(method, "/apisix/admin/routes/1")
    finally:
        await admin.close()


def test_ping_is_false_when_nothing_listens() -> None:
    admin = client(f"http://127.0.0.1:{free_port()}")

    async def main() -> bool:
        try:
            return await admin.ping()
        finally:
            await admin.close()
    assert asyncio.run(main()) is False


def test_the_key_never_appears_in_logs_or_errors(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)

    async def handler(request: web.Request) -> web.Response:
        return web.json_response({"error_msg": "boom"}, status=503)
    with pytest.raises(AdminAPIStatusError) as info:
        run(handler, lambda c: c.request("GET", "/x"))
    assert KEY not in caplog.text and KEY not in str(info.value) and KEY not in repr(client("http://h"))
