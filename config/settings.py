"""apisix-gpt settings: one frozen dataclass, read once from APISIX_GPT_* environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

ENV_PREFIX = "APISIX_GPT_"


class SettingsError(ValueError):
    """A setting is malformed; the message names the variable."""


def _str(env: Mapping[str, str], name: str, default: str) -> str:
    return env.get(ENV_PREFIX + name, default).strip() or default


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(ENV_PREFIX + name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{ENV_PREFIX}{name} must be a number, got {raw!r}") from None
    if value <= 0:
        raise SettingsError(f"{ENV_PREFIX}{name} must be greater than 0, got {raw!r}")
    return value


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(ENV_PREFIX + name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{ENV_PREFIX}{name} must be an integer, got {raw!r}") from None


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(ENV_PREFIX + name)
    if raw is None or raw.strip() == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise SettingsError(f"{ENV_PREFIX}{name} must be true or false, got {raw!r}")


def _list(env: Mapping[str, str], name: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
    raw = env.get(ENV_PREFIX + name)
    if raw is None:
        return default
    return tuple(item.strip() for item in raw.split(",") if item.strip())


DEFAULT_CORS_ORIGINS = ("https://chat.openai.com", "https://chatgpt.com")


@dataclass(frozen=True)
class Settings:
    """Everything the server reads from its environment. Secrets are excluded from repr."""

    admin_url: str = "http://127.0.0.1:9180"
    admin_key: str = field(default="", repr=False)
    public_url: str = "http://127.0.0.1:5000"
    connect_timeout: float = 2.0
    read_timeout: float = 10.0
    # Safety (issue #4)
    tokens: str = field(default="", repr=False)  # "name:role:secret,..."
    tokens_file: Path | None = None
    insecure_no_auth: bool = False
    profile: str = "gpt"
    read_only: bool = False
    allow: tuple[str, ...] = ()  # operationIds or tags; empty = everything in the profile
    audit_log: Path = Path("var/audit.jsonl")
    audit_max_bytes: int = 10 * 1024 * 1024
    audit_backups: int = 5
    cors_origins: tuple[str, ...] = DEFAULT_CORS_ORIGINS
    rate_limit_per_minute: int = 0  # per token; 0 = off
    max_body_bytes: int = 1572864  # APISIX's own Admin API limit (1.5 MiB)
    max_response_chars: int = 100_000  # GPT Actions' response limit
    default_page_size: int = 20
    bind_host: str = "127.0.0.1"
    log_level: str = "INFO"
    # Server process and served documents
    port: int = 5000
    workers: int = 2
    validate_responses: bool = False  # on in tests: every reply is checked against the spec
    contact_email: str = "apisix-gpt@example.com"
    legal_info_url: str = "https://www.apache.org/licenses/LICENSE-2.0"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if env is None else env
        tokens_file = env.get(ENV_PREFIX + "TOKENS_FILE", "").strip()
        return cls(
            admin_url=_str(env, "ADMIN_URL", cls.admin_url).rstrip("/"),
            admin_key=env.get(ENV_PREFIX + "ADMIN_KEY", ""),
            public_url=_str(env, "PUBLIC_URL", cls.public_url).rstrip("/"),
            connect_timeout=_float(env, "CONNECT_TIMEOUT", cls.connect_timeout),
            read_timeout=_float(env, "READ_TIMEOUT", cls.read_timeout),
            tokens=env.get(ENV_PREFIX + "TOKENS", ""),
            tokens_file=Path(tokens_file) if tokens_file else None,
            insecure_no_auth=_bool(env, "INSECURE_NO_AUTH", cls.insecure_no_auth),
            profile=_str(env, "PROFILE", cls.profile),
            read_only=_bool(env, "READ_ONLY", cls.read_only),
            allow=_list(env, "ALLOW"),
            audit_log=Path(_str(env, "AUDIT_LOG", str(cls.audit_log))),
            audit_max_bytes=_int(env, "AUDIT_MAX_BYTES", cls.audit_max_bytes),
            audit_backups=_int(env, "AUDIT_BACKUPS", cls.audit_backups),
            cors_origins=_list(env, "CORS_ORIGINS", DEFAULT_CORS_ORIGINS),
            rate_limit_per_minute=_int(env, "RATE_LIMIT_PER_MINUTE", cls.rate_limit_per_minute),
            max_body_bytes=_int(env, "MAX_BODY_BYTES", cls.max_body_bytes),
            max_response_chars=_int(env, "MAX_RESPONSE_CHARS", cls.max_response_chars),
            default_page_size=_int(env, "DEFAULT_PAGE_SIZE", cls.default_page_size),
            bind_host=_str(env, "BIND_HOST", cls.bind_host),
            log_level=_str(env, "LOG_LEVEL", cls.log_level).upper(),
            port=_int(env, "PORT", cls.port),
            workers=_int(env, "WORKERS", cls.workers),
            validate_responses=_bool(env, "VALIDATE_RESPONSES", cls.validate_responses),
            contact_email=_str(env, "CONTACT_EMAIL", cls.contact_email),
            legal_info_url=_str(env, "LEGAL_INFO_URL", cls.legal_info_url),
        )
