"""Port of plugin.lua `check_schema` / `stream_check_schema` for a resource's `plugins` map."""

from __future__ import annotations

import json
from typing import Any

from sandbox.validation import plugins as registry
from sandbox.validation.expr import check_expr
from sandbox.validation.plugins.base import Plugin


def lua_json(value: Any) -> str:
    """core.json.encode as cjson writes it (compact, '/' escaped)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).replace("/", "\\/")


def check_plugins(plugins_conf: dict, schema_type: int | None = None,
                  skip_disabled: bool = False, subsystem: str | None = None) -> str | None:
    """None when every plugin conf is valid, else plugin.lua's error message.

    `subsystem` "http" / "stream" checks against that subsystem's plugins (stream_check_schema
    words errors differently); None keeps the old lenient lookup over every known plugin.
    """
    for name, conf in plugins_conf.items():
        err = check_one(name, conf, schema_type, skip_disabled, subsystem)
        if err is not None:
            return err
    return None


def _lookup(name: str, subsystem: str | None) -> Plugin | None:
    if subsystem is None:
        return registry.get(name) or registry.get(name, "stream")
    return registry.get(name, subsystem)


def check_one(name: str, conf: Any, schema_type: int | None, skip_disabled: bool,
              subsystem: str | None = None) -> str | None:
    """check_single_plugin_schema (or the stream loop body when `subsystem` is "stream")."""
    if not isinstance(conf, (dict, list)):
        return f"invalid plugin conf {lua_json(conf)} for plugin [{name}]"
    plugin = _lookup(name, subsystem)
    if plugin is None:
        return None if skip_disabled else f"unknown plugin [{name}]"
    table = conf if isinstance(conf, dict) else {}
    err = plugin.check_schema(table, schema_type)
    if err is not None:
        if subsystem == "stream":
            return f"failed to check the configuration of stream plugin [{name}]: {err}"
        return f"failed to check the configuration of plugin {name} err: {err}"
    meta = table.get("_meta")
    if isinstance(meta, dict) and meta.get("filter") is not None:
        err = check_expr(meta["filter"])
        if err is not None:
            return "failed to validate the 'vars' expression: " + err
    return None
