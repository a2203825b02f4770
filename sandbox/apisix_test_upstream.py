"""APISIX's test upstream (`t/lib/server.lua` on 127.0.0.1:1980): the endpoints its data-plane tests use."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Awaitable, Callable
from urllib.parse import parse_qsl

from aiohttp import web

from sandbox.dataplane.pages import error_page

Handler = Callable[[web.Request, bytes], Awaitable[web.StreamResponse]]
TEXT = "text/plain"  # the test nginx's default_type
# `uri`/`uri_plugin_proxy_rewrite*` leave these out so tests need not know the client's port.
BUILTIN_IGNORED = frozenset({"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host",
                             "x-forwarded-port"})


def _text(body: str | bytes, status: int = 200, length: bool = False) -> web.Response:
    """An nginx-ish text answer; ngx.say output is sent chunked unless Content-Length was set."""
    data = body.encode() if isinstance(body, str) else body
    resp = web.Response(status=status, body=data, headers={"Content-Type": TEXT})
    if not length:
        resp.enable_chunked_encoding()
    return resp


def _lines(pairs: list[tuple[str, str]]) -> str:
    return "".join(f"{k}: {v}\n" for k, v in pairs)


def _headers(request: web.Request,
             ignore: frozenset[str] | set[str] = frozenset()) -> list[tuple[str, str]]:
    """ngx.req.get_headers(): lower-case names, repeated values joined as ngx.say prints a table."""
    merged: dict[str, str] = {}
    for name, value in request.headers.items():
        key = name.lower()
        if key not in ignore:
            merged[key] = merged.get(key, "") + value
    return sorted(merged.items())


def _port(request: web.Request) -> str:
    sock = request.transport.get_extra_info("sockname") if request.transport else None
    return str(sock[1]) if sock else ""


def _uri(request: web.Request) -> str:
    from sandbox.dataplane.context import normalize_uri
    return normalize_uri(request.raw_path)


async def hello(request: web.Request, body: bytes) -> web.StreamResponse:
    return _text("hello world\n", length=True)


async def hello_chunked(request: web.Request, body: bytes) -> web.StreamResponse:
    resp = web.StreamResponse(headers={"Content-Type": TEXT})
    resp.enable_chunked_encoding()
    await resp.prepare(request)
    for part in (b"hell", b"o w", b"orld\n"):
        await resp.write(part)
    await resp.write_eof()
    return resp


async def hello1(request: web.Request, body: bytes) -> web.StreamResponse:
    return _text("hello1 world\n")


async def course_foo(request: web.Request, body: bytes) -> web.StreamResponse:
    return _text("course foo\n")


async def server_port(request: web.Request, body: bytes) -> web.StreamResponse:
    return _text(_port(request))


async def limit_conn(request: web.Request, body: bytes) -> web.StreamResponse:
    await asyncio.sleep(0.3)
    return _text("hello world\n")


async def plugin_proxy_rewrite(request: web.Request, body: bytes) -> web.StreamResponse:
    host = (request.headers.get("Host") or "").rsplit(":", 1)[0].lower()
    return _text(f"uri: {_uri(request)}\nhost: {host}\nscheme: http\n")


async def plugin_proxy_rewrite_args(request: web.Request, body: bytes) -> web.StreamResponse:
    args: dict[str, list[str]] = {}
    for key, value in parse_qsl(request.query_string, keep_blank_values=True):
        args.setdefault(key, []).append(value)
    pairs = [(k, ",".join(v)) for k, v in sorted(args.items())]
    return _text(f"uri: {_uri(request)}\n" + _lines(pairs))


async def specific_status(request: web.Request, body: bytes) -> web.StreamResponse:
    status = request.headers.get("X-Test-Upstream-Status")
    if status is None:
        return _text("")
    return _text(f"upstream status: {status}\n", status=int(status))


async def status(request: web.Request, body: bytes) -> web.StreamResponse:
    return _text("ok\n")


async def uri(request: web.Request, body: bytes) -> web.StreamResponse:
    return _text(f"uri: {_uri(request)}\n" + _lines(_headers(request, BUILTIN_IGNORED)))


async def old_uri(request: web.Request, body: bytes) -> web.StreamResponse:
    return _text(f"uri: {_uri(request)}\n" + _lines(_headers(request)))


async def with_header(request: web.Request, body: bytes) -> web.StreamResponse:
    return _text("hello\nworld\n!\n")


async def api_breaker(request: web.Request, body: bytes) -> web.StreamResponse:
    code = int(request.query.get("code", "200"))
    return _nginx_page(code) if code >= 300 else _text("", status=code)


async def mysleep(request: web.Request, body: bytes) -> web.StreamResponse:
    seconds = request.query.get("seconds", "0")
    await asyncio.sleep(float(seconds))
    return _text(f"{seconds}\n")


async def print_uri(request: web.Request, body: bytes) -> web.StreamResponse:
    return _text(f"{_uri(request)}\n")


async def print_uri_detailed(request: web.Request, body: bytes) -> web.StreamResponse:
    return _text(f"ngx.var.uri: {_uri(request)}\nngx.var.request_uri: {request.raw_path}\n")


async def print_request_received(request: web.Request, body: bytes) -> web.StreamResponse:
    return _text(f"request_uri: {request.raw_path}\n" + _lines(_headers(request)))


async def headers(request: web.Request, body: bytes) -> web.StreamResponse:
    resp = _text("/headers\n")
    for name, value in request.query.items():
        resp.headers[name] = value
    return resp


async def echo(request: web.Request, body: bytes) -> web.StreamResponse:
    resp = _text(body, length=True)
    for name, value in request.headers.items():
        if name.lower() not in ("content-length", "transfer-encoding", "connection", "host"):
            resp.headers[name] = value
    return resp


async def log(request: web.Request, body: bytes) -> web.StreamResponse:
    return _text("")


async def server_error(request: web.Request, body: bytes) -> web.StreamResponse:
    return _nginx_page(500)


async def plugin_proxy_rewrite_resp_header(request: web.Request, body: bytes) -> web.StreamResponse:
    return _text("plugin_proxy_rewrite_resp_header\n", length=True)


async def mock_compressed_upstream_response(request: web.Request, body: bytes) -> web.StreamResponse:
    resp = _text("compressed_response\n")
    resp.headers["Content-Encoding"] = "gzip"
    return resp


async def bad_request(request: web.Request, body: bytes) -> web.StreamResponse:
    return _text("Bad Request\n", status=400)


async def internalservererror(request: web.Request, body: bytes) -> web.StreamResponse:
    return _text("Internal Server Error\n", status=500)


async def plugin_proxy_rewrite_multi_header(request: web.Request, body: bytes) -> web.StreamResponse:
    pairs = [(k.lower(), v) for k, v in request.headers.items() if k.lower() not in BUILTIN_IGNORED]
    return _text(_lines(sorted(pairs, key=lambda kv: kv[0])))


def _nginx_page(code: int) -> web.Response:
    resp = web.Response(status=code, body=error_page(code).encode(),
                        headers={"Content-Type": "text/html"})
    return resp


ACTIONS: dict[str, Handler] = {
    "hello": hello, "hello_chunked": hello_chunked, "hello1": hello1, "course_foo": course_foo,
    "server_port": server_port, "server_port_route2": server_port, "server_port_hello": server_port,
    "server_port_aa": server_port, "limit_conn": limit_conn,
    "plugin_proxy_rewrite": plugin_proxy_rewrite, "plugin_proxy_rewrite_args": plugin_proxy_rewrite_args,
    "specific_status": specific_status, "status": status, "ewma": server_port,
    "uri": uri, "uri_plugin_proxy_rewrite": uri, "uri_plugin_proxy_rewrite_args": uri,
    "old_uri": old_uri, "with_header": with_header, "api_breaker": api_breaker, "mysleep": mysleep,
    "print_uri_detailed": print_uri_detailed, "print_request_received": print_request_received,
    "headers": headers, "echo": echo, "log": log, "log_request": log, "server_error": server_error,
    "plugin_proxy_rewrite_resp_header": plugin_proxy_rewrite_resp_header,
    "mock_compressed_upstream_response": mock_compressed_upstream_response,
    "bad_request": bad_request, "internalservererror": internalservererror,
    "plugin_proxy_rewrite_multi_header": plugin_proxy_rewrite_multi_header,
    **{f"print_uri_{i}": print_uri for i in range(1, 101)},
}


def action_name(path: str) -> str:
    """server.lua's go(): drop the leading '/', then '/', '\\', '.' and '-' become '_'."""
    out = path[1:]
    for char in "/\\.-":
        out = out.replace(char, "_")
    return out


