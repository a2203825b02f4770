"""Exceptions raised by the safety layer."""

from __future__ import annotations


class SafetyConfigError(RuntimeError):
    """The safety configuration is unusable (no tokens, bad token line, unknown profile...)."""


class PlaceholderError(ValueError):
    """A write carries the redaction placeholder where no stored value exists; maps to a 400."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"'{path}' is \"**REDACTED**\" but there is no stored value at that path to keep; "
            "send the real value instead of the placeholder"
        )

    @property
    def detail(self) -> str:
        return str(self)
