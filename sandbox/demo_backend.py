"""Demo conference backend: stands in for conferenceapi.azurewebsites.net, plus echo and delay helpers."""

from __future__ import annotations

import argparse
import asyncio
import base64
from typing import Any

import aiohttp.web

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 9081
MAX_DELAY = 120.0

SPEAKERS: dict[str, dict[str, Any]] = {
    "1": {
        "name": "Scott Guthrie",
        "sessions": [
            {"id": "101", "title": "Keynote: The Future of Cloud", "timeslot": "09:00 - 10:00"},
            {"id": "102", "title": "Building APIs at Scale", "timeslot": "14:00 - 15:00"},
        ],
        "topics": ["Cloud", "APIs", "Developer tools"],
    },
    "2": {
        "name": "Ada Lovelace",
        "sessions": [
            {"id": "201", "title": "Analytical Engines in Practice", "timeslot": "10:30 - 11:30"},
        ],
        "topics": ["Algorithms", "History of computing"],
    },
    "3": {
        "name": "Grace Hopper",
        "sessions": [
            {"id": "301", "title": "Compilers for Everyone", "timeslot": "11:45 - 12:45"},
            {"id": "302", "title": "Debugging Stories", "timeslot": "16:00 - 17:00"},
        ],
        "topics": ["Compilers", "Debugging", "COBOL"],
    },
}


def _speaker_or_404(request: aiohttp.web.Request) -> dict[str, Any]:
    speaker = SPEAKERS.get(request.match_info["id"])
    if speaker is None:
        raise aiohttp.web.HTTPNotFound(
            text='{"error":"speaker not found"}', content_type="application/json")
    return speaker


async def speaker_sessions(request: aiohttp.web.Request) -> aiohttp.web.Response:
    speaker = _speaker_or_404(request)
    sid = request.match_info["id"]
    items = [{**s, "speaker": speaker["name"], "speakerId": sid,
              "href": f"/session/{s['id']}"} for s in speaker["sessions"]]
    return aiohttp.web.json_response({"collection": {"items": items}})


async def speaker_topics(request: aiohttp.web.Request) -> aiohttp.web.Response:
    speaker = _speaker_or_404(request)
    items = [{"name": t, "href": f"/topic/{i + 1}"} for i, t in enumerate(speaker["topics"])]
    return aiohttp.web.json_response({"collection": {"items": items}})


async def echo(request: aiohttp.web.Request) -> aiohttp.web.Response:
    """Return what was received: method, path, query, headers, body (text, or base64 if binary)."""
    raw = await request.read()
    try:
        body: str = raw.decode()
        encoding = "text"
    except UnicodeDecodeError:
        body, encoding = base64.b64encode(raw).decode(), "base64"
    peer = request.transport.get_extra_info("peername") if request.transport else None
    sock = request.transport.get_extra_info("sockname") if request.transport else None
    return aiohttp.web.json_response({
        "method": request.method,
        "path": request.path,
        "raw_path": request.raw_path,
        "query": dict(request.query),
        "headers": dict(request.headers),
        "body": body,
        "body_encoding": encoding,
        "remote_addr": peer[0] if peer else None,
        "server_port": sock[1] if sock else None,
    })


async def delay(request: aiohttp.web.Request) -> aiohttp.web.Response:
    try:
        seconds = float(request.match_info["seconds"])
    except ValueError:
        raise aiohttp.web.HTTPBadRequest(
            text='{"error":"seconds must be a number"}', content_type="application/json")
    seconds = min(max(seconds, 0.0), MAX_DELAY)
    await asyncio.sleep(seconds)
    return aiohttp.web.json_response({"delayed": seconds})


async def status(request: aiohttp.web.Request) -> aiohttp.web.Response:
    code = request.match_info["code"]
    if not code.isdigit() or not 200 <= int(code) <= 599:
        raise aiohttp.web.HTTPBadRequest(
            text='{"error":"code must be 200..599"}', content_type="application/json")
    return aiohttp.web.json_response({"status": int(code)}, status=int(code))


def create_demo_app() -> aiohttp.web.Application:
    """The conference API: /speaker/{id}/sessions|topics, /echo, /anything, /delay/{s}, /status/{code}."""
    app = aiohttp.web.Application()
    app.router.add_get("/speaker/{id}/sessions", speaker_sessions)
    app.router.add_get("/speaker/{id}/topics", speaker_topics)
    app.router.add_get("/delay/{seconds}", delay)
    app.router.add_route("*", "/status/{code}", status)
    app.router.add_route("*", "/echo", echo)
    app.router.add_route("*", "/echo/{tail:.*}", echo)
    app.router.add_route("*", "/anything", echo)
    app.router.add_route("*", "/anything/{tail:.*}", echo)
    return app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    args = parser.parse_args(argv)
    aiohttp.web.run_app(create_demo_app(), host=args.host, port=args.port, print=None)


if __name__ == "__main__":
    main()
