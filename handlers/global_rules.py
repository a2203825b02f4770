"""Handlers for tag `global_rules`: the APISIX `/apisix/admin/global_rules` resource."""

from __future__ import annotations

from typing import Any

from apisix_gpt import pipeline
from apisix_gpt.replies import Reply
from handlers.attribute_guard import check_attribute
from handlers.in_body import put_in_body


async def list_global_rules(page: int = 1, page_size: int | None = None,
                            name: str | None = None, label: str | None = None) -> Reply:
    return await pipeline.get_list(pipeline.admin_path("global_rules"), page, page_size,
                                   name=name, label=label)


async def get_global_rule(global_rule_id: str) -> Reply:
    return await pipeline.get(pipeline.admin_path("global_rules", global_rule_id))


async def put_global_rule(global_rule_id: str, body: dict[str, Any],
                          ttl: int | None = None) -> Reply:
    path = pipeline.admin_path("global_rules", global_rule_id)
    return await pipeline.write("PUT", path, body, ttl)


async def patch_global_rule(global_rule_id: str, body: dict[str, Any],
                            ttl: int | None = None) -> Reply:
    path = pipeline.admin_path("global_rules", global_rule_id)
    return await pipeline.write("PATCH", path, body, ttl)


async def delete_global_rule(global_rule_id: str, force: bool | None = None) -> Reply:
    return await pipeline.delete(pipeline.admin_path("global_rules", global_rule_id), force)


async def patch_global_rule_attribute(global_rule_id: str, attribute_path: str, body: Any,
                                      ttl: int | None = None) -> Reply:
    check_attribute("global_rules", attribute_path, body)
    path = pipeline.admin_path("global_rules", global_rule_id, sub_path=attribute_path)
    return await pipeline.write("PATCH", path, body, ttl,
                                pipeline.admin_path("global_rules", global_rule_id))


async def put_global_rule_in_body(body: dict[str, Any], ttl: int | None = None) -> Reply:
    return await put_in_body(("global_rules",), body, ttl)
