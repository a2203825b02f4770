"""Keep every response under `max_response_chars`: page lists, omit trailing items, cut long strings.

`to_text` is the exact body Connexion sends for an object; `apisix_gpt.replies` measures with it and
sends that same text, so a reply that fits is serialized only once.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterator

MARKER_RE = re.compile(r"…\[truncated \d+ chars\]")
_MARKER_ROOM = 40  # room for the marker text itself


def to_text(obj: Any) -> str:
    """The body Connexion's AsyncApp jsonifier would send for `obj` (`json.dumps` + newline)."""
    return json.dumps(obj) + "\n"


def serialized_len(obj: Any) -> int:
    """Length of the body Connexion's AsyncApp jsonifier will send (`json.dumps` + newline)."""
    return len(to_text(obj))


def page_envelope(body: Any, page: int, page_size: int) -> dict[str, Any]:
    """APISIX's paged list as apisix-gpt's envelope; an out-of-range page's `{}` becomes `[]`."""
    body = body if isinstance(body, dict) else {}
    items = body.get("list")
    items = items if isinstance(items, list) else []
    total = body.get("total")
    total = total if isinstance(total, int) else len(items)
    next_page = page + 1 if page * page_size < total else None
    return {"total": total, "list": items, "page": page, "page_size": page_size,
            "next_page": next_page}


def bound_list(envelope: dict[str, Any], max_chars: int) -> dict[str, Any]:
    """Omit items from the end until the envelope fits; report them in `omitted_keys`."""
    if serialized_len(envelope) <= max_chars:
        return envelope
    items = list(envelope["list"])
    omitted: list[str] = []
    base = serialized_len({**envelope, "list": [], "truncated": True, "omitted_keys": []})
    size = base + sum(len(json.dumps(item)) + 2 for item in items)
    while items and size > max_chars:
        item = items.pop()
        key = str(item.get("key", "")) if isinstance(item, dict) else ""
        omitted.insert(0, key)
        size += len(json.dumps(key)) + 2 - len(json.dumps(item)) - 2
    return {**envelope, "list": items, "truncated": True, "omitted_keys": omitted}


def bound_map(doc: dict[str, Any], max_chars: int) -> dict[str, Any]:
    """Omit whole entries from the end of a name → object map (`plugins?all=true`) until it fits and
    name them in `omitted_keys`: cutting strings inside JSON schemas would corrupt them."""
    if serialized_len(doc) <= max_chars:
        return doc
    entries = list(doc.items())
    sizes = [len(json.dumps(key)) + len(json.dumps(value)) + 4 for key, value in entries]  # '"k": v, '
    omitted: list[str] = []
    size = serialized_len({"truncated": True, "omitted_keys": []}) + sum(sizes)
    while entries and size > max_chars:
        key, _ = entries.pop()
        omitted.insert(0, key)
        size += len(json.dumps(key)) + 2 - sizes.pop()
    return {**dict(entries), "truncated": True, "omitted_keys": omitted}


def _strings(obj: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(obj, str):
        yield path, obj
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from _strings(value, path + (key,))
    elif isinstance(obj, list):
        for index, value in enumerate(obj):
            yield from _strings(value, path + (index,))


def _set(obj: Any, path: tuple[Any, ...], value: str) -> None:
    for step in path[:-1]:
        obj = obj[step]
    obj[path[-1]] = value


def bound_object(obj: Any, max_chars: int) -> Any:
    """Cut the longest string values (with a `…[truncated N chars]` marker) until `obj` fits.

    `obj` itself is never modified: a body that fits is returned as is, one that does not is copied.
    """
    if serialized_len(obj) <= max_chars:
        return obj
    obj = json.loads(json.dumps(obj))
    for _ in range(1000):
        excess = serialized_len(obj) - max_chars
        candidates = [item for item in _strings(obj) if item[0]]
        if excess <= 0 or not candidates:
            return obj
        path, text = max(candidates, key=lambda item: len(json.dumps(item[1])))
        keep = max(0, len(text) - excess - _MARKER_ROOM)
        _set(obj, path, f"{text[:keep]}…[truncated {len(text) - keep} chars]")
    return obj


def has_marker(obj: Any) -> bool:
    """True when a (write) body carries a truncation marker, i.e. data that was cut for display."""
    return any(MARKER_RE.search(text) for _, text in _strings(obj))
