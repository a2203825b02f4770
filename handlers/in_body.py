"""APISIX's collection PUT: the id (a consumer's username) travels in the body, not in the path."""

from __future__ import annotations

from typing import Any

from apisix_gpt import pipeline
from apisix_gpt.replies import Reply


async def put_in_body(collection: tuple[str, ...], body: dict[str, Any], ttl: int | None,
                      id_field: str = "id") -> Reply:
    """PUT `body` to the collection; the object it names is what the audit trail can restore.

    Without a usable id APISIX refuses the write itself ("missing route id"), in its own words.
    """
    object_id = body.get(id_field) if isinstance(body, dict) else None
    usable = isinstance(object_id, (str, int)) and not isinstance(object_id, bool) and str(object_id) != ""
    resource = pipeline.admin_path(*collection, str(object_id)) if usable else None
    return await pipeline.write("PUT", pipeline.admin_path(*collection), body, ttl, resource)
