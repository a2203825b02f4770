"""Rate limiting plugins: limit-count, limit-req, limit-conn."""

from __future__ import annotations

import copy

from sandbox.validation.jsonschema_lua import validate
from sandbox.validation.plugins.base import Plugin, redis_policy

_rejected = {"type": "integer", "minimum": 200, "maximum": 599, "default": 503}
_policy = {"type": "string", "enum": ["local", "redis", "redis-cluster"], "default": "local"}

_positive = {"type": "integer", "exclusiveMinimum": 0}
_int_or_var = {"oneOf": [dict(_positive), {"type": "string"}]}
# the pre-3.16 required pair: keeps its messages (`property "count" is required`) for confs
# without `rules`, which the 3.16+ oneOf(required count+time_window | required rules) replaced
_legacy_pair = {"type": "object", "properties": {"count": _positive, "time_window": _positive},
                "required": ["count", "time_window"]}
_NO_DELAYED_SYNC = -1

_sentinel = {
    "properties": {
        "redis_sentinels": {"type": "array", "minItems": 1, "items": {
            "type": "object",
            "properties": {"host": {"type": "string", "minLength": 2},
                           "port": {"type": "integer", "minimum": 1, "maximum": 65535}},
            "required": ["host", "port"], "additionalProperties": False}},
        "redis_master_name": {"type": "string", "minLength": 1},
        "redis_role": {"type": "string", "enum": ["master", "slave"], "default": "master"},
        "redis_connect_timeout": {"type": "integer", "minimum": 1, "default": 1000},
        "redis_read_timeout": {"type": "integer", "minimum": 1, "default": 1000},
        "redis_keepalive_timeout": {"type": "integer", "minimum": 1, "default": 60000},
        "redis_database": {"type": "integer", "minimum": 0, "default": 0},
        "redis_username": {"type": "string", "minLength": 1},
        "redis_password": {"type": "string", "minLength": 0},
        "sentinel_username": {"type": "string", "minLength": 1},
        "sentinel_password": {"type": "string", "minLength": 0},
    },
    "required": ["redis_sentinels", "redis_master_name"],
}


def _limit_count_pre(conf: dict, _schema_type: int | None) -> str | None:
    if "rules" in conf:
        return None
    return validate(_legacy_pair, {k: conf[k] for k in ("count", "time_window") if k in conf})


def _limit_count_on_error(conf: dict, err: str) -> str:
    """limit-count/init.lua: a oneOf failure with both shapes present gets its own message."""
    both = (conf.get("count") is not None or conf.get("time_window") is not None) and \
        conf.get("rules") is not None
    if both and "value should match only one schema" in err:
        return "count/time_window and rules cannot be specified at the same time"
    return err


# limit-count's group_conf_lru: the first conf seen for each group name (defaults injected),
# kept for the process as APISIX's worker keeps it; cleared by the sandbox reset.
_GROUP_CONFS: dict[str, dict] = {}


def reset_group_confs() -> None:
    _GROUP_CONFS.clear()


def _group_fields(policy: object) -> list[str]:
    """schema_copy.properties (no `_meta`) plus the chosen redis policy's extra properties."""
    from sandbox.validation import plugins as registry  # late: the registry imports this module

    plugin = registry.get("limit-count") or limit_count
    schema = plugin.schema
    fields = [k for k in (schema.get("properties") or {}) if k != "_meta"]
    branch, chosen = schema, None
    while isinstance(branch, dict) and "if" in branch:
        wanted = ((branch["if"].get("properties") or {}).get("policy") or {}).get("enum") or []
        if policy in wanted:
            chosen = branch.get("then")
            break
        branch = branch.get("else")
    return fields + list(((chosen or {}).get("properties") or {}))


def _group_mismatch(conf: dict) -> str | None:
    group = conf["group"]
    first = _GROUP_CONFS.setdefault(group, copy.deepcopy(conf))
    for field in _group_fields(conf.get("policy")):
        if first.get(field) != conf.get(field):
            return "group conf mismatched"
    return None


