"""Shape every success reply: redact secrets, bound the size, explicit JSON Content-Type."""

from __future__ import annotations

from typing import Any

from apisix_gpt.bounds import bound_list, bound_object
from apisix_gpt.runtime import current
from apisix_gpt.safety.redaction import redact

Reply = tuple[Any, int, dict[str, str]]
JSON_HEADERS = {"Content-Type": "application/json"}


def reply(body: Any, status: int = 200) -> Reply:
    """A redacted, size-bounded JSON reply (connexion needs the explicit Content-Type)."""
    limit = current().settings.max_response_chars
    return bound_object(redact(body), limit), status, dict(JSON_HEADERS)


def list_reply(envelope: dict[str, Any]) -> Reply:
    """A redacted list envelope; trailing items are omitted (and named) when it is too big."""
    limit = current().settings.max_response_chars
    return bound_list(redact(envelope), limit), 200, dict(JSON_HEADERS)
