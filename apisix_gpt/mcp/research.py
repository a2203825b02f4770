"""ChatGPT deep-research tools: `search` and `fetch` over routes, services, upstreams and consumers."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx2
from fastmcp import FastMCP
from fastmcp.exceptions import ToolError
from fastmcp.tools.base import ToolResult
from mcp_types import TextContent, ToolAnnotations

from apisix_gpt.mcp.errors import raise_for_problem

ADMIN_PREFIX = "/apisix/admin"
SEARCH_KINDS = ("routes", "services", "upstreams", "consumers")
MAX_RESULTS = 20
PAGE_SIZE = 100
MAX_PAGES = 5  # per kind: at most 500 objects are scanned, so one search stays cheap
_ID_RE = re.compile(r"^[a-zA-Z0-9\-_.]{1,64}$")
READ_ONLY = ToolAnnotations(readOnlyHint=True, destructiveHint=False, idempotentHint=True,
                            openWorldHint=False)

SEARCH_OUTPUT = {
    "type": "object",
    "properties": {"results": {"type": "array", "items": {
        "type": "object", "required": ["id", "title", "url"],
        "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                       "url": {"type": "string"}}}}},
    "required": ["results"],
}
FETCH_OUTPUT = {
    "type": "object",
    "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                   "text": {"type": "string"}, "url": {"type": "string"},
                   "metadata": {"type": "object"}},
    "required": ["id", "title", "text", "url"],
}


def searchable_strings(resource_id: str, value: dict[str, Any]) -> list[str]:
    """The strings a query is matched against: id, name, uri(s), host(s), label keys and values."""
    found = [resource_id]
    for field in ("name", "username", "uri", "host"):
        if isinstance(value.get(field), str):
            found.append(value[field])
    for field in ("uris", "hosts"):
        found.extend(item for item in value.get(field) or [] if isinstance(item, str))
    labels = value.get("labels")
    if isinstance(labels, dict):
        for key, label in labels.items():
            found.extend([str(key), str(label)])
    return found


def match_score(terms: list[str], strings: list[str]) -> int:
    """How many query terms occur (case-insensitively) in any of `strings`; 1 for an empty query."""
    if not terms:
        return 1
    haystack = [text.lower() for text in strings]
    return sum(1 for term in terms if any(term in text for text in haystack))


def title_of(kind: str, resource_id: str, value: dict[str, Any]) -> str:
    """A short human title: `route speaker-route (/speaker/*)`."""
    singular = kind[:-1]
    uris = value.get("uris") or ([value["uri"]] if isinstance(value.get("uri"), str) else [])
    label = value.get("name") or value.get("username") or resource_id
    return f"{singular} {label}" + (f" ({', '.join(map(str, uris[:3]))})" if uris else "")


def resource_id_of(item: dict[str, Any]) -> str:
    value = item.get("value") or {}
    return str(value.get("id") or value.get("username") or str(item.get("key", "")).rsplit("/", 1)[-1])


def parse_fetch_id(document_id: str) -> tuple[str, str]:
    """Split `routes/1` into (`routes`, `1`), or raise a ToolError that says what is expected."""
    kind, _, resource_id = document_id.strip().partition("/")
    if kind not in SEARCH_KINDS or not _ID_RE.match(resource_id):
        raise ToolError(f"unknown id {document_id!r}: expected '<kind>/<id>' with kind one of "
                        f"{', '.join(SEARCH_KINDS)} (as returned by search)")
    return kind, resource_id


def text_result(payload: dict[str, Any]) -> ToolResult:
    """Exactly one text item holding the JSON, plus the same object as structuredContent."""
    return ToolResult(content=[TextContent(type="text", text=json.dumps(payload))],
                      structured_content=payload)


class Research:
    """search/fetch, calling the apisix-gpt API through `client` so auth and redaction apply."""

    def __init__(self, client: httpx2.AsyncClient, public_url: str) -> None:
        self._client = client
        self._public_url = public_url.rstrip("/")

    def url_for(self, kind: str, resource_id: str) -> str:
        return f"{self._public_url}{ADMIN_PREFIX}/{kind}/{resource_id}"

    async def search(self, query: str) -> dict[str, Any]:
        terms = [term for term in query.lower().split() if term]
        scored: list[tuple[int, int, dict[str, str]]] = []
        for kind in SEARCH_KINDS:
            async for item in self._items(kind):
                rid, value = resource_id_of(item), item.get("value") or {}
                score = match_score(terms, searchable_strings(rid, value))
                if score:
                    hit = {"id": f"{kind}/{rid}", "title": title_of(kind, rid, value),
                           "url": self.url_for(kind, rid)}
                    scored.append((-score, len(scored), hit))
        return {"results": [hit for _, _, hit in sorted(scored)[:MAX_RESULTS]]}

    async def _items(self, kind: str):
        for page in range(1, MAX_PAGES + 1):
            response = await self._client.get(f"{ADMIN_PREFIX}/{kind}",
                                               params={"page": page, "page_size": PAGE_SIZE})
            if response.status_code in (404, 405):
                return  # this kind is not in the active profile
            raise_for_problem(response)
            body = response.json()
            for item in body.get("list") or []:
                yield item
            if not body.get("next_page"):
                return

    async def fetch(self, document_id: str) -> dict[str, Any]:
        kind, resource_id = parse_fetch_id(document_id)
        response = await self._client.get(f"{ADMIN_PREFIX}/{kind}/{resource_id}")
        raise_for_problem(response)
        body = response.json()
        value = body.get("value") or {}
        metadata = {name: body[name] for name in ("key", "createdIndex", "modifiedIndex") if name in body}
        return {"id": f"{kind}/{resource_id}", "title": title_of(kind, resource_id, value),
                "text": json.dumps(value, indent=2, sort_keys=True),
                "url": self.url_for(kind, resource_id), "metadata": {"kind": kind, **metadata}}


def register_research(server: FastMCP, client: httpx2.AsyncClient, public_url: str) -> None:
    """Add the `search` and `fetch` tools to `server`."""
    research = Research(client, public_url)

    async def search(query: str) -> ToolResult:
        return text_result(await research.search(query))

    async def fetch(id: str) -> ToolResult:  # noqa: A002 - the name ChatGPT calls it with
        return text_result(await research.fetch(id))

    server.tool(search, name="search", annotations=READ_ONLY, output_schema=SEARCH_OUTPUT,
                description="Search APISIX routes, services, upstreams and consumers by name, uri, "
                            "host, label or id. Returns {results: [{id, title, url}]} (at most "
                            f"{MAX_RESULTS}); pass an id to fetch.")
    server.tool(fetch, name="fetch", annotations=READ_ONLY, output_schema=FETCH_OUTPUT,
                description="Fetch one object found by search, by its id (e.g. 'routes/1'). "
                            "Returns {id, title, text (the object as JSON, secrets redacted), url, metadata}.")
