"""A port of APISIX 3.18's `apisix/schema_def.lua`: the core resource schemas and shared pieces."""

from __future__ import annotations

from typing import Any

TYPE_CONSUMER = 1
TYPE_METADATA = 2

plugins_schema: dict[str, Any] = {"type": "object"}

id_schema: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "minLength": 1, "maxLength": 64, "pattern": r"^[a-zA-Z0-9-_.]+$"},
        {"type": "integer", "minimum": 1},
    ]
}

host_def_pat = r"^\*$|^\*?[0-9a-zA-Z-._\[\]:]+$"
host_def: dict[str, Any] = {"type": "string", "pattern": host_def_pat}

_ipv4_seg = "([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])"
ipv4_def = r"\.".join([_ipv4_seg] * 4)
ipv6_def = "([a-fA-F0-9]{0,4}:){1,8}(:[a-fA-F0-9]{0,4}){0,8}([a-fA-F0-9]{0,4})?"
ip_def: list[dict[str, Any]] = [
    {"title": "IPv4", "type": "string", "format": "ipv4"},
    {"title": "IPv4/CIDR", "type": "string", "pattern": "^" + ipv4_def + "/([12]?[0-9]|3[0-2])$"},
    {"title": "IPv6", "type": "string", "format": "ipv6"},
    {"title": "IPv6/CIDR", "type": "string", "pattern": "^" + ipv6_def + "/[0-9]{1,3}$"},
]

uri_def: dict[str, Any] = {
    "type": "string",
    "pattern": r"^[^\/]+:\/\/([\da-zA-Z.-]+|\[[\da-fA-F:]+\])(:\d+)?",
}

timestamp_def: dict[str, Any] = {"type": "integer"}
remote_addr_def: dict[str, Any] = {"description": "client IP", "type": "string", "anyOf": ip_def}
label_value_def: dict[str, Any] = {
    "description": "value of label", "type": "string", "pattern": r"^\S+$",
    "maxLength": 256, "minLength": 1,
}
labels_def: dict[str, Any] = {
    "description": "key/value pairs to specify attributes",
    "type": "object",
    "patternProperties": {".*": label_value_def},
}
rule_name_def: dict[str, Any] = {"type": "string", "maxLength": 256, "minLength": 1}
desc_def: dict[str, Any] = {"type": "string", "maxLength": 256}

timeout_def: dict[str, Any] = {
    "type": "object",
    "properties": {
        "connect": {"type": "number", "exclusiveMinimum": 0},
        "send": {"type": "number", "exclusiveMinimum": 0},
        "read": {"type": "number", "exclusiveMinimum": 0},
    },
    "required": ["connect", "send", "read"],
}


def _statuses(default: list[int]) -> dict[str, Any]:
    return {"type": "array", "minItems": 1,
            "items": {"type": "integer", "minimum": 200, "maximum": 599},
            "uniqueItems": True, "default": default}


def _counter(default: int, minimum: int = 1) -> dict[str, Any]:
    return {"type": "integer", "minimum": minimum, "maximum": 254, "default": default}


health_checker_active: dict[str, Any] = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["http", "https", "tcp"], "default": "http"},
        "timeout": {"type": "number", "default": 1},
        "concurrency": {"type": "integer", "default": 10},
        "host": host_def,
        "port": {"type": "integer", "minimum": 1, "maximum": 65535},
        "http_path": {"type": "string", "default": "/"},
        "http_method": {"type": "string", "default": "GET",
                        "enum": ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
                                 "CONNECT", "TRACE", "PURGE"]},
        "http_req_body": {"type": "string", "default": ""},
        "https_verify_certificate": {"type": "boolean", "default": True},
        "healthy": {"type": "object", "properties": {
            "interval": {"type": "integer", "minimum": 1, "default": 1},
            "http_statuses": _statuses([200, 302]),
            "successes": _counter(2),
        }},
        "unhealthy": {"type": "object", "properties": {
            "interval": {"type": "integer", "minimum": 1, "default": 1},
            "http_statuses": _statuses([429, 404, 500, 501, 502, 503, 504, 505]),
            "http_failures": _counter(5),
            "tcp_failures": _counter(2),
            "timeouts": _counter(3),
        }},
        "req_headers": {"type": "array", "minItems": 1,
                        "items": {"type": "string", "uniqueItems": True}},
    },
}

