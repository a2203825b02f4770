"""The authenticated caller of the current request, kept in a context variable."""

from __future__ import annotations

from contextvars import ContextVar, Token
from dataclasses import dataclass
from typing import Literal

Role = Literal["viewer", "editor"]
ROLES: tuple[Role, ...] = ("viewer", "editor")


@dataclass(frozen=True)
class Principal:
    """Who is calling: the token's name (never its secret) and its role."""

    name: str
    role: Role

    @property
    def can_write(self) -> bool:
        return self.role == "editor"


_current: ContextVar[Principal | None] = ContextVar("apisix_gpt_principal", default=None)


def current_principal() -> Principal | None:
    """The principal the auth middleware set for this request, or None outside a request."""
    return _current.get()


def set_principal(principal: Principal | None) -> Token:
    return _current.set(principal)


def reset_principal(token: Token) -> None:
    _current.reset(token)
