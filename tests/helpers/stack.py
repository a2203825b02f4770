"""Start the sandbox and apisix-gpt (under gunicorn) as real processes on free ports, for live tests."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

import requests

from tests.helpers.procs import PYTHON, Proc, catalogue_args, free_port, http_ok, start

WORKER = "apisix_gpt.workers.StrictUvicornWorker"


@dataclass
class Sandbox:
    """A running sandbox: Admin API, gateway and demo backend URLs plus its keys."""

    proc: Proc
    admin_url: str
    gateway_url: str
    demo_url: str
    admin_key: str
    viewer_key: str

    def admin(self) -> requests.Session:
        """A session that talks to the sandbox Admin API directly with the admin key."""
        session = requests.Session()
        session.headers["X-API-KEY"] = self.admin_key
        return session

    def reset(self) -> None:
        self.admin().post(f"{self.admin_url}/__sandbox/reset", timeout=5).raise_for_status()

    def stop(self) -> None:
        self.proc.stop()


@dataclass
class Stack:
    """The sandbox plus apisix-gpt; `token` is an editor's bearer token, `viewer_token` a viewer's."""

    sandbox: Sandbox
    api: Proc | None
    api_url: str
    token: str
    viewer_token: str
    env: dict[str, str] = field(default_factory=dict)

    def session(self, token: str | None = None) -> requests.Session:
        return bearer_session(token or self.token)

    def reset(self) -> None:
        self.sandbox.reset()

    def stop(self) -> None:
        if self.api is not None:
            self.api.stop()
        self.sandbox.stop()


def bearer_session(token: str) -> requests.Session:
    """A `requests.Session` sending `Authorization: Bearer <token>`."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    return session


def start_sandbox(tmp_path: Path) -> Sandbox:
    """`python -m sandbox` on free ports; ready when `HEAD /apisix/admin` answers 200."""
    admin, gateway, demo = free_port(), free_port(), free_port()
    admin_key, viewer_key = secrets.token_hex(16), secrets.token_hex(16)
    args = [PYTHON, "-m", "sandbox", "--admin-port", str(admin), "--gateway-port", str(gateway),
            "--demo-port", str(demo), "--admin-key", admin_key, "--viewer-key", viewer_key,
            *catalogue_args()]
    admin_url = f"http://127.0.0.1:{admin}"
    proc = start(args, tmp_path / "sandbox.log", ready=http_ok(f"{admin_url}/apisix/admin", "HEAD"))
    return Sandbox(proc, admin_url, f"http://127.0.0.1:{gateway}", f"http://127.0.0.1:{demo}",
                   admin_key, viewer_key)


def start_api(tmp_path: Path, sandbox: Sandbox, token: str, viewer_token: str,
              **env: str) -> tuple[Proc, str, dict[str, str]]:
    """apisix-gpt under gunicorn (`StrictUvicornWorker`, 1 worker); ready when `/readyz` answers 200."""
    port = free_port()
    api_url = f"http://127.0.0.1:{port}"
    full_env = {
        "APISIX_GPT_ADMIN_URL": sandbox.admin_url, "APISIX_GPT_ADMIN_KEY": sandbox.admin_key,
        "APISIX_GPT_TOKENS": f"editor:editor:{token},viewer:viewer:{viewer_token}",
        "APISIX_GPT_VALIDATE_RESPONSES": "true", "APISIX_GPT_AUDIT_LOG": str(tmp_path / "audit.jsonl"),
        "APISIX_GPT_PUBLIC_URL": api_url, "APISIX_GPT_PROFILE": "full", **env}
    args = [PYTHON, "-m", "gunicorn", "-c", "python:config.gunicorn_conf", "-k", WORKER, "-w", "1",
            "-b", f"127.0.0.1:{port}", "--graceful-timeout", "3", "apisix_gpt.asgi:app"]
    ready = full_env.get("APISIX_GPT_READY_PATH", "/readyz")
    proc = start(args, tmp_path / "apisix-gpt.log", env=full_env, ready=http_ok(api_url + ready))
    return proc, api_url, full_env


def start_stack(tmp_path: Path, **env: str) -> Stack:
    """Sandbox + apisix-gpt; `env` overrides apisix-gpt's environment (e.g. APISIX_GPT_PROFILE)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    sandbox = start_sandbox(tmp_path)
    token, viewer_token = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    try:
        proc, api_url, full_env = start_api(tmp_path, sandbox, token, viewer_token, **env)
    except Exception:
        sandbox.stop()
        raise
    return Stack(sandbox, proc, api_url, token, viewer_token, full_env)
