"""The plugin record every ported plugin module exposes, and the shared check helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from sandbox.validation import schema_def
from sandbox.validation.jsonschema_lua import validate

# (conf, schema_type) -> error message or None; conf already has defaults injected by then.
ExtraCheck = Callable[[dict, int | None], "str | None"]
# (conf, schema_type) -> error message or None, run before the schema (check_schema preludes).
PreCheck = Callable[[dict, int | None], "str | None"]
# (conf, schema error) -> the message check_schema returns instead of the schema's own.
ErrorRewrite = Callable[[dict, str], str]


@dataclass
class Plugin:
    """One APISIX plugin: its schemas and its check_schema extra logic."""

    name: str
    priority: int
    schema: dict[str, Any]
    version: float = 0.1
    type: str | None = None
    consumer_schema: dict[str, Any] | None = None
    metadata_schema: dict[str, Any] | None = None
    extra: ExtraCheck | None = None
    stream: bool = False
    http: bool = True  # False for stream-only plugins (apisix/stream/plugins/*.lua)
    scope: str | None = None
    pre: PreCheck | None = None
    on_error: ErrorRewrite | None = None
    _injected: bool = field(default=False, repr=False)

    def fields_for(self, schema_type: int | None) -> tuple[str, ...]:
        """plugin.lua get_plugin_schema_for_gde: the chosen schema's `encrypt_fields`."""
        if schema_type == schema_def.TYPE_CONSUMER:
            schema: dict[str, Any] | None = self.consumer_schema or self.schema
        elif schema_type == schema_def.TYPE_METADATA:
            schema = self.metadata_schema
        else:
            schema = self.schema
        return tuple((schema or {}).get("encrypt_fields") or ())

    def check_schema(self, conf: dict, schema_type: int | None) -> str | None:
        """The plugin's check_schema: pick the schema by type, validate, then the extra rules."""
        if schema_type == schema_def.TYPE_METADATA:
            # admin/plugin_metadata.lua injects an empty object schema when a plugin has none
            return validate(self.metadata_schema or {"type": "object", "properties": {}}, conf)
        if self.pre is not None:
            err = self.pre(conf, schema_type)
            if err is not None:
                return err
        schema = self.schema
        if schema_type == schema_def.TYPE_CONSUMER and self.consumer_schema is not None:
            schema = self.consumer_schema
        err = validate(schema, conf)
        if err is not None and self.on_error is not None:
            err = self.on_error(conf, err)
        if err is None and self.extra is not None:
            err = self.extra(conf, schema_type)
        return err


def anonymous_consumer_schema() -> dict[str, Any]:
    """schema_def.anonymous_consumer_schema (minLength really is the string "1" in Lua)."""
    return {"type": "string", "minLength": "1"}


def realm_schema(default: str) -> dict[str, Any]:
    """schema_def.get_realm_schema(default)."""
    return {"type": "string", "pattern": "^[\x20-\x21\x23-\x5B\\]-\x7E]+$",
            "default": default, "minLength": 1, "maxLength": 128}


def redis_policy(schema: dict[str, Any], with_cluster: bool = True) -> dict[str, Any]:
    """Attach limit-* policy if/then/else branches (redis / redis-cluster) to a schema."""
    redis = {
        "properties": {
            "redis_host": {"type": "string", "minLength": 2},
            "redis_port": {"type": "integer", "minimum": 1, "default": 6379},
            "redis_username": {"type": "string", "minLength": 1},
            "redis_password": {"type": "string", "minLength": 0},
            "redis_database": {"type": "integer", "minimum": 0, "default": 0},
            "redis_timeout": {"type": "integer", "minimum": 1, "default": 1000},
            "redis_ssl": {"type": "boolean", "default": False},
            "redis_ssl_verify": {"type": "boolean", "default": False},
        },
        "required": ["redis_host"],
    }
    cluster = {
        "properties": {
            "redis_cluster_nodes": {"type": "array", "minItems": 1,
                                    "items": {"type": "string", "minLength": 2,
                                              "maxLength": 100}},
            "redis_password": {"type": "string", "minLength": 0},
            "redis_timeout": {"type": "integer", "minimum": 1, "default": 1000},
            "redis_cluster_name": {"type": "string"},
            "redis_cluster_ssl": {"type": "boolean", "default": False},
            "redis_cluster_ssl_verify": {"type": "boolean", "default": False},
        },
        "required": ["redis_cluster_nodes", "redis_cluster_name"],
    }
    schema["if"] = {"properties": {"policy": {"enum": ["redis"]}}}
    schema["then"] = redis
    if with_cluster:
        schema["else"] = {"if": {"properties": {"policy": {"enum": ["redis-cluster"]}}},
                          "then": cluster}
    return schema
