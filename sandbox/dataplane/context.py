"""Per-request state shared by the router, plugins and proxy (APISIX's api_ctx and ngx.var)."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote

from aiohttp import web
from multidict import CIMultiDict


@dataclass
class RequestContext:
    """What the gateway knows about one request; plugins read and change it."""

    method: str
    uri: str  # decoded, normalised path (ngx.var.uri)
    args: str  # raw query string without '?'
    headers: CIMultiDict[str]  # request headers sent upstream (plugins may edit)
    body: bytes
    remote_addr: str
    scheme: str
    server_port: int
    http_host: str  # raw Host header, port included
    route: dict[str, Any] | None = None
    route_id: str | None = None
    conf_type: str = "route"
    conf_version: str = ""
    service_id: str | None = None
    consumer: dict[str, Any] | None = None
    consumer_name: str | None = None
    upstream_uri: str | None = None  # set by proxy-rewrite; None means uri + args
    upstream_host: str | None = None  # ngx.var.upstream_host override
    resp_headers: CIMultiDict[str] = field(default_factory=CIMultiDict)  # added to any response
    extra: dict[str, Any] = field(default_factory=dict)  # plugin scratch space

    @property
    def host(self) -> str:
        """ngx.var.host: the Host header without port, lower-cased."""
        host = self.http_host or "localhost"
        if host.startswith("["):
            return host.split("]")[0].lower() + "]"
        return host.rsplit(":", 1)[0].lower() if host.count(":") == 1 else host.lower()

    @property
    def query(self) -> dict[str, str]:
        """First value per argument, as ngx.var.arg_* sees them."""
        out: dict[str, str] = {}
        for key, value in parse_qsl(self.args, keep_blank_values=True):
            out.setdefault(key, value)
        return out

    def var(self, name: str) -> Any:
        """ngx.var lookup for the variables routes, vars and plugins commonly use."""
        simple = {
            "uri": self.uri, "request_method": self.method, "remote_addr": self.remote_addr,
            "host": self.host, "scheme": self.scheme, "server_port": str(self.server_port),
            "args": self.args or None, "is_args": "?" if self.args else "",
            "request_uri": self.uri + ("?" + self.args if self.args else ""),
            "http_host": self.http_host, "route_id": self.route_id,
            "service_id": self.service_id, "consumer_name": self.consumer_name,
            "upstream_host": self.upstream_host or self.http_host,
        }
        if name in simple:
            return simple[name]
        if name.startswith("arg_"):
            return self.query.get(name[4:])
        if name.startswith("http_"):
            return self.headers.get(name[5:].replace("_", "-"))
        if name.startswith("cookie_"):
            return _cookies(self.headers.get("Cookie", "")).get(name[7:])
        if name.startswith("post_arg_"):
            return dict(parse_qsl(self.body.decode(errors="replace"))).get(name[9:])
        return None


def _cookies(header: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in header.split(";"):
        if "=" in part:
            key, value = part.split("=", 1)
            out.setdefault(key.strip(), value.strip())
    return out


def normalize_uri(raw_path: str) -> str:
    """nginx's $uri: percent-decoded, repeated slashes merged, then '.'/'..' segments resolved.

    nginx's parser merges slashes as it reads them, before a following '..' removes a segment:
    `/a//../b` is `/b`, not `/a/b`. A '..' above the root is clamped here; nginx itself answers
    400 to such a path before routing (see `nginx_refuses`).
    """
    path = re.sub(r"/{2,}", "/", unquote(raw_path.split("?", 1)[0]) or "/")
    parts: list[str] = []
    segments = path.split("/")[1:]
    for seg in segments:
        if seg == "..":
            if parts:
                parts.pop()
        elif seg != ".":
            parts.append(seg)
    trailing = segments[-1] in (".", "..") if segments else False
    return "/" + "/".join(parts) + ("/" if trailing and parts else "")


_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def nginx_refuses(raw_path: str) -> bool:
    """True when nginx's URI parser refuses the path with 400 Bad Request before any routing:
    a '%' not followed by two hex digits, an encoded NUL, or '..' climbing above '/'."""
    path = raw_path.split("?", 1)[0]
    if _BAD_PERCENT.search(path) or "%00" in path:
        return True
    path = re.sub(r"/{2,}", "/", unquote(path) or "/")
    depth = 0
    for seg in path.split("/")[1:]:
        if seg == "..":
            depth -= 1
            if depth < 0:
                return True
        elif seg not in (".", ""):
            depth += 1
    return False


TRUSTED_REAL_IP_FROM = ("127.0.0.1",)  # APISIX's default `real_ip_from` (set_real_ip_from)


def real_ip(peer: str, headers: CIMultiDict[str]) -> str:
    """ngx_http_realip with `real_ip_header X-Real-IP` from a trusted peer: its address, if valid."""
    claimed = headers.get("X-Real-IP")
    if peer not in TRUSTED_REAL_IP_FROM or not claimed:
        return peer
    try:
        return str(ipaddress.ip_address(claimed.strip()))
    except ValueError:
        return peer


def forwarded_headers(headers: CIMultiDict[str], scheme: str, server_port: int) -> None:
    """APISIX's X-Forwarded-* sanitisation (ngx_tpl.lua `more_set_input_headers`): the client's
    values are replaced, Host keeps its case and port, the port comes from Host when it has one."""
    http_host = headers.get("Host", "")
    port = re.search(r":(\d+)$", http_host)
    headers["X-Forwarded-Proto"] = scheme
    headers["X-Forwarded-Host"] = http_host or "localhost"
    headers["X-Forwarded-Port"] = port.group(1) if port else str(server_port)
    headers.popall("Forwarded", None)


def build_context(method: str, raw_path: str, client_headers: Any, body: bytes = b"",
                  peer: str = "127.0.0.1", scheme: str = "http",
                  server_port: int = 9080) -> RequestContext:
    """The context nginx and APISIX would build for a request: normalised uri, sanitised
    X-Forwarded-* headers, realip. Usable without a connection (e.g. to explain a match)."""
    headers = CIMultiDict(client_headers)
    forwarded_headers(headers, scheme, server_port)
    args = raw_path.split("?", 1)[1] if "?" in raw_path else ""
    ctx = RequestContext(
        method=method, uri=normalize_uri(raw_path), args=args, headers=headers, body=body,
        remote_addr=real_ip(peer, headers), scheme=scheme, server_port=server_port,
        http_host=CIMultiDict(client_headers).get("Host", ""))
    ctx.extra["realip_remote_addr"] = peer
    ctx.extra["raw_uri"], ctx.extra["raw_args"] = raw_path, args
    ctx.extra["client_sent_length"] = ("Content-Length" in headers
                                       or "Transfer-Encoding" in headers)
    return ctx


async def from_request(request: web.Request) -> RequestContext:
    """Build the context from an aiohttp request."""
    peer = request.transport.get_extra_info("peername") if request.transport else None
    sock = request.transport.get_extra_info("sockname") if request.transport else None
    return build_context(request.method, request.raw_path, request.headers, await request.read(),
                         peer[0] if peer else "127.0.0.1", request.scheme,
                         sock[1] if sock else 0)
