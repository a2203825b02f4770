"""Scale runs: list latency and response size with 100 / 1,000 / 10,000 routes, apisix-gpt vs direct."""

from __future__ import annotations

import asyncio
import json
from typing import Callable

import aiohttp
import requests

from bench import wrk
from bench.overhead import route_body

SIZES = (100, 1_000, 10_000)


async def _seed(admin_url: str, admin_key: str, count: int, concurrency: int = 16) -> None:
    headers = {"X-API-KEY": admin_key, "Content-Type": "application/json"}
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(count):
        queue.put_nowait(i)

    async def worker(session: aiohttp.ClientSession) -> None:
        while not queue.empty():
            i = queue.get_nowait()
            url = f"{admin_url}/apisix/admin/routes/scale-{i}"
            async with session.put(url, data=json.dumps(route_body(i)), headers=headers) as resp:
                if resp.status not in (200, 201):
                    raise RuntimeError(f"seeding route {i}: {resp.status} {await resp.text()}")

    async with aiohttp.ClientSession() as session:
        await asyncio.gather(*(worker(session) for _ in range(concurrency)))


def seed(admin_url: str, admin_key: str, count: int) -> None:
    """Reset the sandbox and create `count` routes directly through its Admin API."""
    requests.post(f"{admin_url}/__sandbox/reset", headers={"X-API-KEY": admin_key},
                  timeout=10).raise_for_status()
    asyncio.run(_seed(admin_url, admin_key, count))


def size_chars(request: wrk.Request) -> tuple[int, int]:
    resp = requests.get(request.url, headers=request.headers, timeout=60)
    return resp.status_code, len(resp.text)


def measure(variants: dict[str, wrk.Request], routes: int, seconds: float,
            log: Callable[[str], None] = print) -> list[dict]:
    """Latency at c=1 (wrk) and the size of one response, for each list variant."""
    rows = []
    for name, request in variants.items():
        status, chars = size_chars(request)
        result = wrk.run(request, 1, seconds, timeout_s=30)
        rows.append({"routes": routes, "variant": name, "status": status, "chars": chars,
                     **result.as_dict()})
        log(f"  {routes:>6} routes {name:<15} {chars:>10} chars  p50 {result.p50_us / 1000:8.2f} ms"
            f"  p99 {result.p99_us / 1000:8.2f} ms  status {status}")
    return rows


def check_bounds(requests_to_check: dict[str, wrk.Request], limit: int) -> list[dict]:
    """Size of every extra apisix-gpt list response that must stay under `limit` characters."""
    out = []
    for name, request in requests_to_check.items():
        status, chars = size_chars(request)
        out.append({"variant": name, "status": status, "chars": chars, "within": chars <= limit})
    return out
