"""check_schema logic beyond the JSON schema for catalogued plugins that have no port of their own.

Each entry is the part of the plugin's Lua `check_schema` (APISIX 3.18, commit f519a0f04) that runs
after `core.schema.check` succeeded; the catalogue loader attaches it as the plugin's `extra` check.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from sandbox.validation import schema_def

Extra = Callable[[dict, "int | None"], "str | None"]

_MOCKING_TYPES = {"application/xml", "application/json", "text/plain", "text/html", "text/xml"}
_CONTENT_TYPE = re.compile(r"([ -~]*);([ -~]*)")


def _registry() -> Any:
    from sandbox.validation import plugins  # late: the registry imports the plugin modules

    return plugins


def _multi_auth(conf: dict, _schema_type: int | None) -> str | None:
    """multi-auth.lua: every entry names a loaded auth plugin whose conf passes its check_schema."""
    for entry in conf.get("auth_plugins") or []:
        if not isinstance(entry, dict):
            continue  # APISIX fails with a Lua error here (the sandbox's hazard table answers it)
        for name, auth_conf in entry.items():
            auth = _registry().get(name)
            if auth is None:
                return f"{name} plugin did not found"
            if auth.type != "auth":
                return f"{name} plugin is not supported"
            err = auth.check_schema(auth_conf if isinstance(auth_conf, dict) else {}, None)
            if err is not None:
                return f"plugin {name} check schema failed: {err}"
    return None


def _mocking(conf: dict, _schema_type: int | None) -> str | None:
    """mocking.lua parse_content_type: the part before `;` must be a supported type."""
    content_type = conf.get("content_type")
    typ = ""
    if isinstance(content_type, str):
        match = _CONTENT_TYPE.match(content_type)
        typ = match.group(1) if match else content_type
    return None if typ in _MOCKING_TYPES else "unsupported content type!"


def _ldap_auth_advanced(conf: dict, schema_type: int | None) -> str | None:
    if schema_type == schema_def.TYPE_CONSUMER:
        return None
    if conf.get("use_ldaps") and conf.get("use_starttls"):
        return "use_ldaps and use_starttls are mutually exclusive"
    if conf.get("bind_dn") is not None and conf.get("ldap_password") is None:
        return "ldap_password is required when bind_dn is set"
    return None


_RETURN_SCHEMA = {"type": "object", "properties": {"code": {"type": "integer", "minimum": 100,
                                                            "maximum": 599}},
                  "required": ["code"]}


def _workflow_action(name: str, action_conf: dict) -> str | None:
    from sandbox.validation.jsonschema_lua import validate

    if name == "return":
        return validate(_RETURN_SCHEMA, action_conf)
    plugin = _registry().get(name)  # limit-count and limit-conn register themselves as actions
    return plugin.check_schema(action_conf, None) if plugin is not None else None


def _workflow(conf: dict, _schema_type: int | None) -> str | None:
    """workflow.lua: each action is [name, conf] of a supported action whose conf passes its check."""
    for idx, rule in enumerate(conf.get("rules") or [], start=1):
        for action in (rule.get("actions") or []) if isinstance(rule, dict) else []:
            name = action[0] if action else None
            if name not in ("return", "limit-count", "limit-conn"):
                return f"unsupported action: {name}"
            action_conf = action[1] if len(action) > 1 and isinstance(action[1], dict) else {}
            action_conf["_vid"] = idx  # workflow isolates the action's conf by rule index
            err = _workflow_action(name, action_conf)
            if err is not None:
                return f"failed to validate the '{name}' action: {err}"
    return None


def _truthy(value: Any) -> bool:
    """Lua truthiness: only nil and false are false."""
    return value is not None and value is not False


def _openid_connect_pre(conf: dict, _schema_type: int | None) -> str | None:
    """openid-connect.lua check_schema before core.schema.check: session and client_secret."""
    if not _truthy(conf.get("bearer_only")) and not _truthy(conf.get("session")):
        return 'property "session.secret" is required when "bearer_only" is false'
    if _truthy(conf.get("bearer_only")):
        optional = (_truthy(conf.get("public_key")) or _truthy(conf.get("use_jwks"))
                    or conf.get("introspection_endpoint_auth_method") == "private_key_jwt")
    else:
        optional = conf.get("token_endpoint_auth_method") == "private_key_jwt" or \
            _truthy(conf.get("use_pkce"))
    if not optional and not _truthy(conf.get("client_secret")):
        return 'property "client_secret" is required'
    return None


# options lua-resty-openidc reads flat, which 3.18 accepts only nested (reserved_flat_opts)
_OIDC_RESERVED = (("use_par", "par.enabled"), ("pushed_authorization_request_endpoint", "par.endpoint"),
                  ("pushed_authorization_request_endpoint_auth_method", "par.endpoint_auth_method"),
                  ("use_dpop", "dpop.enabled"), ("dpop_signing_alg", "dpop.signing_alg"),
                  ("dpop_private_key", "dpop.private_key"), ("dpop_public_jwk", "dpop.public_jwk"))


def _openid_connect(conf: dict, _schema_type: int | None) -> str | None:
    for name, owner in _OIDC_RESERVED:
        if conf.get(name) is not None:
            return f'property "{name}" is not allowed, use "{owner}" instead'
    return None


def _ai_proxy(conf: dict, _schema_type: int | None) -> str | None:
    """ai-proxy/schema.lua validate_provider_requirements."""
    provider = conf.get("provider")
    provider_conf = conf.get("provider_conf") if isinstance(conf.get("provider_conf"), dict) else {}
    override = conf.get("override") if isinstance(conf.get("override"), dict) else {}
    if provider == "vertex-ai" and not (
            (_truthy(provider_conf.get("project_id")) and _truthy(provider_conf.get("region")))
            or _truthy(override.get("endpoint"))):
        return "vertex-ai requires either provider_conf (project_id + region) or override.endpoint"
    if provider == "bedrock":
        if not _truthy(provider_conf.get("region")):
            return "bedrock requires provider_conf.region"
        auth = conf.get("auth") if isinstance(conf.get("auth"), dict) else {}
        if not _truthy(auth.get("aws")):
            return "bedrock requires auth.aws"
    return None


def _ai_rate_limiting(conf: dict, _schema_type: int | None) -> str | None:
    if conf.get("limit_strategy") == "expression" and not conf.get("cost_expr"):
        return "cost_expr is required when limit_strategy is 'expression'"
    return None


def _cas_auth(conf: dict, _schema_type: int | None) -> str | None:
    cookie = conf.get("cookie") if isinstance(conf.get("cookie"), dict) else {}
    if cookie.get("samesite") == "None" and cookie.get("secure") is False:
        return 'cookie.secure must be true when cookie.samesite is "None"'
    return None


# check_schema preludes that run before the schema check
PRES: dict[str, Extra] = {"openid-connect": _openid_connect_pre}

EXTRAS: dict[str, Extra] = {
    "openid-connect": _openid_connect,
    "ai-proxy": _ai_proxy,
    "ai-rate-limiting": _ai_rate_limiting,
    "cas-auth": _cas_auth,
    "multi-auth": _multi_auth,
    "mocking": _mocking,
    "ldap-auth-advanced": _ldap_auth_advanced,
    "workflow": _workflow,
}
