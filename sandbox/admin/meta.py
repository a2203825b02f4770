"""The non-CRUD Admin endpoints: plugins list/schema/all, reload, core schemas, schema/validate."""

from __future__ import annotations

from typing import Any

from sandbox import validation
from sandbox.admin.exceptions import AdminError, bad_request
from sandbox.admin.models import MISSING
from sandbox.validation import catalogue

SUBSYSTEMS = ("http", "stream")


def plugins_list(args: dict[str, str]) -> tuple[int, Any]:
    """GET /apisix/admin/plugins/list[?subsystem=]: names by priority, descending."""
    subsystem = args.get("subsystem", "http")
    if subsystem not in SUBSYSTEMS:
        raise AdminError(400, "invalid subsystem passed", versioned=False)
    return 200, validation.plugin_names(subsystem)


def reload_plugins(method: str) -> tuple[int, Any]:
    """/apisix/admin/plugins/reload: PUT answers `done`; other methods 405 (3.4+)."""
    if method != "PUT":
        message = f"please use PUT method to reload the plugins, {method} method is not allowed."
        raise AdminError(405, {"error_msg": message}, versioned=False)
    return 200, "done"


def _schema(name: str, schema_type: str | None = None, subsystem: str = "http") -> dict | None:
    try:
        return validation.plugin_schema(name, schema_type, subsystem)
    except validation.ValidationError:
        return None


def _attributes(name: str, subsystem: str = "http") -> dict[str, Any]:
    """plugins?all=true without a catalogue: the ported plugin's attributes."""
    attrs: dict[str, Any] = {"priority": validation.plugin_priority(name), "version": 0.1,
                             "schema": _schema(name, None, subsystem)}
    for kind in ("consumer", "metadata"):
        schema = _schema(name, kind, subsystem)
        if schema is not None:
            attrs[f"{kind}_schema"] = schema
    if validation.is_auth_plugin(name):
        attrs["type"] = "auth"
    scope = validation.plugin_scope(name)
    if scope is not None:
        attrs["scope"] = scope
    return attrs


def plugin_get(name: str | None, args: dict[str, str]) -> tuple[int, Any]:
    """GET /apisix/admin/plugins/{name}, /schema/plugins/{name} and /plugins?all=true."""
    subsystem = args.get("subsystem", "http")
    if subsystem not in SUBSYSTEMS:
        raise bad_request(f"unsupported subsystem: {subsystem}")
    if args.get("all") == "true":
        # `subsystem=stream` picks the stream table only when given explicitly, as plugins.lua does
        chosen = "stream" if args.get("subsystem") == "stream" else "http"
        recorded = catalogue.raw(chosen)
        if recorded is not None:
            return 200, recorded
        return 200, {n: _attributes(n, chosen) for n in validation.plugin_names(chosen)}
    try:
        schema = validation.plugin_schema(name or "", args.get("schema_type"), subsystem)
    except validation.ValidationError:
        raise bad_request("not found schema") from None
    if schema is None:
        raise AdminError(404, {"error_msg": f"plugin not found in subsystem {subsystem}"})
    return 200, schema


def schema_get(name: str | None) -> tuple[int, Any]:
    """GET /apisix/admin/schema/{name}: a core schema by singular name."""
    schema = validation.core_schema(name or "")
    if schema is None:
        raise bad_request(f"not found schema: {name}")
    return 200, schema


def schema_validate(seg_id: str | None, resource: str, body: Any) -> tuple[int, Any]:
    """POST /apisix/admin/schema/validate/{resource}: schema only, message without prefix."""
    if seg_id != "validate":
        raise AdminError(404, {"error_msg": "not found"}, versioned=False)
    if body is MISSING:
        raise bad_request("missing configurations")
    message = validation.validate_schema_only(resource, body)
    if message is not None:
        raise bad_request(message)
    return 200, None
