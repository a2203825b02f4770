"""Handlers for tag `upstreams`: the APISIX `/apisix/admin/upstreams` resource."""

from __future__ import annotations

from typing import Any

from apisix_gpt import pipeline
from apisix_gpt.replies import Reply
from handlers.attribute_guard import check_attribute
from handlers.in_body import put_in_body


async def list_upstreams(page: int = 1, page_size: int | None = None,
                         name: str | None = None, label: str | None = None) -> Reply:
    return await pipeline.get_list(pipeline.admin_path("upstreams"), page, page_size,
                                   name=name, label=label)


async def create_upstream(body: dict[str, Any], ttl: int | None = None) -> Reply:
    return await pipeline.write("POST", pipeline.admin_path("upstreams"), body, ttl)


async def get_upstream(upstream_id: str) -> Reply:
    return await pipeline.get(pipeline.admin_path("upstreams", upstream_id))


async def put_upstream(upstream_id: str, body: dict[str, Any],
                       ttl: int | None = None) -> Reply:
    path = pipeline.admin_path("upstreams", upstream_id)
    return await pipeline.write("PUT", path, body, ttl)


async def patch_upstream(upstream_id: str, body: dict[str, Any],
                         ttl: int | None = None) -> Reply:
    path = pipeline.admin_path("upstreams", upstream_id)
    return await pipeline.write("PATCH", path, body, ttl)


async def patch_upstream_attribute(upstream_id: str, attribute_path: str, body: Any,
                                   ttl: int | None = None) -> Reply:
    check_attribute("upstreams", attribute_path, body)
    path = pipeline.admin_path("upstreams", upstream_id, sub_path=attribute_path)
    resource = pipeline.admin_path("upstreams", upstream_id)
    return await pipeline.write("PATCH", path, body, ttl, resource)


async def delete_upstream(upstream_id: str, force: bool | None = None) -> Reply:
    return await pipeline.delete(pipeline.admin_path("upstreams", upstream_id), force)


async def put_upstream_in_body(body: dict[str, Any], ttl: int | None = None) -> Reply:
    return await put_in_body(("upstreams",), body, ttl)
