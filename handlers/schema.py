"""Handlers for tag `schema`: core JSON schemas and the schema-only dry run before writes."""

from __future__ import annotations

from typing import Any

from apisix_gpt import pipeline
from apisix_gpt.replies import Reply


async def get_schema(schema_name: str) -> Reply:
    return await pipeline.get(pipeline.admin_path("schema", schema_name))


async def validate_schema(resource: str, body: dict[str, Any]) -> Reply:
    return await pipeline.validate(pipeline.admin_path("schema", "validate", resource), body)
