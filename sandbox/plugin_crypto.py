"""Plugin confs with their `encrypt_fields` encrypted or decrypted, as plugin.lua's encrypt_conf does."""

from __future__ import annotations

import copy
from typing import Any, Callable

from sandbox import crypto
from sandbox.validation import encrypt_fields
from sandbox.validation.schema_def import TYPE_CONSUMER, TYPE_METADATA

__all__ = ["ANY_TYPE", "TYPE_CONSUMER", "TYPE_METADATA", "decrypt_plugin_fields", "encrypt_plugin_fields"]
ANY_TYPE = -1  # decrypt callers that do not say where the conf came from: try every schema's fields


def _fields(name: str, schema_type: int | None) -> tuple[str, ...]:
    if schema_type == ANY_TYPE:
        both = encrypt_fields(name, None) + encrypt_fields(name, TYPE_CONSUMER)
        return tuple(dict.fromkeys(both))
    return tuple(encrypt_fields(name, schema_type))


def _map_leaf(value: Any, func: Callable[[str], str]) -> Any:
    """A leaf is a string, an array of strings or a map of strings (plugin.lua process_encrypt_field)."""
    if isinstance(value, str):
        return func(value)
    if isinstance(value, list):
        return [func(v) if isinstance(v, str) else v for v in value]
    if isinstance(value, dict):
        return {k: func(v) if isinstance(v, str) else v for k, v in value.items()}
    return value


def _apply(conf: Any, path: list[str], func: Callable[[str], str]) -> None:
    """Walk a dotted path; arrays met on the way are walked element by element."""
    if isinstance(conf, list):
        for item in conf:
            _apply(item, path, func)
        return
    if not isinstance(conf, dict):
        return
    head = path[0]
    if len(path) > 1:
        if isinstance(conf.get(head), (dict, list)):
            _apply(conf[head], path[1:], func)
    elif conf.get(head) is not None:
        conf[head] = _map_leaf(conf[head], func)


def _transform(plugins: Any, func: Callable[[str], str], schema_type: int | None) -> Any:
    if not isinstance(plugins, dict) or not crypto.enabled():
        return copy.deepcopy(plugins)
    out = copy.deepcopy(plugins)
    for name, conf in out.items():
        if isinstance(conf, dict):
            for field in _fields(name, schema_type):
                _apply(conf, field.split("."), func)
    return out


def encrypt_plugin_fields(plugins: dict, schema_type: int | None = None) -> dict:
    """A copy of `plugins` with each plugin's `encrypt_fields` (for that schema type) encrypted."""
    return _transform(plugins, crypto.encrypt, schema_type)


def decrypt_plugin_fields(plugins: dict, schema_type: int | None = ANY_TYPE) -> dict:
    """A copy of `plugins` with each plugin's `encrypt_fields` decrypted (undecryptable values kept)."""
    return _transform(plugins, crypto.decrypt, schema_type)
