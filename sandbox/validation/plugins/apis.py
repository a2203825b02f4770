"""Plugins that mostly serve APIs or tests: example-plugin, node-status, public-api."""

from __future__ import annotations

from sandbox.validation.plugins.base import Plugin

# apisix/plugins/example-plugin.lua: its check_schema picks metadata_schema for TYPE_METADATA.
example_plugin = Plugin(
    name="example-plugin", priority=0, version=0.1,
    schema={"type": "object", "properties": {
        "i": {"type": "number", "minimum": 0},
        "s": {"type": "string"},
        "t": {"type": "array", "minItems": 1},
        "ip": {"type": "string"},
        "port": {"type": "integer"},
    }, "required": ["i"]},
    metadata_schema={"type": "object", "properties": {
        "ikey": {"type": "number", "minimum": 0},
        "skey": {"type": "string"},
    }, "required": ["ikey", "skey"]},
)

# Not in the default `plugins` list of 3.18's config; tests enable it explicitly.
node_status = Plugin(
    name="node-status", priority=1000, version=0.1, scope="global",
    schema={"type": "object", "additionalProperties": False},
)

public_api = Plugin(
    name="public-api", priority=501, version=0.1,
    schema={"type": "object", "properties": {"uri": {"type": "string"}}},
)

PLUGINS = (example_plugin, node_status, public_api)
