"""Ports of each Admin resource's `check_conf` (apisix/admin/*.lua), in APISIX's check order."""

from __future__ import annotations

import re
from typing import Any, Callable

from sandbox.validation import plugins as registry
from sandbox.validation import schema_def
from sandbox.validation.cert_check import check_ssl_conf
from sandbox.validation.errors import CheckContext, ValidationError
from sandbox.validation.expr import check_expr
from sandbox.validation.jsonschema_lua import validate
from sandbox.validation.lua_syntax import load_error
from sandbox.validation.plugin_check import check_plugins
from sandbox.validation.proto_check import check_proto as proto_syntax
from sandbox.validation.secrets import MANAGERS
from sandbox.validation.upstream_check import check_upstream_conf

# consumer.lua plugin_unique_key_attrs: the attribute each auth plugin finds its consumer by.
PLUGIN_KEY_MAP: dict[str, str] = {"key-auth": "key", "basic-auth": "username", "jwt-auth": "key",
                                  "hmac-auth": "key_id", "ldap-auth": "user_dn",
                                  "ldap-auth-advanced": "user_dn"}

_NOT_FUNCTION = re.compile(r"function[A-Za-z0-9_]")
_RETURNS = re.compile(r"\breturn\b")

_REFS = {"upstream_id": ("upstreams", "upstream"), "service_id": ("services", "service"),
         "plugin_config_id": ("plugin_configs", "plugin config"),
         "group_id": ("consumer_groups", "consumer group")}


def _fail(message: str | None) -> None:
    if message is not None:
        raise ValidationError(message)


def _schema(schema: dict, conf: Any) -> None:
    err = validate(schema, conf)
    if err is not None:
        raise ValidationError("invalid configuration: " + err)


def _ref(conf: dict, field: str, ctx: CheckContext) -> None:
    value = conf.get(field)
    if value is None:
        return
    directory, label = _REFS[field]
    if ctx.get(directory, str(value)) is None:
        raise ValidationError(f"failed to fetch {label} info by {label} id [{value}], "
                              "response code: 404")


def _upstream(conf: dict, ctx: CheckContext) -> None:
    if conf.get("upstream") is not None:
        _fail(check_upstream_conf(conf["upstream"], ctx.get))


def _plugins(conf: dict, schema_type: int | None = None, prefix: str = "",
             subsystem: str = "http") -> None:
    if conf.get("plugins") is not None:
        err = check_plugins(conf["plugins"], schema_type, subsystem=subsystem)
        if err is not None:
            raise ValidationError(prefix + err)


def check_route(rid: str | None, conf: dict, need_id: bool, ctx: CheckContext) -> None:
    if conf.get("host") is not None and conf.get("hosts") is not None:
        raise ValidationError("only one of host or hosts is allowed")
    if conf.get("remote_addr") is not None and conf.get("remote_addrs") is not None:
        raise ValidationError("only one of remote_addr or remote_addrs is allowed")
    _schema(schema_def.route, conf)
    _upstream(conf, ctx)
    for field in ("upstream_id", "service_id", "plugin_config_id"):
        _ref(conf, field, ctx)
    _plugins(conf)
    if conf.get("vars") is not None:
        err = check_expr(conf["vars"])
        if err is not None:
            raise ValidationError("failed to validate the 'vars' expression: " + err)
    if conf.get("filter_func") is not None:
        err = load_error("return " + conf["filter_func"])
        if err is not None:
            raise ValidationError("failed to load 'filter_func' string: " + err)
        # `^function` followed by a name char is a variable (nil), not a function literal.
        if _NOT_FUNCTION.match(conf["filter_func"]):
            raise ValidationError("'filter_func' should be a function")
    _script(conf)


def _script(conf: dict) -> None:
    """routes/services check_conf: `loadstring(script)` must load and return a table."""
    script = conf.get("script")
    if script is None:
        return
    err = load_error(script)
    if err is not None:
        raise ValidationError("failed to load 'script' string: " + err)
    if not _RETURNS.search(script):  # UNVERIFIED heuristic: no `return` means obj() gives nil
        raise ValidationError("'script' should be a Lua object")


def check_service(sid: str | None, conf: dict, need_id: bool, ctx: CheckContext) -> None:
    _schema(schema_def.service, conf)
    if need_id and not sid:
        raise ValidationError("wrong type of service id")
    _upstream(conf, ctx)
    _ref(conf, "upstream_id", ctx)
    _plugins(conf)
    _script(conf)


def check_upstream(uid: str | None, conf: dict, need_id: bool, ctx: CheckContext) -> None:
    _fail(check_upstream_conf(conf, ctx.get))


def _consumer_of(plugin: str, field: str, value: Any, ctx: CheckContext) -> tuple[str, str | None] | None:
    """consumer.find_consumer: (username, credential id or None) owning this auth key."""
    for username, consumer in ctx.items("consumers"):
        conf = (consumer.get("plugins") or {}).get(plugin) or {}
        if conf.get(field) == value:
            return consumer.get("username", username), None
    for key, cred in ctx.items("credentials"):
        conf = (cred.get("plugins") or {}).get(plugin) or {}
        if conf.get(field) == value:
            parts = key.strip("/").split("/")
            return parts[0], parts[-1]
    return None


