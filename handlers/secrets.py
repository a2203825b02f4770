"""Handlers for tag `secrets`: the APISIX `/apisix/admin/secrets/{manager}/{secret_id}` resource."""

from __future__ import annotations

from typing import Any

from apisix_gpt import pipeline
from apisix_gpt.replies import Reply


async def list_secrets(page: int = 1, page_size: int | None = None,
                       name: str | None = None, label: str | None = None) -> Reply:
    return await pipeline.get_list(pipeline.admin_path("secrets"), page, page_size,
                                   name=name, label=label)


async def list_secrets_of_manager(manager: str, page: int = 1, page_size: int | None = None,
                                  name: str | None = None, label: str | None = None) -> Reply:
    return await pipeline.get_list(pipeline.admin_path("secrets", manager), page, page_size,
                                   name=name, label=label)


async def get_secret(manager: str, secret_id: str) -> Reply:
    return await pipeline.get(pipeline.admin_path("secrets", manager, secret_id))


async def put_secret(manager: str, secret_id: str, body: dict[str, Any],
                     ttl: int | None = None) -> Reply:
    path = pipeline.admin_path("secrets", manager, secret_id)
    return await pipeline.write("PUT", path, body, ttl)


async def patch_secret(manager: str, secret_id: str, body: dict[str, Any],
                       ttl: int | None = None) -> Reply:
    path = pipeline.admin_path("secrets", manager, secret_id)
    return await pipeline.write("PATCH", path, body, ttl)


async def delete_secret(manager: str, secret_id: str, force: bool | None = None) -> Reply:
    return await pipeline.delete(pipeline.admin_path("secrets", manager, secret_id), force)
