"""Public API of the sandbox's validation layer: APISIX 3.18 schemas, check_conf ports, exact error texts."""

from __future__ import annotations

from sandbox.validation.api import (
    check,
    core_schema,
    encrypt_fields,
    is_auth_plugin,
    plugin_names,
    plugin_priority,
    plugin_schema,
    plugin_scope,
    reset_caches,
    validate_schema_only,
)
from sandbox.validation.errors import CheckContext, ValidationError

__all__ = [
    "CheckContext",
    "ValidationError",
    "check",
    "core_schema",
    "encrypt_fields",
    "is_auth_plugin",
    "plugin_names",
    "plugin_priority",
    "plugin_schema",
    "plugin_scope",
    "reset_caches",
    "validate_schema_only",
]