health_checker_passive: dict[str, Any] = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["http", "https", "tcp"], "default": "http"},
        "healthy": {"type": "object", "properties": {
            "http_statuses": _statuses([200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
                                        300, 301, 302, 303, 304, 305, 306, 307, 308]),
            "successes": _counter(5, 0),
        }},
        "unhealthy": {"type": "object", "properties": {
            "http_statuses": _statuses([429, 500, 503]),
            "tcp_failures": _counter(2, 0),
            "timeouts": _counter(7, 0),
            "http_failures": _counter(5, 0),
        }},
    },
}

health_checker: dict[str, Any] = {
    "type": "object",
    "properties": {"active": health_checker_active, "passive": health_checker_passive},
    "anyOf": [{"required": ["active"]}, {"required": ["active", "passive"]}],
}

nodes_schema: dict[str, Any] = {
    "anyOf": [
        {"type": "object", "patternProperties": {
            ".*": {"description": "weight of node", "type": "integer", "minimum": 0}}},
        {"type": "array", "items": {
            "type": "object",
            "properties": {
                "host": host_def,
                "port": {"description": "port of node", "type": "integer",
                         "minimum": 1, "maximum": 65535},
                "weight": {"description": "weight of node", "type": "integer", "minimum": 0},
                "priority": {"description": "priority of node", "type": "integer", "default": 0},
                "metadata": {"description": "metadata of node", "type": "object"},
            },
            "required": ["host", "weight"],
        }},
    ]
}

certificate_scheme: dict[str, Any] = {"type": "string", "minLength": 128, "maxLength": 64 * 1024}
private_key_schema: dict[str, Any] = {"type": "string", "minLength": 64, "maxLength": 64 * 1024}

upstream_schema: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": id_schema, "name": rule_name_def, "desc": desc_def, "labels": labels_def,
        "create_time": timestamp_def, "update_time": timestamp_def,
        "nodes": nodes_schema,
        "retries": {"type": "integer", "minimum": 0},
        "retry_timeout": {"type": "number", "minimum": 0},
        "timeout": timeout_def,
        "tls": {
            "type": "object",
            "properties": {
                "client_cert_id": id_schema,
                "client_cert": certificate_scheme,
                "client_key": private_key_schema,
                "verify": {"type": "boolean", "default": False,
                           "description": "Turn on server certificate verification, currently only "
                                          "kafka upstream is supported"},
            },
            "dependencies": {
                "client_cert": {"required": ["client_key"]},
                "client_key": {"required": ["client_cert"]},
                "client_cert_id": {"not": {"required": ["client_cert", "client_key"]}},
            },
        },
        "keepalive_pool": {
            "type": "object",
            "properties": {
                "size": {"type": "integer", "default": 320, "minimum": 1},
                "idle_timeout": {"type": "number", "default": 60, "minimum": 0},
                "requests": {"type": "integer", "default": 1000, "minimum": 1},
            },
        },
        "type": {"description": "algorithms of load balancing", "type": "string",
                 "default": "roundrobin"},
        "checks": health_checker,
        "hash_on": {"type": "string", "default": "vars",
                    "enum": ["vars", "header", "cookie", "consumer", "vars_combinations"]},
        "key": {"description": "the key of chash for dynamic load balancing", "type": "string"},
        "scheme": {"default": "http",
                   "enum": ["grpc", "grpcs", "http", "https", "tcp", "tls", "udp", "kafka"],
                   "description": "The scheme of the upstream. For L7 proxy, it can be one of "
                                  "grpc/grpcs/http/https. For L4 proxy, it can be one of tcp/tls/udp. "
                                  "For specific protocols, it can be kafka."},
        "discovery_type": {"description": "discovery type", "type": "string"},
        "discovery_args": {"type": "object", "properties": {
            "namespace_id": {"description": "namespace id", "type": "string"},
            "group_name": {"description": "group name", "type": "string"},
        }},
        "pass_host": {"description": "mod of host passing", "type": "string",
                      "enum": ["pass", "node", "rewrite"], "default": "pass"},
        "upstream_host": host_def,
        "service_name": {"type": "string", "maxLength": 256, "minLength": 1},
    },
    "oneOf": [{"required": ["nodes"]}, {"required": ["service_name", "discovery_type"]}],
    "additionalProperties": False,
}

