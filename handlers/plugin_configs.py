"""Handlers for tag `plugin_configs`: the APISIX `/apisix/admin/plugin_configs` resource."""

from __future__ import annotations

from typing import Any

from apisix_gpt import pipeline
from apisix_gpt.replies import Reply
from handlers.attribute_guard import check_attribute
from handlers.in_body import put_in_body


async def list_plugin_configs(page: int = 1, page_size: int | None = None,
                              name: str | None = None, label: str | None = None) -> Reply:
    return await pipeline.get_list(pipeline.admin_path("plugin_configs"), page, page_size,
                                   name=name, label=label)


async def get_plugin_config(plugin_config_id: str) -> Reply:
    return await pipeline.get(pipeline.admin_path("plugin_configs", plugin_config_id))


async def put_plugin_config(plugin_config_id: str, body: dict[str, Any],
                            ttl: int | None = None) -> Reply:
    path = pipeline.admin_path("plugin_configs", plugin_config_id)
    return await pipeline.write("PUT", path, body, ttl)


async def patch_plugin_config(plugin_config_id: str, body: dict[str, Any],
                              ttl: int | None = None) -> Reply:
    path = pipeline.admin_path("plugin_configs", plugin_config_id)
    return await pipeline.write("PATCH", path, body, ttl)


async def delete_plugin_config(plugin_config_id: str, force: bool | None = None) -> Reply:
    return await pipeline.delete(pipeline.admin_path("plugin_configs", plugin_config_id), force)


async def patch_plugin_config_attribute(plugin_config_id: str, attribute_path: str, body: Any,
                                        ttl: int | None = None) -> Reply:
    check_attribute("plugin_configs", attribute_path, body)
    path = pipeline.admin_path("plugin_configs", plugin_config_id, sub_path=attribute_path)
    return await pipeline.write("PATCH", path, body, ttl,
                                pipeline.admin_path("plugin_configs", plugin_config_id))


async def put_plugin_config_in_body(body: dict[str, Any], ttl: int | None = None) -> Reply:
    return await put_in_body(("plugin_configs",), body, ttl)
