"""Access-control plugins: cors, ip-restriction, consumer-restriction."""

from __future__ import annotations

import ipaddress
import re

from sandbox.validation import schema_def
from sandbox.validation.plugins.base import Plugin

_origin_pattern = r"^(\*|\*\*|null|\w+://[^,]+(,\w+://[^,]+)*)$"
_regex_list = {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 4096},
               "minItems": 1, "uniqueItems": True}


def _cors_extra(conf: dict, _schema_type: int | None) -> str | None:
    if conf.get("allow_credential"):
        fields = ("allow_origins", "allow_methods", "allow_headers", "expose_headers",
                  "timing_allow_origins")
        if any(conf.get(f) == "*" for f in fields):
            return "you can not set '*' for other option when 'allow_credential' is true"
    for key in ("allow_origins_by_regex", "timing_allow_origins_by_regex"):
        for rule in conf.get(key) or []:
            try:
                re.compile(rule)
            except re.error as exc:
                return f"pcre_compile() failed: {exc.msg} in \"{rule}\""
    return None


cors = Plugin(
    name="cors", priority=4000, version=0.1,
    schema={"type": "object", "properties": {
        "allow_origins": {"type": "string", "pattern": _origin_pattern, "default": "*"},
        "allow_methods": {"type": "string", "default": "*"},
        "allow_headers": {"type": "string", "default": "*"},
        "expose_headers": {"type": "string"},
        "max_age": {"type": "integer", "default": 5},
        "allow_credential": {"type": "boolean", "default": False},
        "allow_origins_by_regex": _regex_list,
        "allow_origins_by_metadata": _regex_list,
        "timing_allow_origins": {"type": "string", "pattern": _origin_pattern},
        "timing_allow_origins_by_regex": _regex_list,
    }},
    metadata_schema={"type": "object", "properties": {"allow_origins": {
        "type": "object",
        "additionalProperties": {"type": "string", "pattern": _origin_pattern},
    }}},
    extra=_cors_extra,
)


def _valid_cidr_or_ip(text: str) -> bool:
    try:
        ipaddress.ip_network(text, strict=False)
    except ValueError:
        return False
    return True


def _ip_restriction_extra(conf: dict, _schema_type: int | None) -> str | None:
    for key in ("whitelist", "blacklist"):
        for cidr in conf.get(key) or []:
            if not _valid_cidr_or_ip(cidr):
                return "invalid ip address: " + cidr
    return None


_ip_list = {"type": "array", "items": {"anyOf": schema_def.ip_def}, "minItems": 1}

ip_restriction = Plugin(
    name="ip-restriction", priority=3000, version=0.1, stream=True,
    schema={"type": "object", "properties": {
        "message": {"type": "string", "minLength": 1, "maxLength": 1024,
                    "default": "Your IP address is not allowed"},
        "response_code": {"type": "integer", "minimum": 403, "maximum": 404, "default": 403},
        "whitelist": _ip_list,
        "blacklist": _ip_list,
    }, "oneOf": [{"required": ["whitelist"]}, {"required": ["blacklist"]}]},
    extra=_ip_restriction_extra,
)

consumer_restriction = Plugin(
    name="consumer-restriction", priority=2400, version=0.1,
    schema={"type": "object", "properties": {
        "type": {"type": "string",
                 "enum": ["consumer_name", "service_id", "route_id", "consumer_group_id"],
                 "default": "consumer_name"},
        "blacklist": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "whitelist": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "allowed_by_methods": {"type": "array", "items": {"type": "object", "properties": {
            "user": {"type": "string"},
            "methods": {"type": "array", "minItems": 1, "items": schema_def.method_schema},
        }}},
        "rejected_code": {"type": "integer", "minimum": 200, "default": 403},
        "rejected_msg": {"type": "string"},
    }, "anyOf": [{"required": ["blacklist"]}, {"required": ["whitelist"]},
                 {"required": ["allowed_by_methods"]}]},
)

PLUGINS = (cors, ip_restriction, consumer_restriction)
