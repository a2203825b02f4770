"""Traffic-shaping plugins: fault-injection, proxy-mirror, api-breaker, gzip."""

from __future__ import annotations

from sandbox.validation.expr import check_expr
from sandbox.validation.plugins.base import Plugin

_fault_vars = {"type": "array", "maxItems": 20, "items": {"type": "array"}}


def _fault_injection_extra(conf: dict, _schema_type: int | None) -> str | None:
    """Every `abort.vars` / `delay.vars` item must build a resty.expr (error returned bare)."""
    for part in ("abort", "delay"):
        for rule in (conf.get(part) or {}).get("vars") or []:
            err = check_expr(rule)
            if err is not None:
                return err
    return None


fault_injection = Plugin(
    name="fault-injection", priority=11000, version=0.1,
    schema={"type": "object", "properties": {
        "abort": {"type": "object", "properties": {
            "http_status": {"type": "integer", "minimum": 200},
            "body": {"type": "string", "minLength": 0},
            "percentage": {"type": "integer", "minimum": 0, "maximum": 100},
            "vars": _fault_vars,
        }, "required": ["http_status"]},
        "delay": {"type": "object", "properties": {
            "duration": {"type": "number", "minimum": 0},
            "percentage": {"type": "integer", "minimum": 0, "maximum": 100},
            "vars": _fault_vars,
        }, "required": ["duration"]},
    }, "minProperties": 1},
    extra=_fault_injection_extra,
)

proxy_mirror = Plugin(
    name="proxy-mirror", priority=1010, version=0.1,
    schema={"type": "object", "properties": {
        "host": {"type": "string",
                 "pattern": r"^(http(s)?|grpc(s)?):\/\/([\da-zA-Z.-]+|\[[\da-fA-F:]+\])(:\d+)?$"},
        "path": {"type": "string", "pattern": r"^/[^?&]+$"},
        "path_concat_mode": {"type": "string", "default": "replace",
                             "enum": ["replace", "prefix"],
                             "description": "the concatenation mode for custom path"},
        "sample_ratio": {"type": "number", "minimum": 0.00001, "maximum": 1, "default": 1},
    }, "required": ["host"]},
)


def _statuses(low: int, high: int, default: int) -> dict:
    return {"type": "array", "minItems": 1,
            "items": {"type": "integer", "minimum": low, "maximum": high},
            "uniqueItems": True, "default": [default]}


api_breaker = Plugin(
    name="api-breaker", priority=1005, version=0.1,
    schema={"type": "object", "properties": {
        "break_response_code": {"type": "integer", "minimum": 200, "maximum": 599},
        "break_response_body": {"type": "string"},
        "break_response_headers": {"type": "array", "items": {"type": "object", "properties": {
            "key": {"type": "string", "minLength": 1},
            "value": {"type": "string", "minLength": 1},
        }, "required": ["key", "value"]}},
        "max_breaker_sec": {"type": "integer", "minimum": 3, "default": 300},
        "unhealthy": {"type": "object", "properties": {
            "http_statuses": _statuses(500, 599, 500),
            "failures": {"type": "integer", "minimum": 1, "default": 3},
        }, "default": {"http_statuses": [500], "failures": 3}},
        "healthy": {"type": "object", "properties": {
            "http_statuses": _statuses(200, 499, 200),
            "successes": {"type": "integer", "minimum": 1, "default": 3},
        }, "default": {"http_statuses": [200], "successes": 3}},
    }, "required": ["break_response_code"]},
)

gzip = Plugin(
    name="gzip", priority=995, version=0.1,
    schema={"type": "object", "properties": {
        "types": {"anyOf": [{"type": "array", "minItems": 1,
                             "items": {"type": "string", "minLength": 1}},
                            {"enum": ["*"]}],
                  "default": ["text/html"]},
        "min_length": {"type": "integer", "minimum": 1, "default": 20},
        "comp_level": {"type": "integer", "minimum": 1, "maximum": 9, "default": 1},
        "http_version": {"enum": [1.1, 1.0], "default": 1.1},
        "buffers": {"type": "object", "properties": {
            "number": {"type": "integer", "minimum": 1, "default": 32},
            "size": {"type": "integer", "minimum": 1, "default": 4096},
        }, "default": {"number": 32, "size": 4096}},
        "vary": {"type": "boolean"},
    }},
)

PLUGINS = (fault_injection, proxy_mirror, api_breaker, gzip)
