"""The functions the Admin layer calls: resource checks, schema-only validation, schema lookups."""

from __future__ import annotations

import copy
from typing import Any

from sandbox.validation import plugins as registry
from sandbox.validation import schema_def
from sandbox.validation.checkers import CHECKERS, check_secret
from sandbox.validation.errors import CheckContext, ValidationError
from sandbox.validation.jsonschema_lua import validate

# POST /schema/validate/{resource}: the plural resource key -> its core schema.
_RESOURCE_SCHEMAS: dict[str, dict[str, Any]] = {
    "routes": schema_def.route, "services": schema_def.service,
    "upstreams": schema_def.upstream, "consumers": schema_def.consumer,
    "credentials": schema_def.credential, "ssls": schema_def.ssl,
    "global_rules": schema_def.global_rule, "plugin_configs": schema_def.plugin_config,
    "consumer_groups": schema_def.consumer_group, "stream_routes": schema_def.stream_route,
    "protos": schema_def.proto,
}


def check(resource: str, conf: Any, *, id: str | None, need_id: bool, ctx: CheckContext,
          sub_type: str | None = None) -> None:
    """Run the resource's APISIX checker; raise ValidationError(exact error_msg) on failure.

    `conf` is never modified: checks run on a copy, because the Lua validator injects
    defaults while validating and APISIX 3.14+ stores what the client sent.
    """
    work = copy.deepcopy(conf)
    if resource == "secrets":
        check_secret(sub_type, work, ctx)
        return
    checker = CHECKERS.get(resource)
    if checker is None:
        raise ValidationError(f"Unsupported resource type: {resource}")
    if not isinstance(work, dict):
        # core.schema.check on a non-table: the schema's type check reports it. A JSON array is a
        # Lua table too: it passes `type: object` and its indexes 1..n are checked as property names.
        schema = _RESOURCE_SCHEMAS.get(resource, {"type": "object"})
        as_table = {str(i + 1): v for i, v in enumerate(work)} if isinstance(work, list) and work else work
        err = validate(schema, as_table)
        raise ValidationError("invalid configuration: " + (err or "wrong type: expected object"))
    checker(None if id is None else str(id), work, need_id, ctx)


def validate_schema_only(resource: str, conf: Any) -> str | None:
    """Schema-only validation (no references, no plugins); message without the prefix."""
    schema = _RESOURCE_SCHEMAS.get(resource)
    if schema is None:
        return f"invalid resource: {resource}"
    return validate(schema, copy.deepcopy(conf))


def core_schema(name: str) -> dict | None:
    """GET /schema/{name} by singular name; None when APISIX says `not found schema`."""
    return schema_def.CORE_SCHEMAS.get(name)


def plugin_schema(name: str, schema_type: str | None = None, subsystem: str = "http") -> dict | None:
    """GET /plugins/{name}: the schema with `_meta` injected; None for an unknown plugin.

    `schema_type=consumer` picks the consumer schema; any other value (APISIX has no `metadata`
    query) the main schema. Raises ValidationError("not found schema") when it has none.
    """
    plugin = registry.get(name, subsystem)
    if plugin is None:
        return None
    chosen: dict | None = plugin.schema
    if schema_type == "consumer":
        chosen = plugin.consumer_schema
    elif schema_type == "metadata" and registry.ACTIVE.catalogue is None:
        chosen = plugin.metadata_schema  # the hand-written registry's old extension
    if chosen is None:
        raise ValidationError("not found schema")
    return copy.deepcopy(chosen)


def plugin_names(subsystem: str = "http") -> list[str]:
    """Enabled plugin names sorted by priority, highest first."""
    return registry.names(subsystem)


def plugin_priority(name: str) -> int:
    """The plugin's priority (http, else stream); 0 for an unknown plugin."""
    plugin = registry.get(name) or registry.get(name, "stream")
    return plugin.priority if plugin else 0


def plugin_scope(name: str) -> str | None:
    """The plugin's `scope` ("global" for plugins that only run as global rules), or None."""
    plugin = registry.get(name)
    return plugin.scope if plugin else None


def encrypt_fields(plugin: str, schema_type: int | None = None) -> tuple[str, ...]:
    """Fields APISIX encrypts at rest for this plugin's conf of that schema type (None: routes etc.)."""
    return registry.encrypt_fields(plugin, schema_type)


def is_auth_plugin(name: str) -> bool:
    """True for `type = "auth"` plugins."""
    plugin = registry.get(name)
    return plugin is not None and plugin.type == "auth"


def reset_caches() -> None:
    """Forget per-process plugin state that APISIX keeps in worker caches (sandbox reset)."""
    from sandbox.validation.plugins.limits import reset_group_confs

    reset_group_confs()
