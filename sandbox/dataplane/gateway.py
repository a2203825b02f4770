"""The gateway request handler: match, merge, run plugins, proxy, filter the response."""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
from aiohttp import web
from multidict import CIMultiDict

from sandbox.dataplane import pages, plugins, resolve
from sandbox.dataplane.balancer import Balancer
from sandbox.dataplane.context import RequestContext, from_request, nginx_refuses
from sandbox.dataplane.proxy import HOP_BY_HOP, NginxLikeRequest, UpstreamFailure, forward
from sandbox.dataplane.resolve import Exit
from sandbox.dataplane.router import RouterCache
from sandbox.dataplane.runtime import ResponseState, Runtime
from sandbox.settings import SandboxSettings
from sandbox.store import Store

log = logging.getLogger("sandbox.gateway")
GATEWAY_KEY: web.AppKey["Gateway"] = web.AppKey("gateway")
# plugins of type "auth" (plugins.json): never merged from a consumer into the route
AUTH_PLUGINS = {"basic-auth", "hmac-auth", "jwe-decrypt", "jwt-auth", "key-auth", "ldap-auth",
                "ldap-auth-advanced", "multi-auth", "wolf-rbac"}
RESP_DROP = {h.lower() for h in HOP_BY_HOP if h != "Content-Length"} | {"server"}


