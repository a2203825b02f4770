"""Per-request state shared by the router, plugins and proxy (APISIX's api_ctx and ngx.var)."""

from __future__ import annotations

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
    """nginx's $uri: percent-decoded, with '.'/'..' segments and repeated slashes resolved."""
    path = unquote(raw_path.split("?", 1)[0]) or "/"
    parts: list[str] = []
    for seg in path.split("/")[1:]:
        if seg == "..":
            if parts:
                parts.pop()
        elif seg not in (".",):
            parts.append(seg)
    merged = "/" + "/".join(parts)
    while "//" in merged:
        merged = merged.replace("//", "/")
    return merged


async def from_request(request: web.Request) -> RequestContext:
    """Build the context from an aiohttp request."""
    peer = request.transport.get_extra_info("peername") if request.transport else None
    sock = request.transport.get_extra_info("sockname") if request.transport else None
    raw = request.raw_path
    return RequestContext(
        method=request.method,
        uri=normalize_uri(raw),
        args=raw.split("?", 1)[1] if "?" in raw else "",
        headers=CIMultiDict(request.headers),
        body=await request.read(),
        remote_addr=peer[0] if peer else "127.0.0.1",
        scheme=request.scheme,
        server_port=sock[1] if sock else 0,
        http_host=request.headers.get("Host", ""),
    )