upstream_hash_vars_schema: dict[str, Any] = {
    "type": "string",
    "pattern": r"^((uri|server_name|server_addr|request_uri|remote_port"
               r"|remote_addr|query_string|host|hostname|mqtt_client_id)"
               r"|arg_[0-9a-zA-z_-]+)$",
}
upstream_hash_header_schema: dict[str, Any] = {"type": "string", "pattern": r"^[a-zA-Z0-9-_]+$"}
upstream_hash_vars_combinations_schema: dict[str, Any] = {"type": "string"}

method_schema: dict[str, Any] = {
    "description": "HTTP method", "type": "string",
    "enum": ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "CONNECT", "TRACE",
             "PURGE"],
}


def _exclusive(a: str, b: str) -> dict[str, Any]:
    return {"oneOf": [
        {"not": {"anyOf": [{"required": [a]}, {"required": [b]}]}},
        {"required": [a]},
        {"required": [b]},
    ]}


_meta_fields: dict[str, Any] = {
    "id": id_schema, "name": rule_name_def, "desc": desc_def, "labels": labels_def,
    "create_time": timestamp_def, "update_time": timestamp_def,
}

route: dict[str, Any] = {
    "type": "object",
    "properties": {
        **_meta_fields,
        "uri": {"type": "string", "minLength": 1, "maxLength": 4096},
        "uris": {"type": "array", "items": {"description": "HTTP uri", "type": "string"},
                 "minItems": 1, "uniqueItems": True},
        "priority": {"type": "integer", "default": 0},
        "methods": {"type": "array", "items": method_schema, "uniqueItems": True},
        "host": host_def,
        "hosts": {"type": "array", "items": host_def, "minItems": 1, "uniqueItems": True},
        "remote_addr": remote_addr_def,
        "remote_addrs": {"type": "array", "items": remote_addr_def, "minItems": 1,
                         "uniqueItems": True},
        "timeout": timeout_def,
        "vars": {"type": "array"},
        "filter_func": {"type": "string", "minLength": 10, "pattern": "^function"},
        "script": {"type": "string", "minLength": 10, "maxLength": 102400},
        "script_id": id_schema,
        "plugins": plugins_schema,
        "plugin_config_id": id_schema,
        "upstream": upstream_schema,
        "service_id": id_schema,
        "upstream_id": id_schema,
        "enable_websocket": {"description": "enable websocket for request", "type": "boolean"},
        "status": {"description": "route status, 1 to enable, 0 to disable",
                   "type": "integer", "enum": [1, 0], "default": 1},
    },
    "allOf": [
        {"oneOf": [{"required": ["uri"]}, {"required": ["uris"]}]},
        _exclusive("host", "hosts"),
        _exclusive("remote_addr", "remote_addrs"),
    ],
    "anyOf": [
        {"required": ["plugins", "uri"]},
        {"required": ["upstream", "uri"]},
        {"required": ["upstream_id", "uri"]},
        {"required": ["service_id", "uri"]},
        {"required": ["plugins", "uris"]},
        {"required": ["upstream", "uris"]},
        {"required": ["upstream_id", "uris"]},
        {"required": ["service_id", "uris"]},
        {"required": ["script", "uri"]},
        {"required": ["script", "uris"]},
    ],
    "not": {"anyOf": [{"required": ["script", "plugins"]},
                      {"required": ["script", "plugin_config_id"]}]},
    "additionalProperties": False,
}