def _duplicate_owner(plugins: dict, ctx: CheckContext,
                     is_self: Callable[[str, str | None], bool]) -> str | None:
    """consumer.lua check_duplicate_key: the first auth key already owned by someone else."""
    for name, conf in plugins.items():
        field = PLUGIN_KEY_MAP.get(name)
        if field is None or not isinstance(conf, dict) or not isinstance(conf.get(field), str):
            continue
        if conf[field].startswith(("$secret://", "$env://")):
            continue  # secret references cannot be resolved at write time
        owner = _consumer_of(name, field, conf[field], ctx)
        if owner is not None and not is_self(*owner):
            user, cred = owner
            desc = f"credential: {cred} of consumer: {user}" if cred is not None else f"consumer: {user}"
            return f"duplicate {field} of plugin {name} found with {desc}"
    return None


def check_consumer(username: str | None, conf: dict, need_id: bool, ctx: CheckContext) -> None:
    _schema(schema_def.consumer, conf)
    if username and username != conf.get("username"):
        raise ValidationError("wrong username")
    if conf.get("plugins") is not None:
        _plugins(conf, schema_def.TYPE_CONSUMER, "invalid plugins configuration: ")
        me = conf.get("username")
        _fail(_duplicate_owner(conf["plugins"], ctx, lambda user, cred: user == me))
    _ref(conf, "group_id", ctx)


def check_credential(cid: str | None, conf: dict, need_id: bool, ctx: CheckContext) -> None:
    _schema(schema_def.credential, conf)
    plugins = conf.get("plugins")
    if plugins is None:
        return
    _plugins(conf, schema_def.TYPE_CONSUMER, "invalid plugins configuration: ")
    for name in plugins:
        plugin = registry.get(name)
        if plugin is None:
            raise ValidationError("unknown plugin " + name)
        if plugin.type != "auth":
            raise ValidationError("only supports auth type plugins in consumer credential")
    if ctx.consumer is None:
        return  # credentials.lua checks duplicates only with a consumer in the path
    own = None if cid is None else str(cid).rsplit("/", 1)[-1]
    _fail(_duplicate_owner(plugins, ctx,
                           lambda user, cred: user == ctx.consumer and cred is not None and cred == own))


def check_ssl(sid: str | None, conf: dict, need_id: bool, ctx: CheckContext) -> None:
    _fail(check_ssl_conf(conf))


def check_global_rule(gid: str | None, conf: dict, need_id: bool, ctx: CheckContext) -> None:
    _schema(schema_def.global_rule, conf)
    _plugins(conf)
    for other_id, other in ctx.items("global_rules"):
        oid = other.get("id", other_id)
        if oid is None or str(oid) == str(gid):
            continue
        for name in conf["plugins"]:
            if name in (other.get("plugins") or {}):
                raise ValidationError(f"plugin '{name}' already exists in global rule "
                                      f"with id '{oid}'")


def check_plugin_config(pid: str | None, conf: dict, need_id: bool, ctx: CheckContext) -> None:
    _schema(schema_def.plugin_config, conf)
    _plugins(conf)


def check_consumer_group(gid: str | None, conf: dict, need_id: bool, ctx: CheckContext) -> None:
    _schema(schema_def.consumer_group, conf)
    _plugins(conf)


def check_plugin_metadata(name: str | None, conf: dict, need_id: bool, ctx: CheckContext) -> None:
    if not name:
        raise ValidationError("missing plugin name")
    # admin/plugin_metadata.lua requires apisix.plugins.<name>, then apisix.stream.plugins.<name>
    plugin = registry.get(name) or registry.get(name, "stream")
    if plugin is None:
        raise ValidationError("invalid plugin name")
    err = plugin.check_schema(conf, schema_def.TYPE_METADATA)
    if err is not None:
        raise ValidationError("invalid configuration: " + err)


def check_stream_route(rid: str | None, conf: dict, need_id: bool, ctx: CheckContext) -> None:
    if not ctx.stream_mode:
        raise ValidationError("stream mode is disabled, can not add stream routes")
    _schema(schema_def.stream_route, conf)
    _ref(conf, "upstream_id", ctx)
    _ref(conf, "service_id", ctx)
    _upstream(conf, ctx)
    _plugins(conf, subsystem="stream")
    protocol = conf.get("protocol")
    if isinstance(protocol, dict):
        raise ValidationError(f"unknown protocol [{protocol.get('name')}]")


def check_proto(pid: str | None, conf: dict, need_id: bool, ctx: CheckContext) -> None:
    _schema(schema_def.proto, conf)
    err = proto_syntax(conf["content"])
    if err is not None:
        raise ValidationError("invalid content: " + err)


def check_secret(manager: str | None, conf: dict, ctx: CheckContext) -> None:
    schema = MANAGERS.get(manager or "")
    if schema is None:
        raise ValidationError(f"invalid secret manager: {manager}")
    _schema(schema, conf)


CHECKERS: dict[str, Callable[[str | None, dict, bool, CheckContext], None]] = {
    "routes": check_route, "services": check_service, "upstreams": check_upstream,
    "consumers": check_consumer, "credentials": check_credential, "ssls": check_ssl,
    "global_rules": check_global_rule, "plugin_configs": check_plugin_config,
    "consumer_groups": check_consumer_group, "plugin_metadata": check_plugin_metadata,
    "stream_routes": check_stream_route, "protos": check_proto,
}
