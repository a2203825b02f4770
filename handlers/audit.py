"""Handlers for tag `audit`: apisix-gpt's own read-only view of recent writes."""

from __future__ import annotations

from apisix_gpt.replies import Reply, reply
from apisix_gpt.safety.audit import trail


def list_changes(limit: int = 20, resource: str | None = None) -> Reply:
    """`GET /audit/changes`: newest first; entries were redacted when written and `reply` redacts again."""
    changes = trail().recent(max(1, min(limit, 100)), resource or None)
    return reply({"changes": changes}, 200)
