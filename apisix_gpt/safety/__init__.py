"""apisix-gpt's safety layer: auth and roles, profiles, redaction, audit with undo, guardrails."""

from __future__ import annotations

import ipaddress
import logging
import os

import connexion
from connexion.middleware import MiddlewarePosition
from starlette.middleware.cors import CORSMiddleware

from config.settings import Settings

from . import audit
from .errors import PlaceholderError, SafetyConfigError
from .middleware import AuthMiddleware, BodyLimitMiddleware, RateLimitMiddleware
from .refusals import RefusedWriteAuditMiddleware
from .principal import Principal, current_principal
from .profiles import apply_profile, count_operations
from .redaction import PLACEHOLDER, has_placeholder, redact, restore_placeholders
from .tokens import TokenStore, load_tokens
from .writes import guarded_write

__all__ = ["install", "SafetyConfigError", "PlaceholderError", "Principal", "current_principal", "apply_profile",
           "PLACEHOLDER", "redact", "has_placeholder", "restore_placeholders", "guarded_write"]

logger = logging.getLogger(__name__)
GPT_ACTIONS_MAX_OPERATIONS = 30


def install(app: connexion.AsyncApp, settings: Settings, spec: dict) -> None:
    """Add body limit, CORS, the refused-write audit, bearer auth with roles and the optional rate limit (outermost first)."""
    tokens = load_tokens(settings)
    no_auth = _auth_disabled(settings, tokens)
    _check_audit_dir(settings)
    audit.configure(settings)
    position = MiddlewarePosition.BEFORE_EXCEPTION
    app.add_middleware(BodyLimitMiddleware, position=position, max_bytes=settings.max_body_bytes)
    app.add_middleware(CORSMiddleware, position=position, allow_origins=list(settings.cors_origins),
                       allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
                       allow_headers=["Authorization", "Content-Type", "Mcp-Session-Id", "Mcp-Protocol-Version"],
                       expose_headers=["Retry-After", "WWW-Authenticate", "Mcp-Session-Id"])
    app.add_middleware(RefusedWriteAuditMiddleware, position=position)
    app.add_middleware(AuthMiddleware, position=position, tokens=tokens, no_auth=no_auth)
    if settings.rate_limit_per_minute > 0:
        app.add_middleware(RateLimitMiddleware, position=position, per_minute=settings.rate_limit_per_minute)
    _log_summary(settings, spec, len(tokens), no_auth)


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def _auth_disabled(settings: Settings, tokens: TokenStore) -> bool:
    if len(tokens):
        if settings.insecure_no_auth:
            logger.warning("APISIX_GPT_INSECURE_NO_AUTH is ignored because tokens are configured")
        return False
    if not settings.insecure_no_auth:
        raise SafetyConfigError("no API token configured: set APISIX_GPT_TOKENS (name:role:secret,...) or "
                                "APISIX_GPT_TOKENS_FILE; APISIX_GPT_INSECURE_NO_AUTH=true is allowed only on loopback")
    if not is_loopback(settings.bind_host):
        raise SafetyConfigError(f"APISIX_GPT_INSECURE_NO_AUTH=true is refused because APISIX_GPT_BIND_HOST is "
                                f"{settings.bind_host!r}, not a loopback address; configure tokens instead")
    logger.warning("authentication is OFF (APISIX_GPT_INSECURE_NO_AUTH); every caller is an editor")
    return True


def _check_audit_dir(settings: Settings) -> None:
    directory = settings.audit_log.parent
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise SafetyConfigError(f"audit log directory {str(directory)!r} cannot be created: {exc.strerror}") from None
    if not os.access(directory, os.W_OK):
        raise SafetyConfigError(f"audit log directory {str(directory)!r} is not writable")


def _log_summary(settings: Settings, spec: dict, token_count: int, no_auth: bool) -> None:
    count = count_operations(spec)
    logger.info("safety: profile %r, %d operations, read_only=%s, allow=%s, %d token(s)%s",
                settings.profile, count, settings.read_only, ",".join(settings.allow) or "-",
                token_count, " (auth off)" if no_auth else "")
    if count > GPT_ACTIONS_MAX_OPERATIONS:
        logger.warning("%d operations exceed GPT Actions' limit of %d; use profile 'gpt' or APISIX_GPT_ALLOW "
                       "for a GPT Action (MCP clients are fine)", count, GPT_ACTIONS_MAX_OPERATIONS)
