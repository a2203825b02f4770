"""Handlers for tag `routes`: the APISIX `/apisix/admin/routes` resource."""

from __future__ import annotations

from typing import Any

from apisix_gpt import pipeline
from apisix_gpt.replies import Reply
from handlers.attribute_guard import check_attribute
from handlers.in_body import put_in_body


async def list_routes(page: int = 1, page_size: int | None = None,
                      name: str | None = None, label: str | None = None,
                      uri: str | None = None, filter: str | None = None) -> Reply:
    return await pipeline.get_list(pipeline.admin_path("routes"), page, page_size,
                                   name=name, label=label, uri=uri, filter=filter)


async def create_route(body: dict[str, Any], ttl: int | None = None) -> Reply:
    return await pipeline.write("POST", pipeline.admin_path("routes"), body, ttl)


async def get_route(route_id: str) -> Reply:
    return await pipeline.get(pipeline.admin_path("routes", route_id))


async def put_route(route_id: str, body: dict[str, Any],
                    ttl: int | None = None) -> Reply:
    path = pipeline.admin_path("routes", route_id)
    return await pipeline.write("PUT", path, body, ttl)


async def patch_route(route_id: str, body: dict[str, Any],
                      ttl: int | None = None) -> Reply:
    path = pipeline.admin_path("routes", route_id)
    return await pipeline.write("PATCH", path, body, ttl)


async def patch_route_attribute(route_id: str, attribute_path: str, body: Any,
                                ttl: int | None = None) -> Reply:
    check_attribute("routes", attribute_path, body)
    path = pipeline.admin_path("routes", route_id, sub_path=attribute_path)
    resource = pipeline.admin_path("routes", route_id)
    return await pipeline.write("PATCH", path, body, ttl, resource)


async def delete_route(route_id: str, force: bool | None = None) -> Reply:
    return await pipeline.delete(pipeline.admin_path("routes", route_id), force)


async def put_route_in_body(body: dict[str, Any], ttl: int | None = None) -> Reply:
    return await put_in_body(("routes",), body, ttl)
