"""A port of api7/jsonschema (the validator APISIX uses): same keyword order, same error texts."""

from __future__ import annotations

from sandbox.validation.jsonschema_lua.common import match_pattern, utf8_len

# core installs its compiler for the keyword modules (see common.install_compiler)
from sandbox.validation.jsonschema_lua.core import compile_schema, validate

__all__ = ["compile_schema", "match_pattern", "utf8_len", "validate"]
