"""The active plugin registry: the hand-written ports, or APISIX's recorded catalogue when installed.

Without a catalogue the sandbox knows the plugins ported in this package (http and stream). With one
(`catalogue.install`), the catalogue's plugins replace them: its schemas, priorities and order win, and
a hand-written port only contributes the checks its Lua `check_schema` makes beyond the schema.
"""

from __future__ import annotations

from sandbox.validation import schema_def
from sandbox.validation.plugins import (access, apis, auth, limits, protocols, resilience, routing,
                                        security, serverless, transform)
from sandbox.validation.plugins.base import Plugin

# The ported plugins, by name (http and stream-only ones together).
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


class Registry:
    """Plugins per subsystem, their listing order, and the raw catalogue answers when loaded."""

    def __init__(self) -> None:
        self.http: dict[str, Plugin] = {}
        self.stream: dict[str, Plugin] = {}
        self.order: dict[str, list[str]] = {}
        self.catalogue: dict | None = None  # the loaded file, for plugins?all=true answers
        self.use_builtin()

    def use_builtin(self) -> None:
        self.http = {n: p for n, p in PLUGINS.items() if p.http}
        self.stream = {n: p for n, p in PLUGINS.items() if p.stream}
        self.order = {sub: [p.name for p in sorted(table.values(), key=lambda p: -p.priority)]
                      for sub, table in (("http", self.http), ("stream", self.stream))}
        self.catalogue = None

    def use(self, http: dict[str, Plugin], stream: dict[str, Plugin],
            order: dict[str, list[str]], catalogue: dict) -> None:
        self.http, self.stream, self.order, self.catalogue = http, stream, order, catalogue


ACTIVE = Registry()


def get(name: str, subsystem: str = "http") -> Plugin | None:
    """The plugin named `name` in `subsystem`, or None when APISIX would not know it."""
    table = ACTIVE.stream if subsystem == "stream" else ACTIVE.http
    return table.get(name)


def names(subsystem: str = "http") -> list[str]:
    """Plugin names enabled in `subsystem` ("http" or "stream"), in APISIX's list order."""
    return list(ACTIVE.order.get(subsystem, []))


def encrypt_fields(name: str, schema_type: int | None = None) -> tuple[str, ...]:
    """The plugin's encrypt_fields for that schema type (plugin.lua get_plugin_schema_for_gde)."""
    plugin = ACTIVE.http.get(name) or ACTIVE.stream.get(name)
    return plugin.fields_for(schema_type) if plugin else ()


__all__ = ["ACTIVE", "PLUGINS", "Plugin", "encrypt_fields", "get", "names"]
