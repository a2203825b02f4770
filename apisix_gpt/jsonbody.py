"""Reply bodies serialized once: a `JsonText` passes through Connexion's jsonifier unchanged."""

from __future__ import annotations

from typing import Any

from connexion.jsonifier import Jsonifier


class JsonText(str):
    """A reply body that is already its final JSON text (`json.dumps(body)` + newline)."""


class PassThroughJsonifier(Jsonifier):
    """Connexion's jsonifier, except that a `JsonText` body is sent as it is, not encoded again."""

    def dumps(self, data: Any, **kwargs: Any) -> str:
        if isinstance(data, JsonText):
            return str(data)
        return super().dumps(data, **kwargs)
