"""Start real processes on free loopback ports, wait until they answer, and stop them."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import requests

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Proc:
    """A child process with its log file; `stop()` terminates it (then kills it)."""

    popen: subprocess.Popen
    log_path: Path
    env: dict[str, str] = field(default_factory=dict)

    def stop(self, timeout: float = 10) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def start(args: list[str], log_path: Path, env: dict[str, str] | None = None,
          ready: Callable[[], bool] | None = None, timeout: float = 30, poll: float = 0.05) -> Proc:
    """Start `args` (run with this interpreter's environment) and wait until `ready()` is true,
    checking every `poll` seconds (the benchmark polls finely to time start-up)."""
    full_env = {**os.environ, **(env or {})}
    log_path.parent.mkdir(parents=True, exist_ok=True)
    fh = open(log_path, "wb")
    popen = subprocess.Popen(args, cwd=ROOT, env=full_env, stdout=fh, stderr=subprocess.STDOUT)
    proc = Proc(popen, log_path, env or {})
    deadline = time.monotonic() + timeout
    while ready is not None and time.monotonic() < deadline:
        if popen.poll() is not None:
            raise RuntimeError(f"{args[:3]} exited with {popen.returncode}:\n{proc.log()[-3000:]}")
        if ready():
            return proc
        time.sleep(poll)
    if ready is not None:
        proc.stop()
        raise RuntimeError(f"{args[:3]} not ready after {timeout}s:\n{proc.log()[-3000:]}")
    return proc


def http_ok(url: str, method: str = "GET", status: int = 200) -> Callable[[], bool]:
    def check() -> bool:
        try:
            return requests.request(method, url, timeout=1).status_code == status
        except requests.RequestException:
            return False
    return check


PYTHON = sys.executable

# APISIX 3.18's recorded plugin catalogue, read in place beside the repo (never copied into it).
PLUGIN_CATALOGUE = ROOT.parent / "shared" / "testdata" / "apisix-3.18" / "plugins.json"


def catalogue_args() -> list[str]:
    """`--plugin-catalogue PATH` when the recorded catalogue is there, else nothing (built-in plugins)."""
    return ["--plugin-catalogue", str(PLUGIN_CATALOGUE)] if PLUGIN_CATALOGUE.is_file() else []

# PEM certificates and keys from APISIX's own test suite (data only; copied from ../shared/testdata).
CERTS = ROOT / "tests" / "data" / "apisix-certs"