def _limit_count_extra(conf: dict, _schema_type: int | None) -> str | None:
    """limit-count/init.lua check_schema after core.schema.check."""
    if conf.get("rules") is not None and ("count" in conf or "time_window" in conf):
        return "count/time_window and rules cannot be specified at the same time"
    if conf.get("group") is not None and conf.get("rules") is not None:
        return "group and rules cannot be specified at the same time"
    if conf.get("group") is not None and conf.get("_vid") is not None:
        return "group is not supported"  # a workflow action's conf
    if isinstance(conf.get("group"), str):
        err = _group_mismatch(conf)
        if err is not None:
            return err
    if conf.get("policy") in ("redis", "redis-cluster", "redis-sentinel"):
        interval = conf.get("sync_interval")
        if interval is not None and interval != _NO_DELAYED_SYNC:
            if interval < 0.1:
                return "sync_interval should not be smaller than 0.1"
            window = conf.get("time_window")
            if isinstance(window, (int, float)) and interval >= window:
                return "sync_interval should be smaller than time_window"
    seen: set[str] = set()
    for rule in conf.get("rules") or []:
        if rule.get("key") in seen:
            return f"duplicate key '{rule.get('key')}' in rules"
        seen.add(rule.get("key"))
    return None


def _limit_count_schema() -> dict:
    schema = redis_policy({
        "type": "object",
        "properties": {
            "count": dict(_positive),
            "time_window": dict(_positive),
            "window_type": {"type": "string", "enum": ["fixed", "sliding"], "default": "fixed"},
            "rules": {"type": "array", "items": {
                "type": "object",
                "properties": {"count": _int_or_var, "time_window": _int_or_var,
                               "key": {"type": "string"},
                               "header_prefix": {"type": "string",
                                                 "description": "prefix for rate limit headers"}},
                "required": ["count", "time_window", "key"]}},
            "group": {"type": "string"},
            "key": {"type": "string", "default": "remote_addr"},
            "key_type": {"type": "string", "enum": ["var", "var_combination", "constant"],
                         "default": "var"},
            "rejected_code": dict(_rejected),
            "rejected_msg": {"type": "string", "minLength": 1},
            "policy": {**_policy, "enum": ["local", "redis", "redis-cluster", "redis-sentinel"]},
            "allow_degradation": {"type": "boolean", "default": False},
            "show_limit_quota_header": {"type": "boolean", "default": True},
            "sync_interval": {"type": "number", "default": _NO_DELAYED_SYNC},
        },
        "encrypt_fields": ["redis_password", "sentinel_password"],
    })
    schema["else"]["else"] = {"if": {"properties": {"policy": {"enum": ["redis-sentinel"]}}},
                              "then": _sentinel}
    return schema


limit_count = Plugin(
    name="limit-count", priority=1002, version=0.5, stream=False,
    schema=_limit_count_schema(),
    metadata_schema={"type": "object", "properties": {
        "limit_header": {"type": "string", "default": "X-RateLimit-Limit"},
        "remaining_header": {"type": "string", "default": "X-RateLimit-Remaining"},
        "reset_header": {"type": "string", "default": "X-RateLimit-Reset"},
    }},
    pre=_limit_count_pre,
    extra=_limit_count_extra,
    on_error=_limit_count_on_error,
)

def _shared_limit_properties() -> dict:
    """Properties limit-req and limit-conn declare identically (fresh copies: validators cache by id)."""
    return {
        "key_type": {"type": "string", "enum": ["var", "var_combination"], "default": "var"},
        "policy": dict(_policy),
        "rejected_code": dict(_rejected),
        "rejected_msg": {"type": "string", "minLength": 1},
    }


limit_req = Plugin(
    name="limit-req", priority=1001, version=0.1,
    schema=redis_policy({
        "type": "object",
        "properties": {
            "rate": {"type": "number", "exclusiveMinimum": 0},
            "burst": {"type": "number", "minimum": 0},
            "key": {"type": "string"},
            **_shared_limit_properties(),
            "nodelay": {"type": "boolean", "default": False},
            "allow_degradation": {"type": "boolean", "default": False},
        },
        "required": ["rate", "burst", "key"],
    }),
)

limit_conn = Plugin(
    name="limit-conn", priority=1003, version=0.1, stream=True,
    schema=redis_policy({
        "type": "object",
        "properties": {
            "conn": {"type": "integer", "exclusiveMinimum": 0},
            "burst": {"type": "integer", "minimum": 0},
            "default_conn_delay": {"type": "number", "exclusiveMinimum": 0},
            "only_use_default_delay": {"type": "boolean", "default": False},
            "key": {"type": "string"},
            **_shared_limit_properties(),
            "allow_degradation": {"type": "boolean", "default": False},
        },
        "required": ["conn", "burst", "default_conn_delay", "key"],
    }),
)

PLUGINS = (limit_count, limit_req, limit_conn)
