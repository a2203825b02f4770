"""request-id: give each request an id header, upstream and (by default) in the response."""

from __future__ import annotations

import os
import random
import secrets
import string
import time
import uuid
from typing import Any

from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.runtime import ResponseState, Runtime

NAME = "request-id"
PRIORITY = 12015
NANOID_ALPHABET = "-_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
# APISIX's default range_id char_set, typo ("IGK") included
RANGE_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIGKLMNOPQRSTUVWXYZ0123456789"
BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
KSUID_EPOCH = 1400000000


def _uuid7() -> str:
    millis = time.time_ns() // 1_000_000
    raw = bytearray(millis.to_bytes(6, "big") + os.urandom(10))
    raw[6] = (raw[6] & 0x0F) | 0x70
    raw[8] = (raw[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(raw)))


def _ksuid() -> str:
    value = int.from_bytes((int(time.time()) - KSUID_EPOCH).to_bytes(4, "big")
                           + os.urandom(16), "big")
    out = ""
    while value:
        value, rem = divmod(value, 62)
        out = BASE62[rem] + out
    return out.rjust(27, "0")


def request_id(conf: dict[str, Any]) -> str:
    """get_request_id for the configured algorithm (uuid by default)."""
    algorithm = conf.get("algorithm", "uuid")
    if algorithm == "nanoid":
        return "".join(NANOID_ALPHABET[b & 63] for b in secrets.token_bytes(21))
    if algorithm == "range_id":
        spec = conf.get("range_id") or {}
        chars = spec.get("char_set", RANGE_CHARS)
        return "".join(random.choice(chars) for _ in range(int(spec.get("length", 16))))
    if algorithm == "uuidv7":
        return _uuid7()
    if algorithm == "ksuid":
        return _ksuid()
    return str(uuid.uuid4())


async def rewrite(conf: dict[str, Any], ctx: RequestContext, rt: Runtime) -> None:
    name = conf.get("header_name", "X-Request-Id")
    value = ctx.headers.get(name)
    if not value:  # absent or empty: generate one and send it upstream
        value = request_id(conf)
        ctx.headers[name] = value
    ctx.extra[f"request-id-{name.lower()}"] = value


def header_filter(conf: dict[str, Any], ctx: RequestContext, resp: ResponseState) -> None:
    name = conf.get("header_name", "X-Request-Id")
    if not conf.get("include_in_response", True) or resp.headers.get(name):
        return  # an id the upstream answered with is kept
    value = ctx.extra.get(f"request-id-{name.lower()}")
    if value:
        resp.headers[name] = value
