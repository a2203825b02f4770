"""Bearer tokens: parse `name:role:secret` entries and authenticate with constant-time compares."""

from __future__ import annotations

import hmac
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from config.settings import Settings

from .errors import SafetyConfigError
from .principal import ROLES, Principal

logger = logging.getLogger(__name__)
MIN_SECRET_LENGTH = 16


@dataclass(frozen=True)
class TokenEntry:
    name: str
    role: str
    secret: bytes = field(repr=False)

    @property
    def principal(self) -> Principal:
        return Principal(self.name, self.role)  # type: ignore[arg-type]


def parse_token(entry: str, source: str) -> TokenEntry:
    """Parse one `name:role:secret` entry; the error names the source but never the secret."""
    parts = entry.strip().split(":", 2)
    if len(parts) != 3 or not all(p.strip() for p in parts):
        raise SafetyConfigError(f"{source}: token entries must look like name:role:secret")
    name, role, secret = (p.strip() for p in parts)
    if role not in ROLES:
        raise SafetyConfigError(f"{source}: token {name!r} has role {role!r}; use one of {', '.join(ROLES)}")
    if len(secret) < MIN_SECRET_LENGTH:
        logger.warning("token %r is shorter than %d characters", name, MIN_SECRET_LENGTH)
    return TokenEntry(name, role, secret.encode())


def parse_tokens(raw: str, source: str = "APISIX_GPT_TOKENS") -> list[TokenEntry]:
    """Comma-separated entries (the environment variable form)."""
    return [parse_token(item, source) for item in raw.split(",") if item.strip()]


def parse_tokens_file(path: Path) -> list[TokenEntry]:
    """One entry per line; blank lines and `#` comments are ignored."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SafetyConfigError(f"APISIX_GPT_TOKENS_FILE {str(path)!r} cannot be read: {exc.strerror}") from None
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            entries.append(parse_token(stripped, f"{path}:{number}"))
    return entries


class TokenStore:
    """All configured tokens; `authenticate` compares against every one so timing does not leak which matched."""

    def __init__(self, entries: Iterable[TokenEntry]) -> None:
        self._entries = tuple(entries)
        names = [e.name for e in self._entries]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise SafetyConfigError(f"duplicate token names: {', '.join(duplicates)}")

    def __len__(self) -> int:
        return len(self._entries)

    def authenticate(self, presented: str) -> Principal | None:
        candidate = presented.encode()
        found: Principal | None = None
        for entry in self._entries:
            if hmac.compare_digest(candidate, entry.secret) and found is None:
                found = entry.principal
        return found

    def secrets(self) -> list[str]:
        return [e.secret.decode() for e in self._entries]


def load_tokens(settings: Settings) -> TokenStore:
    """Tokens from settings.tokens plus settings.tokens_file."""
    entries = parse_tokens(settings.tokens) if settings.tokens.strip() else []
    if settings.tokens_file is not None:
        entries += parse_tokens_file(settings.tokens_file)
    return TokenStore(entries)
