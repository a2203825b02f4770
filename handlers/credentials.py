"""Handlers for tag `credentials`: the APISIX `/apisix/admin/consumers/{username}/credentials` resource."""

from __future__ import annotations

from typing import Any

from apisix_gpt import pipeline
from apisix_gpt.replies import Reply
from handlers.in_body import put_in_body


async def list_credentials(username: str, page: int = 1, page_size: int | None = None,
                           name: str | None = None, label: str | None = None) -> Reply:
    path = pipeline.admin_path("consumers", username, "credentials")
    return await pipeline.get_list(path, page, page_size, name=name, label=label)


async def get_credential(username: str, credential_id: str) -> Reply:
    return await pipeline.get(pipeline.admin_path("consumers", username, "credentials", credential_id))


async def put_credential(username: str, credential_id: str, body: dict[str, Any],
                         ttl: int | None = None) -> Reply:
    path = pipeline.admin_path("consumers", username, "credentials", credential_id)
    return await pipeline.write("PUT", path, body, ttl)


async def delete_credential(username: str, credential_id: str, force: bool | None = None) -> Reply:
    path = pipeline.admin_path("consumers", username, "credentials", credential_id)
    return await pipeline.delete(path, force)


async def put_credential_in_body(username: str, body: dict[str, Any], ttl: int | None = None) -> Reply:
    return await put_in_body(("consumers", username, "credentials"), body, ttl)
