"""Unit tests of the MCP building blocks: annotation rules, bearer forwarding, search bounds."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx2
import pytest

from apisix_gpt.mcp import research
from apisix_gpt.mcp.annotations import annotations_for, derive_hints
from apisix_gpt.mcp.forwarding import ForwardCallerAuth
from apisix_gpt.mcp.server import check_overrides


@pytest.mark.parametrize("method, op, expected", [
    ("get", "listRoutes", (True, False, True)),
    ("post", "validateSchema", (True, False, True)),
    ("post", "createRoute", (False, False, False)),
    ("patch", "patchRoute", (False, False, False)),
    ("put", "putRoute", (False, True, True)),
    ("delete", "deleteRoute", (False, True, True)),
])
def test_hints_by_method(method: str, op: str, expected: tuple[bool, bool, bool]) -> None:
    hints = derive_hints(method, op)
    assert (hints["readOnlyHint"], hints["destructiveHint"], hints["idempotentHint"]) == expected
    assert hints["openWorldHint"] is False


def test_override_wins_and_the_summary_is_not_repeated_as_a_title() -> None:
    notes = annotations_for("delete", "deleteRoute", {"x-mcp-annotations": {"destructiveHint": False}})
    assert (notes.destructive_hint, notes.title) == (False, None)
    titled = annotations_for("delete", "deleteRoute", {"x-mcp-annotations": {"title": "Remove"}})
    assert titled.title == "Remove"


def test_malformed_override_fails_at_startup_naming_the_operation() -> None:
    spec = {"paths": {"/r": {"delete": {"operationId": "deleteR",
                                        "x-mcp-annotations": {"readOnlyHint": "yes"}}}}}
    with pytest.raises(ValueError, match=r"DELETE /r: x-mcp-annotations.readOnlyHint must be true or false"):
        check_overrides(spec)


def _auth_header(auth: httpx2.Auth) -> str | None:
    request = httpx2.Request("GET", "http://x/", headers={"Authorization": "Bearer stale"})
    return next(auth.auth_flow(request)).headers.get("authorization")


def test_stdio_token_is_used_only_without_an_http_request() -> None:
    assert _auth_header(ForwardCallerAuth("stdio-secret")) == "Bearer stdio-secret"
    assert _auth_header(ForwardCallerAuth(None)) is None  # never a leftover header


def test_searchable_strings_cover_names_uris_hosts_labels_and_id() -> None:
    value = {"name": "n", "uris": ["/a", "/b"], "host": "h", "hosts": ["h2"], "labels": {"env": "prod"}}
    assert research.searchable_strings("7", value) == ["7", "n", "h", "/a", "/b", "h2", "env", "prod"]


def _list_app(total: int, calls: list[dict[str, Any]]):
    async def app(scope, receive, send):
        params = dict(httpx2.QueryParams(scope["query_string"].decode()))
        calls.append({"path": scope["path"], **params})
        if not scope["path"].endswith("/routes"):
            await send({"type": "http.response.start", "status": 404, "headers": []})
            return await send({"type": "http.response.body", "body": b"not found"})
        page, size = int(params["page"]), int(params["page_size"])
        items = [{"key": f"/apisix/routes/{i}", "value": {"id": str(i), "uri": f"/speaker/{i}"}}
                 for i in range((page - 1) * size, min(page * size, total))]
        body = httpx2.Response(200, json={"total": total, "list": items,
                                          "next_page": page + 1 if page * size < total else None})
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": body.content})
    return app


def test_search_is_bounded_in_results_and_pages() -> None:
    calls: list[dict[str, Any]] = []
    client = httpx2.AsyncClient(transport=httpx2.ASGITransport(app=_list_app(10_000, calls)),
                                base_url="http://x")
    found = asyncio.run(research.Research(client, "https://p").search("speaker"))
    assert len(found["results"]) == research.MAX_RESULTS
    route_calls = [c for c in calls if c["path"].endswith("/routes")]
    assert len(route_calls) == research.MAX_PAGES
    assert {c["page_size"] for c in route_calls} == {str(research.PAGE_SIZE)}


def test_search_ranks_objects_matching_more_terms_first() -> None:
    strings = research.searchable_strings
    assert research.match_score(["talks", "/speaker"], strings("1", {"name": "talks", "uri": "/speaker/*"})) == 2
    assert research.match_score(["talks", "/speaker"], strings("2", {"uri": "/speaker/*"})) == 1
    assert research.match_score([], strings("3", {})) == 1


def test_mcp_view_has_one_plain_type_per_schema() -> None:
    from apisix_gpt.mcp.schema_view import portable
    nullable = {"type": ["array", "null"], "items": {"type": "string"}, "minItems": 1, "description": "d"}
    assert portable(nullable) == {"description": "d", "anyOf": [
        {"items": {"type": "string"}, "minItems": 1, "type": "array"}, {"type": "null"}]}
    nested = {"anyOf": [{"anyOf": [{"type": "string"}, {"type": "null"}]}, {"type": "integer", "minimum": 1.0}]}
    assert portable(nested) == {"anyOf": [{"type": "string"}, {"type": "null"}, {"type": "integer", "minimum": 1}]}
    assert portable({"type": ["object", "null"], "enum": [None]}) == {"type": "null"}
    assert portable({"enum": [1.0, None], "default": 2.0}) == {"enum": [1.0, None], "default": 2.0}  # data kept
