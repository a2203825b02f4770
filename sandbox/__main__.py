"""CLI: `python -m sandbox [options]` runs the APISIX sandbox until SIGTERM or SIGINT."""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import signal
import string
import sys
from pathlib import Path

from sandbox import validation
from sandbox.server import load_plugins, start_sandbox
from sandbox.settings import SandboxSettings
from sandbox.validation.catalogue import CatalogueError

TRUE = ("1", "true", "yes", "on")


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a port number, got {raw!r}") from None


def _env_ports(name: str) -> list[int]:
    raw = os.environ.get(name, "")
    try:
        return [int(part) for part in raw.split(",") if part.strip()]
    except ValueError:
        raise SystemExit(f"{name} must be comma-separated port numbers, got {raw!r}") from None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    env = os.environ
    p = argparse.ArgumentParser(prog="python -m sandbox", description="APISIX 3.18 Admin API sandbox")
    p.add_argument("--host", default=env.get("SANDBOX_HOST", "127.0.0.1"))
    p.add_argument("--admin-port", type=int, default=_env_int("SANDBOX_ADMIN_PORT", 9180))
    p.add_argument("--gateway-port", type=int, default=_env_int("SANDBOX_GATEWAY_PORT", 9080))
    p.add_argument("--demo-port", type=int, default=_env_int("SANDBOX_DEMO_PORT", 9081))
    p.add_argument("--admin-key", default=env.get("SANDBOX_ADMIN_KEY") or None)
    p.add_argument("--viewer-key", default=env.get("SANDBOX_VIEWER_KEY") or None)
    p.add_argument("--no-admin-key", action="store_true", help="admin_key_required: false (open API)")
    p.add_argument("--stream", action="store_true",
                   default=env.get("SANDBOX_STREAM", "").lower() in TRUE, help="enable stream routes")
    p.add_argument("--state-file", type=Path, default=env.get("SANDBOX_STATE_FILE") or None)
    p.add_argument("--test-upstream-port", type=int, action="append", default=None,
                   help="also serve APISIX's test upstream (t/lib/server.lua) on this port; repeatable")
    p.add_argument("--plugin-catalogue", type=Path, default=env.get("SANDBOX_PLUGIN_CATALOGUE") or None,
                   help="APISIX's plugin catalogue (plugins.json: `plugins?all=true` answers); "
                        "default: only the plugins the sandbox implements itself")
    return p.parse_args(argv)


def generate_key() -> str:
    """APISIX 3.10+ fills an empty admin key with 32 random letters."""
    return "".join(secrets.choice(string.ascii_letters) for _ in range(32))


def build_settings(args: argparse.Namespace) -> tuple[SandboxSettings, bool]:
    generated = not args.no_admin_key and not args.admin_key
    admin_key = None if args.no_admin_key else (args.admin_key or generate_key())
    settings = SandboxSettings(
        host=args.host, admin_port=args.admin_port, gateway_port=args.gateway_port,
        demo_port=args.demo_port, admin_key=admin_key, viewer_key=args.viewer_key,
        admin_key_required=not args.no_admin_key, stream_mode=args.stream, state_file=args.state_file,
        test_upstream_ports=tuple(args.test_upstream_port or _env_ports("SANDBOX_TEST_UPSTREAM_PORTS")),
        plugin_catalogue=args.plugin_catalogue,
    )
    return settings, generated


def plugins_line(settings: SandboxSettings, count: int) -> str:
    """The one start-up line that says where the plugins come from."""
    if settings.plugin_catalogue is None:
        return (f"plugins     {count} implemented by the sandbox (no plugin catalogue; "
                f"--plugin-catalogue or SANDBOX_PLUGIN_CATALOGUE loads APISIX's)")
    return f"plugins     {count} from catalogue {settings.plugin_catalogue}"


async def run(settings: SandboxSettings, generated_key: bool) -> None:
    handle = await start_sandbox(settings)
    print(plugins_line(settings, len(validation.plugin_names("http"))), flush=True)
    urls = handle.urls()
    print(f"admin API   {urls['admin']}/apisix/admin", flush=True)
    print(f"gateway     {urls['gateway']}", flush=True)
    print(f"demo        {urls['demo']}", flush=True)
    for port in settings.test_upstream_ports:
        print(f"test upstream http://{settings.host}:{port}", flush=True)
    if generated_key:
        print(f"admin key   {settings.admin_key}  (generated)", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await handle.stop()


def main(argv: list[str] | None = None) -> int:
    settings, generated = build_settings(parse_args(argv))
    try:
        load_plugins(settings)  # fail before listening when the catalogue is unusable
        asyncio.run(run(settings, generated))
    except CatalogueError as err:
        print(f"sandbox: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"sandbox: cannot listen: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