class Gateway:
    """Holds the router cache, balancer state and the upstream HTTP client."""

    def __init__(self, store: Store, settings: SandboxSettings) -> None:
        self.rt = Runtime(store, settings)
        self.routes = RouterCache(store)
        self.balancer = Balancer()
        self.session: aiohttp.ClientSession | None = None
        self.server_header = f"APISIX/{settings.version}"

    async def start(self, app: web.Application) -> None:
        self.session = aiohttp.ClientSession(
            skip_auto_headers=("User-Agent", "Accept-Encoding", "Accept", "Content-Type"),
            # No force_close: it would add `Connection: close`; nginx sends no Connection header
            # (APISIX's $upstream_connection is empty). Each response is closed after use instead.
            connector=aiohttp.TCPConnector(limit=0), request_class=NginxLikeRequest)

    async def stop(self, app: web.Application) -> None:
        if self.session is not None:
            await self.session.close()

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if nginx_refuses(request.raw_path):  # nginx refuses it while parsing, before APISIX runs
            status, headers, body = pages.exit_response(400)
            headers["Server"] = "openresty"
            return web.Response(status=status, headers=headers,
                                body=b"" if request.method == "HEAD" else body)
        ctx = await from_request(request)
        store = self.rt.store
        global_conf, global_parents = _merge_globals(resolve.global_rules(store))
        global_plugins = plugins.ordered(global_conf)
        route_plugins: plugins.Plugins = []  # filled before anything runs, edited in place
        try:
            entry = self.routes.get().match(ctx)
            if entry is None:
                await self._run_globals(global_plugins, global_parents, ctx)
                raise Exit(404, {"error_msg": "404 Route Not Found"})
            eff = resolve.effective_route(entry.value, entry.modified_index, store)
            ctx.route, ctx.route_id, ctx.service_id = eff.value, entry.id, eff.service_id
            ctx.conf_type, ctx.conf_version = eff.conf_type, eff.conf_version
            ctx.extra["websocket"] = bool(eff.value.get("enable_websocket"))
            # known before global rules run: when anything exits, the route's plugins still get
            # their header and body filters (APISIX's api_ctx.plugins is set at match time)
            route_plugins.extend(plugins.ordered(eff.value.get("plugins")))
            # http_access_phase's order: global rewrite, route rewrite (then the consumer's
            # plugins), global access, route access
            await self._phase("rewrite", global_plugins, global_parents, ctx)
            await self._run_route_rewrite(eff.value, ctx, route_plugins, eff.parents)
            await self._phase("access", global_plugins, global_parents, ctx)
            await self._phase("access", route_plugins, eff.parents, ctx)
            upstream, key = self._upstream(eff.value, entry.id, ctx)
            upstream_resp = await forward(self.session, self.balancer, key, ctx, eff.value,
                                          upstream, self.rt.settings.proxy_timeout)
        except Exit as stop:
            return await self._exit(request, ctx, global_plugins + route_plugins, stop)
        except UpstreamFailure as fail:
            tried = ", ".join(map(str, fail.statuses))
            stop = Exit(fail.status, None, {"X-APISIX-Upstream-Status": tried})
            return await self._exit(request, ctx, global_plugins + route_plugins, stop)
        return await self._relay(request, ctx, global_plugins + route_plugins, upstream_resp)

    def _upstream(self, route: dict[str, Any], route_id: str,
                  ctx: RequestContext) -> tuple[dict[str, Any], str]:
        """The upstream to proxy to and its balancer key: a plugin's choice (traffic-split)
        or the route's."""
        override = ctx.extra.get("upstream_override")
        if override and override[0] == "id":
            return resolve.upstream_for({"upstream_id": override[1]}, self.rt.store), override[1]
        if override and override[0] == "inline":
            return override[2], override[1]
        upstream = resolve.upstream_for(route, self.rt.store)
        return upstream, f"{route.get('upstream_id') or route_id}"

    async def _phase(self, phase: str, active: plugins.Plugins, parents: dict[str, str],
                     ctx: RequestContext) -> None:
        """One phase of `active`; `parents` names the object each plugin's conf belongs to."""
        ctx.extra["plugin_parents"] = parents
        await plugins.run_phase(phase, active, ctx, self.rt)

    async def _run_globals(self, global_plugins: plugins.Plugins, parents: dict[str, str],
                           ctx: RequestContext) -> None:
        await self._phase("rewrite", global_plugins, parents, ctx)
        await self._phase("access", global_plugins, parents, ctx)

    async def _run_route_rewrite(self, route: dict[str, Any], ctx: RequestContext,
                                 active: plugins.Plugins, parents: dict[str, str]) -> None:
        """The route's rewrite phase; once a consumer is attached, its group's and its own
        plugins join `active` and the newly added ones run their rewrite too."""
        await self._phase("rewrite", active, parents, ctx)
        if ctx.consumer is None:
            return
        extra = self._consumer_plugins(ctx, parents)
        if not extra:
            return
        before = {module.NAME for module, _ in active}
        merged = dict(route.get("plugins") or {})
        merged.update(extra)
        active[:] = plugins.ordered(merged)
        added = [item for item in active if item[0].NAME not in before]
        await self._phase("rewrite", added, parents, ctx)

    def _consumer_plugins(self, ctx: RequestContext, parents: dict[str, str]) -> dict[str, Any]:
        """merge_consumer_route: the consumer group's plugins, then the consumer's own (which
        win), auth plugins left out; `parents` learns where each came from."""
        assert ctx.consumer is not None
        consumer = ctx.consumer.get("consumer") or {}
        out: dict[str, Any] = {}
        group_id = consumer.get("group_id")
        if group_id is not None:
            group = resolve.fetch(self.rt.store, "consumer_groups", group_id)
            if group is None:
                raise Exit(503)  # "failed to fetch consumer group config by id"
            for name, conf in (group.get("plugins") or {}).items():
                out[name] = conf
                parents[name] = f"/apisix/consumer_groups/{group_id}"
        for name, conf in (consumer.get("plugins") or {}).items():
            if name in AUTH_PLUGINS:
                continue
            out[name] = conf
            parents[name] = f"/apisix/consumers/{ctx.consumer_name}"
        return out

    def _base_headers(self, ctx: RequestContext, headers: CIMultiDict[str]) -> CIMultiDict[str]:
        out = CIMultiDict(headers)
        out.extend(ctx.resp_headers)
        return out

    async def _exit(self, request: web.Request, ctx: RequestContext,
                    active: plugins.Plugins, stop: Exit) -> web.StreamResponse:
        status, headers, body = pages.exit_response(stop.status, stop.body)
        headers = self._base_headers(ctx, headers)
        headers.update(stop.headers)
        state = ResponseState(status, headers, body)
        plugins.run_response(active, ctx, state)
        return self._buffered(request, state)

    def _buffered(self, request: web.Request, state: ResponseState) -> web.Response:
        state.headers["Server"] = self.server_header
        pages.charset_filter(state.status, state.headers)
        state.headers.popall("Content-Length", None)
        body = b"" if request.method == "HEAD" else (state.body or b"")
        return web.Response(status=state.status, body=body, headers=state.headers)

    async def _relay(self, request: web.Request, ctx: RequestContext, active: plugins.Plugins,
                     upstream: aiohttp.ClientResponse) -> web.StreamResponse:
        try:
            headers = CIMultiDict((k, v) for k, v in upstream.headers.items()
                                  if k.lower() not in RESP_DROP)
            headers = self._base_headers(ctx, headers)
            if upstream.status >= 500:  # the whole $upstream_status when the last try is a 5xx
                chain = [*ctx.extra.get("failed_tries", []), upstream.status]
                headers["X-APISIX-Upstream-Status"] = ", ".join(map(str, chain))
            buffered = plugins.needs_body(active)
            body = await upstream.read() if buffered else None
            state = ResponseState(upstream.status, headers, body, from_upstream=True)
            plugins.run_response(active, ctx, state)
            if state.body is not None:
                return self._buffered(request, state)
            return await self._stream(request, state, upstream)
        finally:
            upstream.close()

    async def _stream(self, request: web.Request, state: ResponseState,
                      upstream: aiohttp.ClientResponse) -> web.StreamResponse:
        state.headers["Server"] = self.server_header
        pages.charset_filter(state.status, state.headers)
        resp = web.StreamResponse(status=state.status, headers=state.headers)
        await resp.prepare(request)
        try:
            async for chunk in upstream.content.iter_any():
                await resp.write(chunk)
        except (aiohttp.ClientError, OSError) as err:  # upstream broke mid-body; nginx just closes
            log.warning("upstream body interrupted: %s", err)
        await resp.write_eof()
        return resp


def _merge_globals(rules: list[tuple[str, dict[str, Any]]]) -> tuple[dict[str, Any], dict[str, str]]:
    """All global rules' plugins as one set (the first rule wins per plugin), and which rule's
    key each plugin came from (limit-count keys its counters by it)."""
    merged: dict[str, Any] = {}
    parents: dict[str, str] = {}
    for key, plugins_conf in rules:
        for name, conf in plugins_conf.items():
            if name not in merged:
                merged[name], parents[name] = conf, key
    return merged, parents


def build_app(store: Store, settings: SandboxSettings) -> web.Application:
    """The aiohttp application answering every path and method."""
    gateway = Gateway(store, settings)
    app = web.Application(client_max_size=1024 ** 2 * 64)
    app[GATEWAY_KEY] = gateway
    app.on_startup.append(gateway.start)
    app.on_cleanup.append(gateway.stop)
    app.router.add_route("*", "/{tail:.*}", gateway.handle)
    return app
