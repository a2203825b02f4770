"""Handlers for tag `plugins`: the plugin list and each plugin's JSON schema (read-only)."""

from __future__ import annotations

from apisix_gpt import pipeline
from apisix_gpt.replies import Reply


async def list_plugins(subsystem: str | None = None) -> Reply:
    return await pipeline.get(pipeline.admin_path("plugins", "list"), subsystem=subsystem)


async def get_plugin(plugin_name: str, subsystem: str | None = None,
                     schema_type: str | None = None) -> Reply:
    return await pipeline.get(pipeline.admin_path("plugins", plugin_name),
                              subsystem=subsystem, schema_type=schema_type)
