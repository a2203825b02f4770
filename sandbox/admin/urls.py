"""The admin listener's routing table: control endpoints, then everything else to the dispatcher."""

from __future__ import annotations

from aiohttp import web

from sandbox.admin.control import Control
from sandbox.admin.responses import AdminResponses


def routes(admin: AdminResponses, control: Control) -> list[web.AbstractRouteDef]:
    return [
        web.route("*", "/__sandbox/reset", control.reset),
        web.route("*", "/__sandbox/faults", control.faults_handler),
        web.route("*", "/__sandbox/hazards", control.hazards_handler),
        web.route("*", "/{tail:.*}", admin.handle),
    ]
