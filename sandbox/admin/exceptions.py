"""Admin API errors: each carries APISIX's status and exact body (JSON object or plain text)."""

from __future__ import annotations

from typing import Any


class AdminError(Exception):
    """An Admin API answer that ends the request: `status` and `body` (dict → JSON, str → plain text).

    `versioned` says whether APISIX would already have set `X-API-VERSION` (only answers that come
    back from a resource method do).
    """

    def __init__(self, status: int, body: Any, *, versioned: bool = True) -> None:
        super().__init__(f"{status} {body}")
        self.status = status
        self.body = body
        self.versioned = versioned


def bad_request(message: str) -> AdminError:
    return AdminError(400, {"error_msg": message})


def key_not_found() -> AdminError:
    return AdminError(404, {"message": "Key not found"})


def not_supported(method: str, kind: str) -> AdminError:
    return AdminError(405, {"error_msg": f"not supported `{method.upper()}` method for {kind}"})


def unauthorized(description: str) -> AdminError:
    return AdminError(401, {"error_msg": "failed to check token", "description": description},
                      versioned=False)


def early(status: int, body: Any) -> AdminError:
    """Errors raised by the dispatcher before a resource method runs (no X-API-VERSION)."""
    return AdminError(status, body, versioned=False)
