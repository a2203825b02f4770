"""The sandbox's APISIX Admin API v3 (moto layout: urls, responses, models, exceptions)."""

from __future__ import annotations

from aiohttp import web

from sandbox import crypto
from sandbox.admin.control import Control
from sandbox.admin.models import AdminBackend
from sandbox.admin.responses import AdminResponses
from sandbox.admin.urls import routes
from sandbox.faults import Faults, fault_middleware
from sandbox.admin.hazards import HazardLog
from sandbox.settings import SandboxSettings
from sandbox.store import Store

CLIENT_MAX_SIZE = 8 * 1024 * 1024  # above APISIX's 1.5 MiB so the Admin API reports it itself


def create_admin_app(store: Store, settings: SandboxSettings, faults: Faults | None = None) -> web.Application:
    """The Admin API app on `store`; `faults` (shared with the control endpoints) may be injected."""
    crypto.configure(settings.keyring, settings.enable_encrypt_fields)
    faults = faults or Faults()
    app = web.Application(client_max_size=CLIENT_MAX_SIZE, middlewares=[fault_middleware(faults)])
    hazards = HazardLog()
    admin = AdminResponses(AdminBackend(store, settings), settings, hazards)
    app.add_routes(routes(admin, Control(store, faults, settings, hazards)))
    return app
