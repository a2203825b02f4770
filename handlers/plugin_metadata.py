"""Handlers for tag `plugin_metadata`: the APISIX `/apisix/admin/plugin_metadata` resource."""

from __future__ import annotations

from typing import Any

from apisix_gpt import pipeline
from apisix_gpt.replies import Reply


async def list_plugin_metadata(page: int = 1, page_size: int | None = None,
                               name: str | None = None, label: str | None = None) -> Reply:
    return await pipeline.get_list(pipeline.admin_path("plugin_metadata"), page, page_size,
                                   name=name, label=label)


async def get_plugin_metadata(plugin_name: str) -> Reply:
    return await pipeline.get(pipeline.admin_path("plugin_metadata", plugin_name))


async def put_plugin_metadata(plugin_name: str, body: dict[str, Any],
                              ttl: int | None = None) -> Reply:
    path = pipeline.admin_path("plugin_metadata", plugin_name)
    return await pipeline.write("PUT", path, body, ttl)


async def delete_plugin_metadata(plugin_name: str, force: bool | None = None) -> Reply:
    return await pipeline.delete(pipeline.admin_path("plugin_metadata", plugin_name), force)
