"""The validation error type and the lookup context the Admin layer hands to resource checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


class ValidationError(Exception):
    """A failed APISIX check; `message` is the exact `error_msg` APISIX would return."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckContext:
    """Read access to stored resources, for reference and duplicate checks."""

    get: Callable[[str, str], dict | None]
    items: Callable[[str], list[tuple[str, dict]]]
    stream_mode: bool = False
    consumer: str | None = None  # credentials: the consumer named in the URL
