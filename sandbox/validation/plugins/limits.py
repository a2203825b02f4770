"""Rate limiting plugins: limit-count, limit-req, limit-conn."""

from __future__ import annotations

from sandbox.validation.plugins.base import Plugin, redis_policy

_rejected = {"type": "integer", "minimum": 200, "maximum": 599, "default": 503}
_policy = {"type": "string", "enum": ["local", "redis", "redis-cluster"], "default": "local"}

limit_count = Plugin(
    name="limit-count", priority=1002, version=0.5, stream=False,
    schema=redis_policy({
        "type": "object",
        "properties": {
            "count": {"type": "integer", "exclusiveMinimum": 0},
            "time_window": {"type": "integer", "exclusiveMinimum": 0},
            "group": {"type": "string"},
            "key": {"type": "string", "default": "remote_addr"},
            "key_type": {"type": "string", "enum": ["var", "var_combination", "constant"],
                         "default": "var"},
            "rejected_code": dict(_rejected),
            "rejected_msg": {"type": "string", "minLength": 1},
            "policy": dict(_policy),
            "allow_degradation": {"type": "boolean", "default": False},
            "show_limit_quota_header": {"type": "boolean", "default": True},
        },
        "required": ["count", "time_window"],
    }),
)

limit_req = Plugin(
    name="limit-req", priority=1001, version=0.1,
    schema=redis_policy({
        "type": "object",
        "properties": {
            "rate": {"type": "number", "exclusiveMinimum": 0},
            "burst": {"type": "number", "minimum": 0},
            "key": {"type": "string"},
            "key_type": {"type": "string", "enum": ["var", "var_combination"],
                         "default": "var"},
            "policy": dict(_policy),
            "rejected_code": dict(_rejected),
            "rejected_msg": {"type": "string", "minLength": 1},
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
            "key_type": {"type": "string", "enum": ["var", "var_combination"],
                         "default": "var"},
            "policy": dict(_policy),
            "rejected_code": dict(_rejected),
            "rejected_msg": {"type": "string", "minLength": 1},
            "allow_degradation": {"type": "boolean", "default": False},
        },
        "required": ["conn", "burst", "default_conn_delay", "key"],
    }),
)

PLUGINS = (limit_count, limit_req, limit_conn)
