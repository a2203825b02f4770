"""Request-time plugins: registry, APISIX priority order and phase runners."""

from __future__ import annotations

import logging
from functools import lru_cache
from types import ModuleType
from typing import Any

from sandbox.dataplane import expr
from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.runtime import ResponseState, Runtime
from sandbox.dataplane.plugins import (
    basic_auth, consumer_restriction, cors, echo, fault_injection, ip_restriction, key_auth,
    limit_count, limit_req, mocking, proxy_rewrite, redirect, request_id, response_rewrite,
    traffic_split,
)

REGISTRY: dict[str, ModuleType] = {m.NAME: m for m in (
    basic_auth, consumer_restriction, cors, echo, fault_injection, ip_restriction, key_auth,
    limit_count, limit_req, mocking, proxy_rewrite, redirect, request_id, response_rewrite,
    traffic_split,
)}
log = logging.getLogger("sandbox.gateway")
_reported: set[str] = set()  # plugins already logged as passing traffic through

Plugins = list[tuple[ModuleType, dict[str, Any]]]


@lru_cache(maxsize=None)
def priority(name: str) -> int:
    """The plugin's APISIX priority (sandbox.validation when available)."""
    try:
        from sandbox.validation import plugin_priority
        return int(plugin_priority(name))
    except Exception:  # validation package missing or plugin unknown to it
        module = REGISTRY.get(name)
        return module.PRIORITY if module else 0


def _disabled(conf: Any) -> bool:
    meta = conf.get("_meta") if isinstance(conf, dict) else None
    return bool(isinstance(meta, dict) and meta.get("disable"))


def ordered(plugins: dict[str, Any] | None) -> Plugins:
    """Implemented, enabled plugins sorted by priority, highest first; others pass traffic through
    (logged once per plugin name, so a demo shows which configured plugins did nothing)."""
    out = []
    for name, conf in (plugins or {}).items():
        if name in REGISTRY:
            if not _disabled(conf):
                out.append((REGISTRY[name], conf))
        elif name not in _reported:
            _reported.add(name)
            log.warning("plugin %s is not run by the sandbox gateway; traffic passes through", name)
    return sorted(out, key=lambda item: priority(item[0].NAME), reverse=True)


def meta_filter(module: ModuleType, conf: Any, ctx: RequestContext) -> bool:
    """`_meta.filter`: the plugin runs only for requests its vars match (decided once per request)."""
    rules = conf.get("_meta", {}).get("filter") if isinstance(conf, dict) else None
    if not rules:
        return True
    cache = ctx.extra.setdefault("meta_filter", {})
    if module.NAME not in cache:
        cache[module.NAME] = expr.evaluate(rules, ctx.var)
    return bool(cache[module.NAME])


async def run_phase(phase: str, plugins: Plugins, ctx: RequestContext, rt: Runtime) -> None:
    """Run `rewrite` or `access` of each plugin; a plugin stops the request by raising Exit."""
    for module, conf in plugins:
        handler = getattr(module, phase, None)
        if handler is not None and meta_filter(module, conf, ctx):
            await handler(conf, ctx, rt)


def run_response(plugins: Plugins, ctx: RequestContext, resp: ResponseState) -> None:
    """header_filter then body_filter of each plugin."""
    for phase in ("header_filter", "body_filter"):
        for module, conf in plugins:
            handler = getattr(module, phase, None)
            if handler is not None and meta_filter(module, conf, ctx):
                handler(conf, ctx, resp)


def needs_body(plugins: Plugins) -> bool:
    return any(hasattr(m, "body_filter") and m.wants_body(c) for m, c in plugins)
