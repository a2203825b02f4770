"""Handlers for tag `consumers`: the APISIX `/apisix/admin/consumers` resource."""

from __future__ import annotations

from typing import Any

from apisix_gpt import pipeline
from apisix_gpt.replies import Reply
from handlers.in_body import put_in_body


async def list_consumers(page: int = 1, page_size: int | None = None,
                         name: str | None = None, label: str | None = None) -> Reply:
    return await pipeline.get_list(pipeline.admin_path("consumers"), page, page_size,
                                   name=name, label=label)


async def get_consumer(username: str) -> Reply:
    return await pipeline.get(pipeline.admin_path("consumers", username))


async def put_consumer(username: str, body: dict[str, Any],
                       ttl: int | None = None) -> Reply:
    path = pipeline.admin_path("consumers", username)
    return await pipeline.write("PUT", path, body, ttl)


async def delete_consumer(username: str, force: bool | None = None) -> Reply:
    return await pipeline.delete(pipeline.admin_path("consumers", username), force)


async def put_consumer_in_body(body: dict[str, Any], ttl: int | None = None) -> Reply:
    return await put_in_body(("consumers",), body, ttl, id_field="username")
