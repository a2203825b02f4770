"""List GET post-processing as v3_adapter.lua does it: name/label/uri/filter, then paging."""

from __future__ import annotations

import re
from typing import Any, Callable
from urllib.parse import parse_qsl

from sandbox.admin.exceptions import AdminError
from sandbox.admin.resources import FILTER_KEYS, FILTERABLE
from sandbox.store import Entry


def lua_tonumber(text: str | None) -> float | None:
    """Lua's tonumber for query strings: decimal, exponent and hex forms; None otherwise."""
    if text is None:
        return None
    raw = text.strip()
    try:
        return float(int(raw, 16)) if raw.lower().lstrip("-").startswith("0x") else float(raw)
    except ValueError:
        return None


def _search(pattern: str, subject: Any) -> bool:
    if not isinstance(subject, str):
        return False
    try:
        return re.search(pattern, subject) is not None
    except re.error:
        return False


def _uri_match(value: dict, pattern: str) -> bool:
    uris = value.get("uris") if isinstance(value.get("uris"), list) else []
    return _search(pattern, value.get("uri")) or any(_search(pattern, u) for u in uris)


def _keep(value: Any, args: dict[str, str], filters: list[tuple[str, str]]) -> bool:
    if not isinstance(value, dict):
        return False
    # ngx.re.find tostring()s its subject, so an unnamed item is searched as "nil"
    if "name" in args and not _search(args["name"], value.get("name", "nil")):
        return False
    labels = value.get("labels")
    if "label" in args and not (isinstance(labels, dict) and args["label"] in labels):
        return False
    if "uri" in args and not _uri_match(value, args["uri"]):
        return False
    return all(value.get(k) == v for k, v in filters)


def _filters(resource: str, args: dict[str, str]) -> list[tuple[str, str]]:
    if resource not in FILTERABLE or not args.get("filter"):
        return []
    return [(k, v) for k, v in parse_qsl(args["filter"], keep_blank_values=True) if k in FILTER_KEYS]


EMPTIED_AS_OBJECT = frozenset(("consumers", "services"))


def _page(items: list[Entry] | dict, args: dict[str, str]) -> list[Entry] | dict:
    page, size = lua_tonumber(args.get("page")), lua_tonumber(args.get("page_size"))
    if page is None or size is None:
        return items
    if size < 10 or size > 500:
        raise AdminError(400, "page_size must be between 10 and 500")
    if isinstance(items, dict):
        return items
    items = sorted(items, key=lambda e: e.created_index)  # v3_adapter sorts pages by createdIndex
    page = max(page, 1)
    start = int((page - 1) * size)
    chunk = items[start:start + int(size)]
    return chunk if chunk else {}  # an empty Lua table that was never an array encodes as {}


def list_body(resource: str, entries: list[Entry], args: dict[str, str],
              render: Callable[[Entry], dict[str, Any]]) -> dict[str, Any]:
    """`{"list": [...], "total": N}`: filters before paging, total counts filtered items.

    Filters read only name, labels, uri(s) and ids, which encryption does not touch, so they run on
    the stored values; only the items of the page are copied and rendered (cheap at 10,000 routes).
    """
    filters = _filters(resource, args)
    kept = [entry for entry in entries if _keep(entry.value, args, filters)]
    # A list the filters emptied encodes as an object for these resources and as [] for the others,
    # per APISIX 3.18's recorded answers (an array mark lost on the way; cjson writes {} then).
    emptied: list[Entry] | dict = kept
    if entries and not kept and resource in EMPTIED_AS_OBJECT:
        emptied = {}
    page = _page(emptied, args)
    return {"list": [render(e) for e in page] if isinstance(page, list) else page, "total": len(kept)}
