"""Handlers for tag `stream_routes`: the APISIX `/apisix/admin/stream_routes` resource."""

from __future__ import annotations

from typing import Any

from apisix_gpt import pipeline
from apisix_gpt.replies import Reply


async def list_stream_routes(page: int = 1, page_size: int | None = None,
                             name: str | None = None, label: str | None = None,
                             uri: str | None = None, filter: str | None = None) -> Reply:
    return await pipeline.get_list(pipeline.admin_path("stream_routes"), page, page_size,
                                   name=name, label=label, uri=uri, filter=filter)


async def create_stream_route(body: dict[str, Any], ttl: int | None = None) -> Reply:
    return await pipeline.write("POST", pipeline.admin_path("stream_routes"), body, ttl)


async def get_stream_route(stream_route_id: str) -> Reply:
    return await pipeline.get(pipeline.admin_path("stream_routes", stream_route_id))


async def put_stream_route(stream_route_id: str, body: dict[str, Any],
                           ttl: int | None = None) -> Reply:
    path = pipeline.admin_path("stream_routes", stream_route_id)
    return await pipeline.write("PUT", path, body, ttl)


async def delete_stream_route(stream_route_id: str, force: bool | None = None) -> Reply:
    return await pipeline.delete(pipeline.admin_path("stream_routes", stream_route_id), force)
