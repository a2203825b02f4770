"""Handlers for tag `consumer_groups`: the APISIX `/apisix/admin/consumer_groups` resource."""

from __future__ import annotations

from typing import Any

from apisix_gpt import pipeline
from apisix_gpt.replies import Reply
from handlers.attribute_guard import check_attribute


async def list_consumer_groups(page: int = 1, page_size: int | None = None,
                               name: str | None = None, label: str | None = None) -> Reply:
    return await pipeline.get_list(pipeline.admin_path("consumer_groups"), page, page_size,
                                   name=name, label=label)


async def get_consumer_group(consumer_group_id: str) -> Reply:
    return await pipeline.get(pipeline.admin_path("consumer_groups", consumer_group_id))


async def put_consumer_group(consumer_group_id: str, body: dict[str, Any],
                             ttl: int | None = None) -> Reply:
    path = pipeline.admin_path("consumer_groups", consumer_group_id)
    return await pipeline.write("PUT", path, body, ttl)


async def patch_consumer_group(consumer_group_id: str, body: dict[str, Any],
                               ttl: int | None = None) -> Reply:
    path = pipeline.admin_path("consumer_groups", consumer_group_id)
    return await pipeline.write("PATCH", path, body, ttl)


async def delete_consumer_group(consumer_group_id: str, force: bool | None = None) -> Reply:
    return await pipeline.delete(pipeline.admin_path("consumer_groups", consumer_group_id), force)


async def patch_consumer_group_attribute(consumer_group_id: str, attribute_path: str, body: Any,
                                         ttl: int | None = None) -> Reply:
    check_attribute("consumer_groups", attribute_path, body)
    path = pipeline.admin_path("consumer_groups", consumer_group_id, sub_path=attribute_path)
    return await pipeline.write("PATCH", path, body, ttl,
                                pipeline.admin_path("consumer_groups", consumer_group_id))