service: dict[str, Any] = {
    "type": "object",
    "properties": {
        **_meta_fields,
        "plugins": plugins_schema,
        "upstream": upstream_schema,
        "upstream_id": id_schema,
        "script": {"type": "string", "minLength": 10, "maxLength": 102400},
        "enable_websocket": {"description": "enable websocket for request", "type": "boolean"},
        "hosts": {"type": "array", "items": host_def, "minItems": 1, "uniqueItems": True},
    },
    "additionalProperties": False,
}

consumer: dict[str, Any] = {
    "type": "object",
    "properties": {
        "username": {"type": "string", "minLength": 1, "maxLength": 256,
                     "pattern": r"^[a-zA-Z0-9_\-]+$"},
        "desc": desc_def, "labels": labels_def,
        "create_time": timestamp_def, "update_time": timestamp_def,
        "group_id": id_schema,
        "id": id_schema,
        "plugins": plugins_schema,
    },
    "required": ["username"],
    "additionalProperties": False,
}

credential: dict[str, Any] = {
    "type": "object",
    "properties": {**_meta_fields, "plugins": {"type": "object", "maxProperties": 1},
                   # 3.18: a credential id may also be written as <consumer>/credentials/<id>
                   "id": {"oneOf": [id_schema, {
                       "type": "string", "minLength": 15, "maxLength": 128,
                       "pattern": r"^[a-zA-Z0-9-_]+/credentials/[a-zA-Z0-9-_.]+$"}]}},
    "additionalProperties": False,
}

upstream = upstream_schema


ssl: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": id_schema, "desc": desc_def, "labels": labels_def,
        "create_time": timestamp_def, "update_time": timestamp_def,
        "type": {"description": "ssl certificate type, server to server certificate, "
                                "client to client certificate for upstream",
                 "type": "string", "default": "server", "enum": ["server", "client"]},
        # `$secret://`/`$env://` references pass through the validator's skip_validation hook
        "cert": certificate_scheme,
        "key": private_key_schema,
        "sni": {"type": "string", "pattern": host_def_pat},
        "snis": {"type": "array", "items": {"type": "string", "pattern": host_def_pat},
                 "minItems": 1},
        "certs": {"type": "array", "items": certificate_scheme},
        "keys": {"type": "array", "items": private_key_schema},
        "client": {
            "type": "object",
            "properties": {
                "ca": certificate_scheme,
                "depth": {"type": "integer", "minimum": 0, "default": 1},
                "skip_mtls_uri_regex": {
                    "type": "array", "minItems": 1, "uniqueItems": True,
                    "items": {"description": "uri regular expression to skip mtls",
                              "type": "string"},
                },
            },
            "required": ["ca"],
        },
        "status": {"description": "ssl status, 1 to enable, 0 to disable", "type": "integer",
                   "enum": [1, 0], "default": 1},
        "ssl_protocols": {"description": "set ssl protocols", "type": "array", "maxItems": 3,
                          "uniqueItems": True,
                          "items": {"enum": ["TLSv1.1", "TLSv1.2", "TLSv1.3"]}},
    },
    "if": {"properties": {"type": {"enum": ["server"]}}},
    "then": {"oneOf": [{"required": ["sni", "key", "cert"]},
                       {"required": ["snis", "key", "cert"]}]},
    "else": {"required": ["key", "cert"]},
    "additionalProperties": False,
}

proto: dict[str, Any] = {
    "type": "object",
    "properties": {**_meta_fields,
                   "content": {"type": "string", "minLength": 1, "maxLength": 1024 * 1024}},
    "required": ["content"],
    "additionalProperties": False,
}

# The order LuaJIT's pairs() visits these schemas' properties in APISIX 3.18, as its recorded answers
# show when several fail at once (name, labels, desc and update_time before id; id before
# create_time and plugins). jsonschema checks properties in that order.
_LUA_PROPERTY_ORDER = ("name", "labels", "desc", "update_time", "id", "create_time", "plugins")


