"""Request filters: uri-blocker, ua-restriction, referer-restriction, request-validation, real-ip."""

from __future__ import annotations

import ipaddress

from sandbox.validation import schema_def
from sandbox.validation.plugins.base import Plugin
from sandbox.validation.plugins.pcre import compile_error


def _first_regex_error(rules: list[str] | None) -> str | None:
    for rule in rules or []:
        err = compile_error(rule)
        if err is not None:
            return err
    return None


def _uri_blocker_extra(conf: dict, _schema_type: int | None) -> str | None:
    return _first_regex_error(conf.get("block_rules"))


uri_blocker = Plugin(
    name="uri-blocker", priority=2900, version=0.1,
    schema={"type": "object", "properties": {
        "block_rules": {"type": "array",
                        "items": {"type": "string", "minLength": 1, "maxLength": 4096},
                        "uniqueItems": True},
        "rejected_code": {"type": "integer", "minimum": 200, "default": 403},
        "rejected_msg": {"type": "string", "minLength": 1},
        "case_insensitive": {"type": "boolean", "default": False},
    }, "required": ["block_rules"]},
    extra=_uri_blocker_extra,
)


def _ua_restriction_extra(conf: dict, _schema_type: int | None) -> str | None:
    return _first_regex_error(conf.get("allowlist")) or _first_regex_error(conf.get("denylist"))


_ua_list = {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}

ua_restriction = Plugin(
    name="ua-restriction", priority=2999, version=0.1,
    schema={"type": "object", "properties": {
        "bypass_missing": {"type": "boolean", "default": False},
        "allowlist": _ua_list,
        "denylist": _ua_list,
        "message": {"type": "string", "minLength": 1, "maxLength": 1024,
                    "default": "Not allowed"},
    }, "oneOf": [{"required": ["allowlist"]}, {"required": ["denylist"]}]},
    extra=_ua_restriction_extra,
)

_host_list = {"type": "array", "items": schema_def.host_def, "minItems": 1}

referer_restriction = Plugin(
    name="referer-restriction", priority=2990, version=0.1,
    schema={"type": "object", "properties": {
        "bypass_missing": {"type": "boolean", "default": False},
        "whitelist": _host_list,
        "blacklist": _host_list,
        "message": {"type": "string", "minLength": 1, "maxLength": 1024,
                    "default": "Your referer host is not allowed"},
    }, "oneOf": [{"required": ["whitelist"]}, {"required": ["blacklist"]}]},
)

request_validation = Plugin(
    name="request-validation", priority=2800, version=0.1, type="validation",
    schema={"type": "object", "anyOf": [
        {"title": "Body schema", "properties": {"body_schema": {"type": "object"}},
         "required": ["body_schema"]},
        {"title": "Header schema", "properties": {"header_schema": {"type": "object"}},
         "required": ["header_schema"]},
    ]},
)


def _real_ip_extra(conf: dict, _schema_type: int | None) -> str | None:
    for cidr in conf.get("trusted_addresses") or []:
        try:
            ipaddress.ip_network(cidr, strict=False)
        except ValueError:
            return "invalid ip address: " + cidr
    return None


real_ip = Plugin(
    name="real-ip", priority=23000, version=0.1,
    schema={"type": "object", "properties": {
        "trusted_addresses": {"type": "array", "items": {"anyOf": schema_def.ip_def},
                              "minItems": 1},
        "source": {"type": "string", "minLength": 1},
        "recursive": {"type": "boolean", "default": False},
    }, "required": ["source"]},
    extra=_real_ip_extra,
)

PLUGINS = (uri_blocker, ua_restriction, referer_restriction, request_validation, real_ip)
