"""Traffic and observability plugins: traffic-split, proxy-cache, request-id, prometheus."""

from __future__ import annotations

from sandbox.validation import schema_def
from sandbox.validation.expr import check_expr
from sandbox.validation.plugins.base import Plugin

# apisix.proxy_cache.zones of the default config: (name, has disk_path)
DEFAULT_CACHE_ZONES: tuple[tuple[str, bool], ...] = (("disk_cache_one", True),
                                                     ("memory_cache", False))


def _traffic_split_extra(conf: dict, _schema_type: int | None) -> str | None:
    for rule in conf.get("rules") or []:
        for match in rule.get("match") or []:
            err = check_expr(match.get("vars"))
            if err is not None:
                return "failed to validate the 'vars' expression: " + err
    return None


traffic_split = Plugin(
    name="traffic-split", priority=966, version=0.1,
    schema={"type": "object", "properties": {"rules": {"type": "array", "items": {
        "type": "object",
        "properties": {
            "match": {"type": "array", "items": {"type": "object",
                                                 "properties": {"vars": {"type": "array"}}}},
            "weighted_upstreams": {
                "type": "array",
                "items": {"type": "object", "properties": {
                    "upstream_id": schema_def.id_schema,
                    "upstream": schema_def.upstream,
                    "weight": {"type": "integer", "default": 1, "minimum": 0},
                }},
                "default": [{"weight": 1}],
                "minItems": 1,
                "maxItems": 20,
            },
        },
    }}}},
    extra=_traffic_split_extra,
)

_var_pattern = r"(^[^\$].+$|^\$[0-9a-zA-Z_]+$)"


def _proxy_cache_extra(conf: dict, _schema_type: int | None) -> str | None:
    for key in conf.get("cache_key") or []:
        if key == "$request_method":
            return f"cache_key variable {key} unsupported"
    zone, strategy = conf.get("cache_zone"), conf.get("cache_strategy")
    for name, on_disk in DEFAULT_CACHE_ZONES:
        if name == zone:
            if (strategy == "memory" and on_disk) or (strategy == "disk" and not on_disk):
                return "invalid or empty cache_zone for cache_strategy: " + str(strategy)
            return None
    return f"cache_zone {zone} not found"


proxy_cache = Plugin(
    name="proxy-cache", priority=1085, version=0.2,
    schema={"type": "object", "properties": {
        "cache_zone": {"type": "string", "minLength": 1, "maxLength": 100,
                       "default": "disk_cache_one"},
        "cache_strategy": {"type": "string", "enum": ["disk", "memory"], "default": "disk"},
        "cache_key": {"type": "array", "minItems": 1,
                      "items": {"description": "a key for caching", "type": "string",
                                "pattern": _var_pattern},
                      "default": ["$host", "$request_uri"]},
        "cache_http_status": {"type": "array", "minItems": 1,
                              "items": {"description": "http response status",
                                        "type": "integer", "minimum": 200, "maximum": 599},
                              "uniqueItems": True, "default": [200, 301, 404]},
        "cache_method": {"type": "array", "minItems": 1,
                         "items": {"description": "supported http method", "type": "string",
                                   "enum": ["GET", "POST", "HEAD"]},
                         "uniqueItems": True, "default": ["GET", "HEAD"]},
        "hide_cache_headers": {"type": "boolean", "default": False},
        "cache_control": {"type": "boolean", "default": False},
        "cache_bypass": {"type": "array", "minItems": 1,
                         "items": {"type": "string", "pattern": _var_pattern}},
        "no_cache": {"type": "array", "minItems": 1,
                     "items": {"type": "string", "pattern": _var_pattern}},
        "cache_ttl": {"type": "integer", "minimum": 1, "default": 300},
    }},
    extra=_proxy_cache_extra,
)

request_id = Plugin(
    name="request-id", priority=12015, version=0.1,
    schema={"type": "object", "properties": {
        "header_name": {"type": "string", "default": "X-Request-Id"},
        "include_in_response": {"type": "boolean", "default": True},
        "algorithm": {"type": "string", "enum": ["uuid", "nanoid", "range_id", "ksuid"],
                      "default": "uuid"},
        "range_id": {"type": "object", "properties": {
            "length": {"type": "integer", "minimum": 6, "default": 16},
            "char_set": {"type": "string", "minLength": 6,
                         "default": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                    "0123456789"},
        }, "default": {}},
    }},
)

prometheus = Plugin(
    name="prometheus", priority=500, version=0.2, stream=True,
    schema={"type": "object", "properties": {
        "prefer_name": {"type": "boolean", "default": False},
    }},
)

PLUGINS = (traffic_split, proxy_cache, request_id, prometheus)