def _lua_order(props: dict[str, Any]) -> dict[str, Any]:
    known = [k for k in _LUA_PROPERTY_ORDER if k in props]
    return {k: props[k] for k in known + [k for k in props if k not in known]}


global_rule: dict[str, Any] = {
    "type": "object",
    "properties": _lua_order({"id": id_schema, "create_time": timestamp_def,
                              "update_time": timestamp_def, "plugins": plugins_schema}),
    "required": ["id", "plugins"],
    "additionalProperties": False,
}

xrpc_protocol_schema: dict[str, Any] = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "superior_id": id_schema,
        "conf": {"description": "protocol-specific configuration", "type": "object"},
        "logger": {"type": "array", "items": {
            "properties": {
                "name": {"type": "string"},
                "filter": {"description": "logger filter rules", "type": "array"},
                "conf": {"description": "logger plugin configuration", "type": "object"},
            },
            "dependencies": {"name": ["conf"]},
            "additionalProperties": False,
        }},
    },
    "required": ["name"],
}

stream_route: dict[str, Any] = {
    "type": "object",
    "properties": {
        **_meta_fields,
        "remote_addr": remote_addr_def,
        "server_addr": {"description": "server IP", "type": "string", "anyOf": ip_def},
        "server_port": {"description": "server port", "type": "integer", "minimum": 1,
                        "maximum": 65535},
        "sni": {"description": "server name indication", "type": "string",
                "pattern": host_def_pat},
        "upstream": upstream_schema,
        "upstream_id": id_schema,
        "service_id": id_schema,
        "plugins": plugins_schema,
        "protocol": xrpc_protocol_schema,
    },
    "additionalProperties": False,
}

plugins: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {"name": {"type": "string", "minLength": 1}, "stream": {"type": "boolean"},
                       "additionalProperties": False},
        "required": ["name"],
    },
}

plugin_config: dict[str, Any] = {
    "type": "object",
    "properties": _lua_order({**_meta_fields, "name": {"type": "string"}, "plugins": plugins_schema}),
    "required": ["id", "plugins"],
    "additionalProperties": False,
}

consumer_group: dict[str, Any] = {
    "type": "object",
    "properties": _lua_order({**_meta_fields, "plugins": plugins_schema}),
    "required": ["id", "plugins"],
    "additionalProperties": False,
}

plugin_injected_schema: dict[str, Any] = {
    "$comment": "this is a mark for our injected plugin schema",
    "_meta": {
        "type": "object",
        "properties": {
            "disable": {"type": "boolean"},
            "error_response": {"oneOf": [{"type": "string"}, {"type": "object"}]},
            "priority": {"description": "priority of plugins by customized order",
                         "type": "integer"},
            "filter": {"description": "filter determines whether the plugin needs to be "
                                      "executed at runtime", "type": "array"},
            "pre_function": {"description": "function to be executed in each phase before "
                                            "execution of plugins. The pre_function will have "
                                            "access to two arguments: `conf` and `ctx`.",
                             "type": "string"},
        },
        "additionalProperties": False,
    },
}

# GET /apisix/admin/schema/{name}: the singular names schema.lua serves.
CORE_SCHEMAS: dict[str, dict[str, Any]] = {
    "route": route, "service": service, "upstream": upstream, "consumer": consumer,
    "credential": credential, "ssl": ssl, "global_rule": global_rule,
    "plugin_config": plugin_config, "consumer_group": consumer_group,
    "stream_route": stream_route, "proto": proto, "plugins": plugins,
    # schema.lua's upstream key schemas, served by name as well
    "upstream_hash_header_schema": {"type": "string", "pattern": r"^[a-zA-Z0-9-_]+$"},
    "upstream_hash_vars_schema": {
        "type": "string",
        "pattern": r"^((uri|server_name|server_addr|request_uri|remote_port|remote_addr|query_string"
                   r"|host|hostname|mqtt_client_id)|arg_[0-9a-zA-z_-]+)$"},
}
