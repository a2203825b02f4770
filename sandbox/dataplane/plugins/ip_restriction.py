"""ip-restriction: allow or deny by client address (IPs or CIDRs)."""

from __future__ import annotations

import ipaddress
from typing import Any

from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.resolve import Exit
from sandbox.dataplane.runtime import Runtime

NAME = "ip-restriction"
PRIORITY = 3000


def _in(addr: str, cidrs: list[str]) -> bool:
    try:
        ip = ipaddress.ip_address(addr)
        return any(ip in ipaddress.ip_network(c, strict=False) for c in cidrs)
    except ValueError:
        return False


async def access(conf: dict[str, Any], ctx: RequestContext, rt: Runtime) -> None:
    block = False
    if conf.get("blacklist"):
        block = _in(ctx.remote_addr, conf["blacklist"])
    if conf.get("whitelist"):  # decides alone when both lists are set
        block = not _in(ctx.remote_addr, conf["whitelist"])
    if block:
        raise Exit(int(conf.get("response_code", 403)),
                   {"message": conf.get("message", "Your IP address is not allowed")})
