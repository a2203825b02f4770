"""Transformations of stored values: encryption at rest, GET views, PATCH merge and sub-path set."""

from __future__ import annotations

import copy
from typing import Any

from sandbox import crypto, plugin_crypto
from sandbox.admin.exceptions import bad_request

FORBIDDEN_TIME = ("create_time", "update_time")


def lua_tostring(value: Any) -> str:
    """`tostring()` as Lua prints JSON scalars, for APISIX's id comparisons."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.14g}"
    return str(value)


def _map_pkeys(value: dict, func: Any) -> None:
    if "key" in value:
        value["key"] = func(value["key"])
    if isinstance(value.get("keys"), list):
        value["keys"] = [func(k) for k in value["keys"]]


def _map_tls_key(upstream: Any, func: Any) -> None:
    if isinstance(upstream, dict) and isinstance(upstream.get("tls"), dict):
        tls = upstream["tls"]
        if "client_key" in tls:
            tls["client_key"] = func(tls["client_key"])


# Consumers and credentials hold plugin confs checked (and encrypted) with their consumer_schema.
_CONSUMER_TYPED = ("consumers", "credentials")


def _map(resource: str, value: Any, plugins_func: Any, pkey_func: Any) -> Any:
    out = copy.deepcopy(value)
    if not isinstance(out, dict):
        return out
    if resource == "plugin_metadata":
        # the value is the plugin's metadata conf itself; its id is the plugin name
        name = out.get("id")
        if isinstance(name, str):
            return plugins_func({name: out}, plugin_crypto.TYPE_METADATA)[name]
        return out
    if isinstance(out.get("plugins"), dict):
        schema_type = plugin_crypto.TYPE_CONSUMER if resource in _CONSUMER_TYPED else None
        out["plugins"] = plugins_func(out["plugins"], schema_type)
    if resource == "ssls":
        _map_pkeys(out, pkey_func)
    if resource == "upstreams":
        _map_tls_key(out, pkey_func)
    _map_tls_key(out.get("upstream"), pkey_func)
    return out


def encrypt_value(resource: str, value: Any) -> Any:
    """The etcd form: auth plugin `encrypt_fields`, SSL keys and upstream client keys encrypted."""
    return _map(resource, value, plugin_crypto.encrypt_plugin_fields, crypto.encrypt_pkey)


def decrypt_value(resource: str, value: Any) -> Any:
    """The plaintext form used for validation and reference lookups."""
    return _map(resource, value, plugin_crypto.decrypt_plugin_fields, crypto.decrypt_pkey)


def present(resource: str, value: Any) -> Any:
    """What GET returns: auth plugin fields decrypted, SSL private keys stripped (3.17+)."""
    out = _map(resource, value, plugin_crypto.decrypt_plugin_fields, lambda k: k)
    if resource == "ssls" and isinstance(out, dict):
        out.pop("key", None)
        out.pop("keys", None)
    return out


def check_forbidden_time(conf: dict) -> None:
    """3.7+: PUT/POST may not carry create_time/update_time (top level, upstream, plugins)."""
    prefix = "the property is forbidden: "
    for where, scope in (("", conf), ("upstream.", conf.get("upstream")),
                         ("plugins.", conf.get("plugins"))):
        if not isinstance(scope, dict):
            continue
        for name in FORBIDDEN_TIME:
            if scope.get(name) is not None:
                raise bad_request(f"{prefix} {where}{name}")


def merge(origin: dict, extend: dict) -> dict:
    """core.table.merge: objects merged recursively, arrays and scalars replaced, null deletes."""
    for key, value in extend.items():
        if value is None:
            origin.pop(key, None)
        elif isinstance(value, dict) and isinstance(origin.get(key), dict):
            merge(origin[key], value)
        else:
            origin[key] = copy.deepcopy(value)
    return origin


def patch_path(node: dict, sub_path: str, conf: Any) -> Any:
    """core.table.patch: set the attribute at `sub_path`, creating missing objects."""
    parts = [p for p in sub_path.split("/") if p != ""]
    target: Any = node
    for i, name in enumerate(parts[:-1]):
        if target.get(name) is None:
            target[name] = {}
        target = target[name]
        if not isinstance(target, dict):
            raise bad_request("invalid sub-path: /" + "/".join(parts[:i + 1]))
    if not parts:
        return conf
    target[parts[-1]] = conf
    return node
