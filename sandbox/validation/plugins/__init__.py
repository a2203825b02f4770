"""The ported APISIX plugins (http and stream) by name, `_meta` injected as plugin.lua does."""

from __future__ import annotations

from sandbox.validation import schema_def
from sandbox.validation.plugins import (access, apis, auth, limits, protocols, resilience, routing,
                                        security, serverless, transform)
from sandbox.validation.plugins.base import Plugin

PLUGINS: dict[str, Plugin] = {
    p.name: p
    for module in (auth, limits, transform, access, routing, apis, protocols, serverless, security,
                   resilience)
    for p in module.PLUGINS
}


def _inject_meta(plugin: Plugin) -> None:
    """plugin.lua load_plugin: add `_meta` to properties and the `$comment` mark, once."""
    injected = schema_def.plugin_injected_schema
    schema = plugin.schema
    if schema.get("$comment") != injected["$comment"]:
        schema.setdefault("properties", {})["_meta"] = injected["_meta"]
        schema["$comment"] = injected["$comment"]


for _plugin in PLUGINS.values():
    _inject_meta(_plugin)


def get(name: str) -> Plugin | None:
    """The plugin named `name`, or None when APISIX would not know it."""
    return PLUGINS.get(name)


def names(subsystem: str = "http") -> list[str]:
    """Plugin names enabled in `subsystem` ("http" or "stream"), by priority, highest first."""
    chosen = [p for p in PLUGINS.values() if (p.stream if subsystem == "stream" else p.http)]
    return [p.name for p in sorted(chosen, key=lambda p: -p.priority)]


def encrypt_fields(name: str) -> tuple[str, ...]:
    """The plugin's encrypt_fields (empty for unknown plugins)."""
    plugin = PLUGINS.get(name)
    return plugin.encrypt_fields if plugin else ()


__all__ = ["PLUGINS", "Plugin", "encrypt_fields", "get", "names"]
