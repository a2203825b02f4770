"""Secret manager schemas (apisix/secret/{vault,aws,gcp}.lua) and the secrets check_conf."""

from __future__ import annotations

from typing import Any

from sandbox.validation import schema_def

MANAGERS: dict[str, dict[str, Any]] = {
    "vault": {
        "type": "object",
        "properties": {
            "uri": schema_def.uri_def,
            "prefix": {"type": "string"},
            "token": {"type": "string"},
            "namespace": {"type": "string"},
        },
        "required": ["uri", "prefix", "token"],
    },
    "aws": {
        "type": "object",
        # in the order APISIX 3.18's Lua table iteration checks them (recorded: with both missing,
        # secret_access_key is named)
        "properties": {
            "secret_access_key": {"type": "string"},
            "access_key_id": {"type": "string"},
            "session_token": {"type": "string"},
            "region": {"type": "string", "default": "us-east-1"},
            "endpoint_url": schema_def.uri_def,
        },
        "required": ["access_key_id", "secret_access_key"],
    },
    "gcp": {
        "type": "object",
        "properties": {
            "auth_config": {
                "type": "object",
                "properties": {
                    "client_email": {"type": "string"},
                    "private_key": {"type": "string"},
                    "project_id": {"type": "string"},
                    "token_uri": {"type": "string",
                                  "default": "https://oauth2.googleapis.com/token"},
                    "scope": {"type": "array", "items": {"type": "string"},
                              "default": ["https://www.googleapis.com/auth/cloud-platform"]},
                    "entries_uri": {"type": "string",
                                    "default": "https://secretmanager.googleapis.com/v1"},
                },
                "required": ["client_email", "private_key", "project_id"],
            },
            "ssl_verify": {"type": "boolean", "default": True},
            "auth_file": {"type": "string"},
        },
        "oneOf": [{"required": ["auth_config"]}, {"required": ["auth_file"]}],
    },
}
