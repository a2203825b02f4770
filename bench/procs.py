"""Start the sandbox and gunicorn-served apps as real processes for the benchmark; read RSS and CPU time."""

from __future__ import annotations

import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.procs import PYTHON, Proc, catalogue_args, free_port, http_ok, start

WORKER_CLASS = "apisix_gpt.workers.StrictUvicornWorker"
GPT_APP = "apisix_gpt.asgi:app"
CEILING_APP = "bench.ceiling:app"


@dataclass
class Sandbox:
    proc: Proc
    admin_url: str
    admin_key: str


@dataclass
class Served:
    """One gunicorn master serving an app; `ready_s` is the time from spawn to a 200 on `/readyz`."""

    name: str
    proc: Proc
    url: str
    ready_s: float


def start_sandbox(workdir: Path) -> Sandbox:
    port, key = free_port(), secrets.token_hex(16)
    args = [PYTHON, "-m", "sandbox", "--admin-port", str(port), "--gateway-port", str(free_port()),
            "--demo-port", str(free_port()), "--admin-key", key, *catalogue_args()]
    url = f"http://127.0.0.1:{port}"
    proc = start(args, workdir / "sandbox.log", ready=http_ok(f"{url}/apisix/admin", "HEAD"))
    return Sandbox(proc, url, key)


def gpt_env(sandbox: Sandbox, token: str, workdir: Path) -> dict[str, str]:
    return {"APISIX_GPT_ADMIN_URL": sandbox.admin_url, "APISIX_GPT_ADMIN_KEY": sandbox.admin_key,
            "APISIX_GPT_TOKENS": f"bench:editor:{token}",
            "APISIX_GPT_AUDIT_LOG": str(workdir / "audit.jsonl")}


def start_gunicorn(name: str, app: str, env: dict[str, str], workdir: Path,
                   workers: int = 1) -> Served:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    args = [PYTHON, "-m", "gunicorn", "-c", "python:config.gunicorn_conf", "-k", WORKER_CLASS,
            "-w", str(workers),
            "-b", f"127.0.0.1:{port}", app]
    began = time.monotonic()
    # Poll every 10 ms so the start-up time is exact to about that.
    proc = start(args, workdir / f"{name}.log", env=env, ready=http_ok(f"{url}/readyz"), poll=0.01)
    return Served(name, proc, url, time.monotonic() - began)


def child_pids(pid: int) -> list[int]:
    """Direct children of `pid` (gunicorn's workers), from /proc."""
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return sorted(kids)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time consumed so far by `pids` (from /proc/<pid>/stat)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / ticks
