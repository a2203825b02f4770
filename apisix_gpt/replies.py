"""Shape every success reply: redact secrets, bound the size, explicit JSON Content-Type.

Schema documents (plugin schemas, `schema/...`) are APISIX's public interface: never redacted, and a
catalogue too big for the bound loses whole plugins (named), never a cut inside a schema.
Each body is serialized once, here: the text that is scanned for secrets and measured against the
size bound is the text that is sent (Connexion passes a `JsonText` through unchanged). The full
redaction walk runs only when that text holds a secret-bearing name or a PEM key.
"""

from __future__ import annotations

from typing import Any, Callable

from connexion.context import scope as request_scope

from apisix_gpt.bounds import bound_list, bound_map, bound_object, to_text
from apisix_gpt.jsonbody import JsonText
from apisix_gpt.runtime import current
from apisix_gpt.safety.redaction import is_schema_document, may_hold_secrets, redact

Reply = tuple[Any, int, dict[str, str]]
JSON_HEADERS = {"Content-Type": "application/json"}


def reply(body: Any, status: int = 200) -> Reply:
    """A redacted, size-bounded JSON reply (connexion needs the explicit Content-Type)."""
    if body is None:  # an empty Admin API answer stays an empty reply
        return None, status, dict(JSON_HEADERS)
    return _shaped(body, bound_object), status, dict(JSON_HEADERS)


def list_reply(envelope: dict[str, Any]) -> Reply:
    """A redacted list envelope; trailing items are omitted (and named) when it is too big."""
    return _shaped(envelope, bound_list), 200, dict(JSON_HEADERS)


def _shaped(body: Any, bound: Callable[[Any, int], Any]) -> JsonText:
    limit = current().settings.max_response_chars
    text = to_text(body)
    document = _answers_schema_document()
    if document and _is_catalogue(body):
        bound = bound_map  # whole plugins are omitted (and named); a schema is never cut inside
    if may_hold_secrets(text) and not document:
        body = redact(body)
        text = to_text(body)
    return JsonText(text if len(text) <= limit else to_text(bound(body, limit)))


def _is_catalogue(body: Any) -> bool:
    """A name → object map (`plugins?all=true`), as opposed to one schema document."""
    return isinstance(body, dict) and bool(body) and all(isinstance(v, dict) for v in body.values())


def _answers_schema_document() -> bool:
    """Whether this request reads a schema document (apisix-gpt serves APISIX's own paths)."""
    try:
        method, path = request_scope["method"], request_scope["path"]
    except (LookupError, RuntimeError, KeyError, TypeError):
        return False  # outside a request (unit use): redact, the safe default
    return is_schema_document(method, path)