async def dispatch(request: web.Request) -> web.StreamResponse:
    """Route by the path's action name; inject `resp-*` request headers into the response."""
    handler = ACTIONS.get(action_name(_uri(request)))
    if handler is None:
        return _nginx_page(404)
    body = await request.read()
    resp = await handler(request, body)
    for name, value in request.headers.items():
        if name.lower().startswith("resp-") and not resp.prepared:
            resp.headers[name[5:]] = value
    return resp


def create_test_upstream_app() -> web.Application:
    """The aiohttp app answering every path like APISIX's test server on port 1980."""
    app = web.Application(client_max_size=1024 ** 2 * 64)
    app.router.add_route("*", "/{tail:.*}", dispatch)
    app.on_response_prepare.append(_server_header)
    return app


async def _server_header(request: web.Request, response: web.StreamResponse) -> None:
    response.headers["Server"] = "openresty"


async def _serve(ports: list[int], host: str) -> None:
    runner = web.AppRunner(create_test_upstream_app(), access_log=None)
    await runner.setup()
    for port in ports:
        await web.TCPSite(runner, host, port).start()
        print(f"test upstream http://{host}:{port}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sandbox.apisix_test_upstream",
                                     description="APISIX's t/lib/server.lua test upstream")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, action="append", help="repeat to listen on several ports")
    args = parser.parse_args(argv)
    try:
        asyncio.run(_serve(args.port or [1980], args.host))
    except KeyboardInterrupt:
        return 0
    except OSError as err:
        print(f"test upstream: cannot listen: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
