"""basic-auth: find the consumer by HTTP Basic username and password."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.plugins.key_auth import attach_consumer
from sandbox.dataplane.resolve import Exit
from sandbox.dataplane.runtime import Runtime

NAME = "basic-auth"
PRIORITY = 2520
CHALLENGE = {"WWW-Authenticate": "Basic realm='basic'"}


def _credentials(header: str | None) -> tuple[str, str] | None:
    if not header:
        raise Exit(401, {"message": "Missing authorization in request"}, CHALLENGE)
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "basic":
        raise Exit(401, {"message": "Invalid authorization in request"}, CHALLENGE)
    try:
        user, sep, password = base64.b64decode(token.strip()).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        raise Exit(401, {"message": "Invalid authorization in request"}, CHALLENGE)
    if not sep:
        raise Exit(401, {"message": "Invalid authorization in request"}, CHALLENGE)
    return user, password


async def rewrite(conf: dict[str, Any], ctx: RequestContext, rt: Runtime) -> None:
    user, password = _credentials(ctx.headers.get("Authorization"))
    found = rt.find_consumer(NAME, "username", user)
    if found is None or found["plugins"][NAME].get("password") != password:
        raise Exit(401, {"message": "Invalid user authorization"}, CHALLENGE)
    if conf.get("hide_credentials"):
        ctx.headers.popall("Authorization", None)
    attach_consumer(ctx, found)
