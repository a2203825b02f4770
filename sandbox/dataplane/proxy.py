"""Forward a request to an upstream node like nginx's proxy module, with retries and timeouts."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from aiohttp import hdrs
from multidict import CIMultiDict
from yarl import URL

from sandbox.dataplane.balancer import DEFAULT_PORTS, Balancer, Node, chash_key, parse_nodes
from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.plugins._util import escape_uri
from sandbox.dataplane.resolve import Exit

HOP_BY_HOP = ("Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer",
              "Transfer-Encoding", "Upgrade", "Content-Length")


class NginxLikeRequest(aiohttp.ClientRequest):
    """aiohttp adds `Content-Length: 0` to every body-less POST/PUT/PATCH/DELETE; nginx forwards a
    body-less request without one, so the automatic header is dropped again."""

    def update_body_from_data(self, body: Any, *args: Any, **kwargs: Any) -> None:
        had_length = hdrs.CONTENT_LENGTH in self.headers
        super().update_body_from_data(body, *args, **kwargs)
        if body is None and not had_length:
            self.headers.popall(hdrs.CONTENT_LENGTH, None)


class UpstreamFailure(Exception):
    """Every try failed; `status` is 502 (error) or 504 (timeout), `statuses` each try's."""

    def __init__(self, status: int, statuses: list[int]) -> None:
        super().__init__(status)
        self.status = status
        self.statuses = statuses


def _host_header(ctx: RequestContext, upstream: dict[str, Any], node: Node, scheme: str) -> str:
    """set_upstream_host: pass keeps the client's Host (or proxy-rewrite's), node/rewrite replace it."""
    mode = upstream.get("pass_host", "pass")
    if mode == "rewrite" and upstream.get("upstream_host"):
        return str(upstream["upstream_host"])
    if mode == "node":
        default = DEFAULT_PORTS.get(scheme, 80)
        return node.host if node.port == default else f"{node.host}:{node.port}"
    return ctx.upstream_host or ctx.http_host


def _request_headers(ctx: RequestContext, host: str) -> CIMultiDict[str]:
    headers = CIMultiDict((k, v) for k, v in ctx.headers.items() if k not in HOP_BY_HOP
                          and k.lower() not in {h.lower() for h in HOP_BY_HOP})
    headers["Host"] = host
    if ctx.extra.get("websocket") and "Upgrade" in ctx.headers:
        # enable_websocket: $upstream_upgrade/$upstream_connection copy the client's headers
        headers["Upgrade"] = ctx.headers["Upgrade"]
        headers["Connection"] = ctx.headers.get("Connection", "")
    # proxy_set_header X-Real-IP $remote_addr / X-Forwarded-For $proxy_add_x_forwarded_for;
    # X-Forwarded-Proto/Host/Port were set on the request itself (context.forwarded_headers).
    headers["X-Real-IP"] = ctx.remote_addr
    prior = ctx.headers.get("X-Forwarded-For")
    headers["X-Forwarded-For"] = f"{prior}, {ctx.remote_addr}" if prior else ctx.remote_addr
    if ctx.body or ctx.extra.get("client_sent_length"):
        headers["Content-Length"] = str(len(ctx.body))  # nginx sends the buffered body's length
    return headers


def _timeout(route: dict[str, Any], upstream: dict[str, Any], default: float) -> aiohttp.ClientTimeout:
    conf = route.get("timeout") or upstream.get("timeout") or {}
    return aiohttp.ClientTimeout(total=None, sock_connect=float(conf.get("connect", default)),
                                 sock_read=float(conf.get("read", default)))


def _retries(upstream: dict[str, Any], nodes: list[Node]) -> int:
    retries = upstream.get("retries")
    return len(nodes) - 1 if retries is None or retries < 0 else int(retries)


async def _try(session: aiohttp.ClientSession, ctx: RequestContext, upstream: dict[str, Any],
               node: Node, timeout: aiohttp.ClientTimeout) -> aiohttp.ClientResponse:
    scheme = upstream.get("scheme", "http")
    scheme = "https" if scheme in ("https", "grpcs") else "http"
    path = ctx.upstream_uri or _default_uri(ctx)
    url = URL(f"{scheme}://{node.address}{path}", encoded=True)
    verify = bool((upstream.get("tls") or {}).get("verify")) if scheme == "https" else None
    return await session.request(
        ctx.extra.get("upstream_method", ctx.method), url,
        headers=_request_headers(ctx, _host_header(ctx, upstream, node, scheme)),
        data=ctx.body or None, allow_redirects=False, timeout=timeout,
        ssl=verify if verify else False, auto_decompress=False)


def _default_uri(ctx: RequestContext) -> str:
    """`proxy_pass ...$upstream_uri` with an empty $upstream_uri: nginx sends the client's URI as
    it came (r->unparsed_uri) unless a plugin changed the arguments; then the escaped $uri."""
    raw = ctx.extra.get("raw_uri")
    if raw is not None and ctx.args == ctx.extra.get("raw_args"):
        return raw
    return escape_uri(ctx.uri) + (f"?{ctx.args}" if ctx.args else "")


async def forward(session: aiohttp.ClientSession, balancer: Balancer, key: str,
                  ctx: RequestContext, route: dict[str, Any], upstream: dict[str, Any],
                  default_timeout: float) -> aiohttp.ClientResponse:
    """Send to picked nodes until one answers; raise Exit(502) if none can be picked."""
    nodes = parse_nodes(upstream)
    if not nodes:
        raise Exit(502)  # "no valid upstream node"
    timeout, tries, tried = _timeout(route, upstream, default_timeout), _retries(upstream, nodes), set()
    statuses: list[int] = []
    hash_key = chash_key(upstream, ctx.var, ctx.consumer_name) if upstream.get("type") == "chash" else None
    state: dict[str, Any] = {}
    for _ in range(tries + 1):
        node = balancer.pick(key, nodes, tried, upstream, hash_key, state)
        if node is None:
            break
        tried.add(node)
        try:
            ctx.extra["failed_tries"] = statuses  # $upstream_status before the answering try
            return await _try(session, ctx, upstream, node, timeout)
        except (asyncio.TimeoutError, aiohttp.ServerTimeoutError):
            statuses.append(504)
        except (aiohttp.ClientError, OSError):
            statuses.append(502)
    if not statuses:
        raise Exit(502)  # "failed to pick server"
    raise UpstreamFailure(statuses[-1], statuses)
