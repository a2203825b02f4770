"""Handlers for tag `plugins`: the plugin list, the whole catalogue and each plugin's JSON schemas (read-only)."""

from __future__ import annotations

from typing import Any

from apisix_gpt import pipeline
from apisix_gpt.errors import RequestRejected
from apisix_gpt.replies import Reply, reply


async def list_plugins(subsystem: str | None = None) -> Reply:
    return await pipeline.get(pipeline.admin_path("plugins", "list"), subsystem=subsystem)


async def get_plugin(plugin_name: str, subsystem: str | None = None,
                     schema_type: str | None = None) -> Reply:
    if schema_type == "metadata":
        return await _metadata_schema(plugin_name, subsystem)
    return await pipeline.get(pipeline.admin_path("plugins", plugin_name),
                              subsystem=subsystem, schema_type=schema_type)


async def get_all_plugins(all: bool, subsystem: str | None = None) -> Reply:  # noqa: A002
    return await pipeline.get(pipeline.admin_path("plugins"), all=all, subsystem=subsystem)


async def get_plugin_schema(plugin_name: str, schema_type: str | None = None) -> Reply:
    return await pipeline.get(pipeline.admin_path("schema", "plugins", plugin_name), schema_type=schema_type)


async def _metadata_schema(plugin_name: str, subsystem: str | None) -> Reply:
    """A plugin's `metadata_schema`, taken from `plugins?all=true`.

    APISIX has no `schema_type=metadata` query (`GET /plugins/{name}` ignores it and answers the
    route schema), so the one document that carries metadata schemas is read and only this
    plugin's part is returned: the model gets a small, truthful answer.
    """
    catalogue: Any = await pipeline.get_body(pipeline.admin_path("plugins"), all=True, subsystem=subsystem)
    entry = catalogue.get(plugin_name) if isinstance(catalogue, dict) else None
    if not isinstance(entry, dict):
        raise RequestRejected(f"path.plugin_name: APISIX has no enabled plugin named {plugin_name!r}; "
                              "listPlugins names the enabled ones")
    schema = entry.get("metadata_schema")
    if not isinstance(schema, dict):
        raise RequestRejected(f"query.schema_type: plugin {plugin_name!r} has no metadata schema, so it "
                              "takes no plugin_metadata")
    return reply(schema)
