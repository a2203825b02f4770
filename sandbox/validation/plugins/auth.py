"""Auth plugins: key-auth, basic-auth, jwt-auth, hmac-auth (schemas from apisix/plugins/*.lua)."""

from __future__ import annotations

import base64
import binascii

from sandbox.validation import schema_def
from sandbox.validation.plugins.base import Plugin, anonymous_consumer_schema, realm_schema

key_auth = Plugin(
    name="key-auth", priority=2500, type="auth",
    schema={"type": "object", "properties": {
        "header": {"type": "string", "default": "apikey"},
        "query": {"type": "string", "default": "apikey"},
        "hide_credentials": {"type": "boolean", "default": False},
        "anonymous_consumer": anonymous_consumer_schema(),
        "realm": realm_schema("key"),
    }},
    consumer_schema={"type": "object", "properties": {"key": {"type": "string"}},
                     "encrypt_fields": ["key"], "required": ["key"]},
)

basic_auth = Plugin(
    name="basic-auth", priority=2520, type="auth",
    schema={"type": "object", "title": "work with route or service object", "properties": {
        "hide_credentials": {"type": "boolean", "default": False},
        "anonymous_consumer": anonymous_consumer_schema(),
        "realm": realm_schema("basic"),
    }},
    consumer_schema={"type": "object", "title": "work with consumer object",
                     "properties": {"username": {"type": "string"},
                                    "password": {"type": "string"}},
                     "encrypt_fields": ["password"], "required": ["username", "password"]},
)

_JWT_ALGS = ["HS256", "HS512", "RS256", "ES256", "HS384", "RS384", "RS512", "PS256", "PS384",
             "PS512", "ES384", "ES512", "EdDSA"]
_JWT_HS_ALGS = ["HS256", "HS384", "HS512"]


def _jwt_extra(conf: dict, schema_type: int | None) -> str | None:
    if schema_type != schema_def.TYPE_CONSUMER:
        return None
    algorithm = conf.get("algorithm", "HS256")
    if algorithm.startswith("HS"):
        if conf.get("base64_secret") and conf.get("secret") is not None:
            try:
                base64.b64decode(conf["secret"], validate=True)
            except (binascii.Error, ValueError):
                return "base64_secret required but the secret is not in base64 format"
        return None
    if not conf.get("public_key"):
        return "missing valid public key"
    return None


jwt_auth = Plugin(
    name="jwt-auth", priority=2510, type="auth",
    schema={"type": "object", "properties": {
        "header": {"type": "string", "default": "authorization"},
        "query": {"type": "string", "default": "jwt"},
        "cookie": {"type": "string", "default": "jwt"},
        "hide_credentials": {"type": "boolean", "default": False},
        "key_claim_name": {"type": "string", "default": "key", "minLength": 1},
        "store_in_ctx": {"type": "boolean", "default": False},
        "anonymous_consumer": anonymous_consumer_schema(),
        "claims_to_verify": {"type": "array", "items": {"type": "string",
                                                        "enum": ["exp", "nbf"]},
                             "uniqueItems": True, "default": ["exp", "nbf"]},
        "realm": realm_schema("jwt"),
    }},
    consumer_schema={"type": "object", "properties": {
        "key": {"type": "string"},
        "secret": {"type": "string"},
        "algorithm": {"type": "string", "enum": _JWT_ALGS, "default": "HS256"},
        "exp": {"type": "integer", "minimum": 1, "default": 86400},
        "base64_secret": {"type": "boolean", "default": False},
        "lifetime_grace_period": {"type": "integer", "minimum": 0, "default": 0},
        "public_key": {"type": "string"},
    }, "dependencies": {"algorithm": {"oneOf": [
        {"properties": {"algorithm": {"enum": _JWT_HS_ALGS, "default": "HS256"}}},
        {"properties": {"public_key": {"type": "string"},
                        "algorithm": {"enum": [a for a in _JWT_ALGS if a not in _JWT_HS_ALGS]}},
         "required": ["public_key"]},
    ]}}, "encrypt_fields": ["secret"], "required": ["key"]},
    extra=_jwt_extra,
)

hmac_auth = Plugin(
    name="hmac-auth", priority=2530, type="auth",
    schema={"type": "object", "title": "work with route or service object", "properties": {
        "allowed_algorithms": {"type": "array", "minItems": 1,
                               "items": {"type": "string", "enum": ["hmac-sha1", "hmac-sha256",
                                                                    "hmac-sha512"]},
                               "default": ["hmac-sha1", "hmac-sha256", "hmac-sha512"]},
        "clock_skew": {"type": "integer", "default": 300, "minimum": 1},
        "signed_headers": {"type": "array",
                           "items": {"type": "string", "minLength": 1, "maxLength": 50}},
        "validate_request_body": {"type": "boolean", "default": False},
        "hide_credentials": {"type": "boolean", "default": False},
        "anonymous_consumer": anonymous_consumer_schema(),
        "realm": realm_schema("hmac"),
    }},
    consumer_schema={"type": "object", "title": "work with consumer object", "properties": {
        "key_id": {"type": "string", "minLength": 1, "maxLength": 256},
        "secret_key": {"type": "string", "minLength": 1, "maxLength": 256},
    }, "encrypt_fields": ["secret_key"], "required": ["key_id", "secret_key"]},
)

PLUGINS = (key_auth, basic_auth, jwt_auth, hmac_auth)
