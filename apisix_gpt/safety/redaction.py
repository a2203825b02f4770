"""Secret redaction for every response, and the reverse: a write carrying the placeholder keeps the stored value."""

from __future__ import annotations

import re
from typing import Any

from .errors import PlaceholderError

PLACEHOLDER = "**REDACTED**"

# Secret wherever it appears (unambiguous names).
ALWAYS = frozenset({
    "password", "secret", "secret_key", "private_key", "client_secret", "client_key", "client_rsa_private_key",
    "secret_access_key", "session_token", "access_key_id", "access_key_secret", "gateway_secret",
    "redis_password", "api_key", "sasl_password",
})
# Ambiguous names that are secret only in a given plugin (`key` is also limit-count's key).
PLUGIN_FIELDS = {"key-auth": {"key"}, "csrf": {"key"}, "jwt-auth": {"secret", "private_key"},
                 "basic-auth": {"password"}, "hmac-auth": {"secret_key"}}
SSL_FIELDS = frozenset({"key", "keys"})
SECRET_MANAGER_FIELDS = frozenset({"token", "auth_file"})
SSL_MARKERS = frozenset({"cert", "certs", "snis", "sni"})
SECRET_MANAGER_MARKERS = frozenset({"auth_config", "auth_file"})
SSL_PREFIX, SECRET_MANAGER_PREFIX = "/apisix/ssls/", "/apisix/secrets/"
PEM_MARK = "PRIVATE KEY-----"
PEM_PRIVATE_KEY = re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\Z)",
                             re.DOTALL)


# Admin API reads that answer JSON schema documents (`schema/{name}`, `schema/plugins/{name}`,
# `plugins/{name}`, `plugins?all=true`, `plugins/list`): APISIX's own public interface, never a stored
# value. Their property names are the secret names (`"password": {"type": "string"}`), so masking
# them would corrupt the document a model reads to build a valid config.
SCHEMA_DOCUMENT = re.compile(r"/apisix/admin/(?:schema|plugins)(?:/[^/]+)*/?")


def is_schema_document(method: str, path: str) -> bool:
    """True when a `method` reply at Admin API `path` is a schema document, not stored configuration."""
    return method in ("GET", "HEAD") and SCHEMA_DOCUMENT.fullmatch(path) is not None


def redact(obj: Any) -> Any:
    """A deep copy of `obj` with every known secret replaced by PLACEHOLDER."""
    return _walk(obj, frozenset())


# A body whose JSON text contains none of these is returned unchanged by `redact`: they are every
# maskable name, every plugin, SSL and secret-manager marker that makes an ambiguous name secret
# (`prefix` with `uri`), the etcd prefixes of SSL and secret-manager envelopes, and the PEM header.
_TRIGGERS = tuple(sorted(
    {f'"{name}"' for name in ALWAYS | PLUGIN_FIELDS.keys() | SSL_MARKERS | SECRET_MANAGER_MARKERS}
    | {'"prefix"', f'"{SSL_PREFIX}', f'"{SECRET_MANAGER_PREFIX}', PEM_MARK}))


def may_hold_secrets(json_text: str) -> bool:
    """False only when `redact` would change nothing in the object `json_text` was dumped from.

    A substring scan of the serialized body is several times cheaper than walking it, and most
    bodies (routes, upstreams, services) hold none of the markers.
    """
    return any(trigger in json_text for trigger in _TRIGGERS)


def redact_at(obj: Any, sub_path: str) -> Any:
    """Redact `obj` as if it sat at `sub_path` (e.g. `plugins/key-auth`) inside a resource."""
    steps = [s for s in sub_path.split("/") if s]
    wrapped: Any = obj
    for step in reversed(steps):
        wrapped = {step: wrapped}
    result = redact(wrapped)
    for step in steps:
        result = result[step]
    return result


def _walk(node: Any, extra: frozenset[str]) -> Any:
    if isinstance(node, dict):
        return _walk_dict(node, extra)
    if isinstance(node, list):
        return [_walk(item, extra) for item in node]
    if isinstance(node, str):
        return _scrub_pem(node)
    return node


def _walk_dict(node: dict, extra: frozenset[str]) -> dict:
    secret_names = ALWAYS | extra | _structural_fields(node)
    out: dict = {}
    for key, value in node.items():
        if key in secret_names:
            out[key] = _mask(value, extra)
        elif key == "plugins" and isinstance(value, dict):
            out[key] = {name: _walk(conf, frozenset(PLUGIN_FIELDS.get(name, ()))) for name, conf in value.items()}
        elif key == "value" and isinstance(node.get("key"), str):
            out[key] = _walk(value, _envelope_fields(node["key"]))
        else:
            out[key] = _walk(value, frozenset())
    return out


def _structural_fields(node: dict) -> frozenset[str]:
    """Names that are secret because of what this object is (an SSL, a secret manager)."""
    if SSL_MARKERS & node.keys():
        return SSL_FIELDS
    if ({"uri", "prefix"} <= node.keys() or SECRET_MANAGER_MARKERS & node.keys()
            or "secret_access_key" in node):
        return SECRET_MANAGER_FIELDS
    return frozenset()


def _envelope_fields(etcd_key: str) -> frozenset[str]:
    if etcd_key.startswith(SSL_PREFIX):
        return SSL_FIELDS
    if etcd_key.startswith(SECRET_MANAGER_PREFIX):
        return SECRET_MANAGER_FIELDS
    return frozenset()


def _mask(value: Any, extra: frozenset[str]) -> Any:
    if isinstance(value, str):
        return PLACEHOLDER if value else value
    if isinstance(value, list):
        return [_mask(item, extra) for item in value]
    if isinstance(value, dict):  # e.g. gcp auth_config: keep its shape, hide what is inside
        return {k: _mask(v, extra) for k, v in value.items()}
    return value


def _scrub_pem(text: str) -> str:
    if PEM_MARK not in text:
        return text
    return PEM_PRIVATE_KEY.sub(PLACEHOLDER, text)


def has_placeholder(obj: Any) -> bool:
    if isinstance(obj, str):
        return PLACEHOLDER in obj
    if isinstance(obj, dict):
        return any(has_placeholder(k) or has_placeholder(v) for k, v in obj.items())
    if isinstance(obj, list):
        return any(has_placeholder(item) for item in obj)
    return False


def restore_placeholders(body: Any, stored: Any | None) -> Any:
    """A copy of `body` with each placeholder replaced by the value at the same path in `stored`."""
    return _restore(body, stored, "")


def _restore(node: Any, stored: Any, path: str) -> Any:
    if isinstance(node, dict):
        return {k: _restore(v, _child(stored, k), f"{path}.{k}" if path else str(k)) for k, v in node.items()}
    if isinstance(node, list):
        return [_restore(v, _child(stored, i), f"{path}[{i}]") for i, v in enumerate(node)]
    if isinstance(node, str) and PLACEHOLDER in node:
        if node != PLACEHOLDER or not isinstance(stored, str) or not stored or has_placeholder(stored):
            raise PlaceholderError(path or "body")
        return stored
    return node


def _child(stored: Any, step: str | int) -> Any:
    if isinstance(stored, dict) and isinstance(step, str):
        return stored.get(step)
    if isinstance(stored, list) and isinstance(step, int) and step < len(stored):
        return stored[step]
    return None
