"""A small OpenAPI document in the real spec's shape (routes + plugins), for tests that must not depend on it."""

from __future__ import annotations

import copy
from typing import Any

PROBLEM = {"description": "problem", "content": {"application/problem+json": {
    "schema": {"type": "object", "properties": {
        "type": {"type": "string"}, "title": {"type": "string"},
        "status": {"type": "integer"}, "detail": {"type": "string"}}}}}}
ID = {"type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[a-zA-Z0-9-_.]+$"}
ROUTE = {"type": "object", "additionalProperties": False, "properties": {
    "uri": {"type": "string"}, "name": {"type": "string"}, "upstream_id": {"type": "string"},
    "methods": {"type": "array", "items": {"type": "string", "enum": ["GET", "POST", "PUT", "DELETE", "PATCH"]}},
    "upstream": {"type": "object"}, "plugins": {"type": "object"}, "desc": {"type": "string"}}}


def _ok(schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"description": "ok", "content": {"application/json": {"schema": schema or {"type": "object"}}}}


def _op(op_id: str, tag: str, params: list[dict[str, Any]] | None = None,
        body: dict[str, Any] | None = None, codes: tuple[str, ...] = ("200",)) -> dict[str, Any]:
    op: dict[str, Any] = {"operationId": op_id, "tags": [tag], "parameters": params or [],
                          "responses": {**{c: _ok() for c in codes}, "default": PROBLEM}}
    if body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    return op


def path_param(name: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": schema or ID}


def query(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema}


LIST_PARAMS = [query("page", {"type": "integer", "minimum": 1, "default": 1}),
               query("page_size", {"type": "integer", "minimum": 10, "maximum": 500, "default": 20}),
               query("name", {"type": "string"}), query("label", {"type": "string"}),
               query("uri", {"type": "string"}), query("filter", {"type": "string"})]
TTL = [query("ttl", {"type": "integer", "minimum": 1})]
RID = path_param("route_id")
ATTR = path_param("attribute_path", {"type": "string", "format": "path"})

SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "mini", "version": "1"},
    "tags": [{"name": "routes"}, {"name": "plugins"}],
    "paths": {
        "/apisix/admin/routes": {
            "get": _op("listRoutes", "routes", LIST_PARAMS),
            "post": _op("createRoute", "routes", TTL, ROUTE, ("201",))},
        "/apisix/admin/routes/{route_id}": {
            "get": _op("getRoute", "routes", [RID]),
            "put": _op("putRoute", "routes", [RID, *TTL], ROUTE, ("200", "201")),
            "patch": _op("patchRoute", "routes", [RID, *TTL], {"type": "object"}),
            "delete": _op("deleteRoute", "routes", [RID, query("force", {"type": "boolean"})])},
        "/apisix/admin/routes/{route_id}/{attribute_path}": {
            "patch": _op("patchRouteAttribute", "routes", [RID, ATTR, *TTL], {})},
        "/apisix/admin/plugins/list": {
            "get": _op("listPlugins", "plugins", [query("subsystem", {"type": "string", "enum": ["http", "stream"]})])},
    },
}


def mini_spec() -> dict[str, Any]:
    return copy.deepcopy(SPEC)
