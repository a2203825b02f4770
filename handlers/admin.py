"""Handlers for tag `admin`: the Admin API root itself (a reachability check)."""

from __future__ import annotations

from apisix_gpt import pipeline
from apisix_gpt.replies import Reply


async def ping_admin() -> Reply:
    return await pipeline.head(pipeline.ADMIN_PREFIX)
