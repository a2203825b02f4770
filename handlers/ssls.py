"""Handlers for tag `ssls`: the APISIX `/apisix/admin/ssls` resource."""

from __future__ import annotations

from typing import Any

from apisix_gpt import pipeline
from apisix_gpt.replies import Reply
from handlers.attribute_guard import check_attribute


async def list_ssls(page: int = 1, page_size: int | None = None,
                    name: str | None = None, label: str | None = None) -> Reply:
    return await pipeline.get_list(pipeline.admin_path("ssls"), page, page_size,
                                   name=name, label=label)


async def create_ssl(body: dict[str, Any], ttl: int | None = None) -> Reply:
    return await pipeline.write("POST", pipeline.admin_path("ssls"), body, ttl)


async def get_ssl(ssl_id: str) -> Reply:
    return await pipeline.get(pipeline.admin_path("ssls", ssl_id))


async def put_ssl(ssl_id: str, body: dict[str, Any],
                  ttl: int | None = None) -> Reply:
    path = pipeline.admin_path("ssls", ssl_id)
    return await pipeline.write("PUT", path, body, ttl)


async def patch_ssl(ssl_id: str, body: dict[str, Any],
                    ttl: int | None = None) -> Reply:
    path = pipeline.admin_path("ssls", ssl_id)
    return await pipeline.write("PATCH", path, body, ttl)


async def delete_ssl(ssl_id: str, force: bool | None = None) -> Reply:
    return await pipeline.delete(pipeline.admin_path("ssls", ssl_id), force)


async def patch_ssl_attribute(ssl_id: str, attribute_path: str, body: Any,
                              ttl: int | None = None) -> Reply:
    check_attribute("ssls", attribute_path, body)
    path = pipeline.admin_path("ssls", ssl_id, sub_path=attribute_path)
    return await pipeline.write("PATCH", path, body, ttl,
                                pipeline.admin_path("ssls", ssl_id))
