"""Handlers for tag `services`: the APISIX `/apisix/admin/services` resource."""

from __future__ import annotations

from typing import Any

from apisix_gpt import pipeline
from apisix_gpt.replies import Reply
from handlers.attribute_guard import check_attribute
from handlers.in_body import put_in_body


async def list_services(page: int = 1, page_size: int | None = None,
                        name: str | None = None, label: str | None = None) -> Reply:
    return await pipeline.get_list(pipeline.admin_path("services"), page, page_size,
                                   name=name, label=label)


async def create_service(body: dict[str, Any], ttl: int | None = None) -> Reply:
    return await pipeline.write("POST", pipeline.admin_path("services"), body, ttl)


async def get_service(service_id: str) -> Reply:
    return await pipeline.get(pipeline.admin_path("services", service_id))


async def put_service(service_id: str, body: dict[str, Any],
                      ttl: int | None = None) -> Reply:
    path = pipeline.admin_path("services", service_id)
    return await pipeline.write("PUT", path, body, ttl)


async def patch_service(service_id: str, body: dict[str, Any],
                        ttl: int | None = None) -> Reply:
    path = pipeline.admin_path("services", service_id)
    return await pipeline.write("PATCH", path, body, ttl)


async def patch_service_attribute(service_id: str, attribute_path: str, body: Any,
                                  ttl: int | None = None) -> Reply:
    check_attribute("services", attribute_path, body)
    path = pipeline.admin_path("services", service_id, sub_path=attribute_path)
    resource = pipeline.admin_path("services", service_id)
    return await pipeline.write("PATCH", path, body, ttl, resource)


async def delete_service(service_id: str, force: bool | None = None) -> Reply:
    return await pipeline.delete(pipeline.admin_path("services", service_id), force)


async def put_service_in_body(body: dict[str, Any], ttl: int | None = None) -> Reply:
    return await put_in_body(("services",), body, ttl)
