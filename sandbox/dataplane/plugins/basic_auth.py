"""basic-auth: find the consumer by HTTP Basic username and password."""

from __future__ import annotations

import base64
import binascii
import re
import string
from typing import Any

from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.plugins.key_auth import anonymous_consumer, attach_consumer
from sandbox.dataplane.resolve import Exit
from sandbox.dataplane.runtime import Runtime

NAME = "basic-auth"
PRIORITY = 2520
B64 = set(string.ascii_letters + string.digits + "+/")


def decode_base64(text: str) -> bytes | None:
    """ngx.decode_base64: stops at '=', refuses other non-alphabet bytes, padding optional."""
    data = text.split("=", 1)[0]
    if any(ch not in B64 for ch in data) or len(data) % 4 == 1:
        return None
    try:
        return base64.b64decode(data + "=" * (-len(data) % 4))
    except (binascii.Error, ValueError):
        return None


def _split_colon(decoded: str) -> list[str]:
    """ngx.re.split(decoded, ":") with Perl's rule: trailing empty fields are dropped."""
    parts = decoded.split(":")
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def _credentials(header: str) -> tuple[str, str] | None:
    """extract_auth_header: `(?i:basic)\\s(.+)` anywhere in the header; None on any error."""
    match = re.search(r"(?i:basic)\s(.+)", header)
    if match is None:
        return None
    decoded = decode_base64(match.group(1))
    if decoded is None:
        return None
    parts = _split_colon(decoded.decode("latin-1"))
    if len(parts) < 2:
        return None
    return re.sub(r"\s+", "", parts[0]), re.sub(r"\s+", "", parts[1])


def _find(ctx: RequestContext, rt: Runtime) -> tuple[dict[str, Any] | None, str]:
    header = ctx.headers.get("Authorization")
    if header is None:
        return None, "Missing authorization in request"
    creds = _credentials(header)
    if creds is None:
        return None, "Invalid authorization in request"
    found = rt.find_consumer(NAME, "username", creds[0])
    if found is None or found["plugins"][NAME].get("password") != creds[1]:
        return None, "Invalid user authorization"
    return found, ""


async def rewrite(conf: dict[str, Any], ctx: RequestContext, rt: Runtime) -> None:
    found, err = _find(ctx, rt)
    challenge = {"WWW-Authenticate": f'Basic realm="{conf.get("realm", "basic")}"'}
    if found is None:
        if not conf.get("anonymous_consumer"):
            raise Exit(401, {"message": err}, challenge)
        found = anonymous_consumer(conf, rt)
        if found is None:
            raise Exit(401, {"message": "Invalid user authorization"}, challenge)
    if conf.get("hide_credentials"):
        ctx.headers.popall("Authorization", None)
    attach_consumer(ctx, found)
