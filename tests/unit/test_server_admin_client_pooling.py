"""The one Admin API client pools its connections: sequential and concurrent calls reuse keep-alive sockets."""

from __future__ import annotations

import asyncio

from aiohttp import web

from tests.unit.test_server_admin_client import client, serve


def test_sequential_and_concurrent_calls_reuse_pooled_connections() -> None:
    peers: list[tuple[str, int]] = []

    async def handler(request: web.Request) -> web.Response:
        peers.append(request.transport.get_extra_info("peername")[:2])
        return web.json_response({"list": [], "total": 0})

    async def main() -> None:
        runner, url = await serve(handler)
        admin = client(url)
        try:
            for _ in range(5):
                assert (await admin.request("GET", "/apisix/admin/routes")).status == 200
            await asyncio.gather(*(admin.request("GET", "/apisix/admin/routes") for _ in range(4)))
            for _ in range(5):
                await admin.request("GET", "/apisix/admin/routes")
        finally:
            await admin.close()
            await runner.cleanup()
    asyncio.run(main())
    assert len(peers) == 14
    assert len(set(peers[:5])) == 1  # one kept-alive connection for sequential calls
    assert len(set(peers)) <= 4  # concurrency opens at most as many as needed, then they are reused
