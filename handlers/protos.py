"""Handlers for tag `protos`: the APISIX `/apisix/admin/protos` resource."""

from __future__ import annotations

from typing import Any

from apisix_gpt import pipeline
from apisix_gpt.replies import Reply
from handlers.in_body import put_in_body


async def list_protos(page: int = 1, page_size: int | None = None,
                      name: str | None = None, label: str | None = None) -> Reply:
    return await pipeline.get_list(pipeline.admin_path("protos"), page, page_size,
                                   name=name, label=label)


async def create_proto(body: dict[str, Any], ttl: int | None = None) -> Reply:
    return await pipeline.write("POST", pipeline.admin_path("protos"), body, ttl)


async def get_proto(proto_id: str) -> Reply:
    return await pipeline.get(pipeline.admin_path("protos", proto_id))


async def put_proto(proto_id: str, body: dict[str, Any],
                    ttl: int | None = None) -> Reply:
    path = pipeline.admin_path("protos", proto_id)
    return await pipeline.write("PUT", path, body, ttl)


async def delete_proto(proto_id: str, force: bool | None = None) -> Reply:
    return await pipeline.delete(pipeline.admin_path("protos", proto_id), force)


async def put_proto_in_body(body: dict[str, Any], ttl: int | None = None) -> Reply:
    return await put_in_body(("protos",), body, ttl)
