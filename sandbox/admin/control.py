"""Sandbox control endpoints on the admin port: `/__sandbox/reset`, `/__sandbox/faults`, `/__sandbox/hazards`."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from sandbox import validation

from sandbox.admin import cjson
from sandbox.admin.exceptions import AdminError
from sandbox.admin.responses import check_token, render
from sandbox.faults import Faults
from sandbox.admin.hazards import HazardLog
from sandbox.settings import SandboxSettings
from sandbox.store import Store


class Control:
    """Reset the store, set or clear faults, read or clear the hazard log; needs the admin key if set."""

    def __init__(self, store: Store, faults: Faults, settings: SandboxSettings,
                 hazards: HazardLog | None = None) -> None:
        self.store, self.faults, self.settings = store, faults, settings
        self.hazards = hazards or HazardLog()

    async def reset(self, request: web.Request) -> web.Response:
        if request.method != "POST":
            return render(self.settings, 400, "Need to POST to reset the sandbox", versioned=False)
        return await self._guarded(request, self._do_reset)

    async def faults_handler(self, request: web.Request) -> web.Response:
        return await self._guarded(request, self._do_faults)

    async def hazards_handler(self, request: web.Request) -> web.Response:
        return await self._guarded(request, self._do_hazards)

    async def _guarded(self, request: web.Request, action: Any) -> web.Response:
        try:
            check_token(request, self.settings)
            status, body = await action(request)
        except AdminError as err:
            return render(self.settings, err.status, err.body, versioned=False)
        return render(self.settings, status, body, versioned=False)

    async def _do_reset(self, request: web.Request) -> tuple[int, Any]:
        self.store.reset()
        self.faults.clear()
        validation.reset_caches()  # per-process plugin state (limit-count group confs)
        return 200, {"status": "reset", "revision": self.store.revision}

    async def _do_faults(self, request: web.Request) -> tuple[int, Any]:
        if request.method == "DELETE":
            self.faults.clear()
        elif request.method == "PUT":
            try:
                self.faults.update(cjson.decode(await request.text()))
            except ValueError as err:  # CJSONError is a ValueError too
                raise AdminError(400, {"error_msg": f"invalid faults: {err}"}) from None
        elif request.method != "GET":
            raise AdminError(405, {"error_msg": "use GET, PUT or DELETE on /__sandbox/faults"})
        return 200, self.faults.as_dict()

    async def _do_hazards(self, request: web.Request) -> tuple[int, Any]:
        # Deliberately not cleared by reset: a test that resets between steps must not hide a hazard.
        if request.method == "DELETE":
            self.hazards.clear()
        elif request.method != "GET":
            raise AdminError(405, {"error_msg": "use GET or DELETE on /__sandbox/hazards"})
        return 200, self.hazards.as_dict()
