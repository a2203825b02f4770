"""Request/response transforming plugins: proxy-rewrite, response-rewrite, redirect, echo."""

from __future__ import annotations

import base64
import binascii
import re

from sandbox.validation.expr import check_expr
from sandbox.validation.plugins.base import Plugin

_header_value = {"oneOf": [{"type": "string"}, {"type": "number"}]}
_header_map = {"type": "object", "minProperties": 1,
               "patternProperties": {"^[^:]+$": _header_value}}
_header_names = {"type": "array", "minItems": 1,
                 "items": {"type": "string", "pattern": "^[^:]+$"}}


def _pcre_error(pattern: str) -> str | None:
    try:
        re.compile(pattern)
    except re.error as exc:
        return f"pcre_compile() failed: {exc.msg} in \"{pattern}\""
    return None


def _proxy_rewrite_extra(conf: dict, _schema_type: int | None) -> str | None:
    regex_uri = conf.get("regex_uri") or []
    if regex_uri:
        if len(regex_uri) % 2 != 0:
            return "The length of regex_uri should be an even number"
        for i in range(0, len(regex_uri), 2):
            err = _pcre_error(regex_uri[i])
            if err is not None:
                return f"invalid regex_uri({regex_uri[i]}, {regex_uri[i + 1]}): {err}"
    return None


proxy_rewrite = Plugin(
    name="proxy-rewrite", priority=1008, version=0.1,
    schema={
        "type": "object",
        "properties": {
            "uri": {"description": "new uri for upstream", "type": "string", "minLength": 1,
                    "maxLength": 4096, "pattern": r"^\/.*"},
            "method": {"description": "proxy route method", "type": "string",
                       "enum": ["GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "MKCOL",
                                "COPY", "MOVE", "PROPFIND", "LOCK", "UNLOCK", "PATCH",
                                "TRACE"]},
            "regex_uri": {"description": "new uri that substitute from client uri for "
                                         "upstream, lower priority than uri property",
                          "type": "array", "minItems": 2,
                          "items": {"description": "regex uri", "type": "string"}},
            "host": {"description": "new host for upstream", "type": "string",
                     "pattern": r"^[0-9a-zA-Z-.]+(:\d{1,5})?$"},
            "headers": {"description": "new headers for request", "oneOf": [
                {"type": "object", "minProperties": 1, "additionalProperties": False,
                 "properties": {"add": _header_map, "set": _header_map,
                                "remove": _header_names}},
                _header_map,
            ]},
            "use_real_request_uri_unsafe": {"type": "boolean", "default": False},
        },
        "minProperties": 1,
    },
    extra=_proxy_rewrite_extra,
)


def _response_rewrite_extra(conf: dict, _schema_type: int | None) -> str | None:
    if conf.get("body_base64"):
        body = conf.get("body")
        if not body:
            return "invalid base64 content"
        try:
            base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError):
            return "invalid base64 content"
    if conf.get("vars") is not None:
        err = check_expr(conf["vars"])
        if err is not None:
            return "failed to validate the 'vars' expression: " + err
    for item in conf.get("filters") or []:
        err = _pcre_error(item["regex"])
        if err is not None:
            return f"regex \"{item['regex']}\" validation failed: {err}"
    return None


response_rewrite = Plugin(
    name="response-rewrite", priority=899, version=0.1,
    schema={
        "type": "object",
        "properties": {
            "headers": {"description": "new headers for response", "anyOf": [
                _header_map,
                {"properties": {
                    "add": {"type": "array", "minItems": 1,
                            "items": {"type": "string", "pattern": "^[^:]+:[^:]*[^/]$"}},
                    "set": _header_map,
                    "remove": _header_names,
                }},
            ]},
            "body": {"description": "new body for response", "type": "string"},
            "body_base64": {"type": "boolean", "default": False},
            "status_code": {"type": "integer", "minimum": 200, "maximum": 598},
            "vars": {"type": "array"},
            "filters": {"type": "array", "minItems": 1, "items": {
                "type": "object",
                "required": ["regex", "replace"],
                "properties": {
                    "regex": {"type": "string", "minLength": 1},
                    "scope": {"type": "string", "enum": ["once", "global"], "default": "once"},
                    "replace": {"type": "string"},
                    "options": {"type": "string", "default": "jo"},
                },
            }},
        },
        "dependencies": {"body": {"not": {"required": ["filters"]}},
                         "filters": {"not": {"required": ["body"]}}},
    },
    extra=_response_rewrite_extra,
)

_redirect_uri_pattern = (r"(\\\$[0-9a-zA-Z_]+)|\$\{([0-9a-zA-Z_]+)\}|\$([0-9a-zA-Z_]+)"
                         r"|(\$|[^$\\]+)")


def _redirect_extra(conf: dict, _schema_type: int | None) -> str | None:
    regex_uri = conf.get("regex_uri") or []
    if regex_uri:
        err = _pcre_error(regex_uri[0])
        if err is not None:
            return f"invalid regex_uri ({regex_uri[0]}, {regex_uri[1]}), err:{err}"
    if conf.get("http_to_https") and conf.get("append_query_string"):
        return "only one of `http_to_https` and `append_query_string` can be configured."
    return None


redirect = Plugin(
    name="redirect", priority=900, version=0.1,
    schema={
        "type": "object",
        "properties": {
            "ret_code": {"type": "integer", "minimum": 200, "default": 302},
            "uri": {"type": "string", "minLength": 2, "pattern": _redirect_uri_pattern},
            "regex_uri": {"type": "array", "maxItems": 2, "minItems": 2,
                          "items": {"description": "regex uri", "type": "string"}},
            "http_to_https": {"type": "boolean"},
            "encode_uri": {"type": "boolean", "default": False},
            "append_query_string": {"type": "boolean", "default": False},
        },
        "oneOf": [{"required": ["uri"]}, {"required": ["regex_uri"]},
                  {"required": ["http_to_https"]}],
    },
    extra=_redirect_extra,
)

echo = Plugin(
    name="echo", priority=412, version=0.1,
    schema={
        "type": "object",
        "properties": {
            "before_body": {"description": "body before the filter phase.", "type": "string"},
            "body": {"description": "body to replace upstream response.", "type": "string"},
            "after_body": {"description": "body after the modification of filter phase.",
                           "type": "string"},
            "headers": {"description": "new headers for response", "type": "object",
                        "minProperties": 1},
        },
        "anyOf": [{"required": ["before_body"]}, {"required": ["body"]},
                  {"required": ["after_body"]}],
        "minProperties": 1,
    },
)

PLUGINS = (proxy_rewrite, response_rewrite, redirect, echo)
