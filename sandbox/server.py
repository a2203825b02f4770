"""One process, one event loop: Admin API, gateway, demo backend (and optional APISIX test upstreams)."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from sandbox import validation
from sandbox.admin import create_admin_app
from sandbox.settings import SandboxSettings
from sandbox.store import Store
from sandbox.validation import catalogue


@dataclass
class SandboxHandle:
    """The running sandbox: its store, settings and runners; `stop()` closes all listeners."""

    store: Store
    settings: SandboxSettings
    runners: list[web.AppRunner]

    def urls(self) -> dict[str, str]:
        s = self.settings
        return {"admin": f"http://{s.host}:{s.admin_port}",
                "gateway": f"http://{s.host}:{s.gateway_port}",
                "demo": f"http://{s.host}:{s.demo_port}"}

    async def stop(self) -> None:
        for runner in reversed(self.runners):
            await runner.cleanup()


async def _serve(app: web.Application, host: str, port: int) -> web.AppRunner:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner


def load_plugins(settings: SandboxSettings) -> int:
    """Install the plugin catalogue named in the settings (or the built-in ports); returns the count.

    Raises catalogue.CatalogueError when the file cannot be used.
    """
    if settings.plugin_catalogue is None:
        catalogue.use_builtin()
        return len(validation.plugin_names("http"))
    return catalogue.install_file(settings.plugin_catalogue)


async def start_sandbox(settings: SandboxSettings) -> SandboxHandle:
    """Start the three sites; on a failure, the ones already started are closed again."""
    from sandbox.dataplane import create_gateway_app
    from sandbox.demo_backend import create_demo_app
    from sandbox.apisix_test_upstream import create_test_upstream_app

    load_plugins(settings)
    store = Store(state_file=settings.state_file)
    handle = SandboxHandle(store, settings, [])
    apps = ((create_admin_app(store, settings), settings.admin_port),
            (create_gateway_app(store, settings), settings.gateway_port),
            (create_demo_app(), settings.demo_port),
            *((create_test_upstream_app(), port) for port in settings.test_upstream_ports))
    try:
        for app, port in apps:
            handle.runners.append(await _serve(app, settings.host, port))
    except BaseException:
        await handle.stop()
        raise
    return handle
