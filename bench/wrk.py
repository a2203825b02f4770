"""Run wrk with bench/request.lua and parse its JSON summary into a `WrkResult`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

LUA = Path(__file__).with_name("request.lua")
MARKER = "BENCH_JSON "


class WrkError(RuntimeError):
    """wrk is missing, failed, or printed no summary."""


@dataclass(frozen=True)
class Request:
    """One HTTP request shape to hammer: method, full URL, headers and an optional JSON body file."""

    method: str
    url: str
    headers: dict[str, str]
    body_file: Path | None = None


@dataclass(frozen=True)
class WrkResult:
    requests: int
    duration_us: int
    bytes: int
    p50_us: int
    p99_us: int
    mean_us: float
    max_us: int
    connect_errors: int
    read_errors: int
    write_errors: int
    status_errors: int
    timeouts: int

    @property
    def rps(self) -> float:
        return self.requests / (self.duration_us / 1e6) if self.duration_us else 0.0

    @property
    def errors(self) -> int:
        return (self.connect_errors + self.read_errors + self.write_errors
                + self.status_errors + self.timeouts)

    def as_dict(self) -> dict[str, float]:
        return {**asdict(self), "rps": round(self.rps, 1), "p50_ms": self.p50_us / 1000,
                "p99_ms": self.p99_us / 1000, "errors": self.errors}


def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise WrkError("wrk is not installed (scripts/bench installs it with apt-get)")
    return path


def run(request: Request, connections: int, seconds: float, timeout_s: float = 10) -> WrkResult:
    """Hammer `request` with `connections` keep-alive connections on one wrk thread for `seconds`.

    wrk takes whole seconds only; durations are rounded (at least 1 s).
    """
    env = {**os.environ, "BENCH_METHOD": request.method,
           "BENCH_BODY_FILE": str(request.body_file or ""),
           "BENCH_HEADERS": "\n".join(f"{k}: {v}" for k, v in request.headers.items())}
    args = [wrk_path(), "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s",
            f"--timeout={max(1, round(timeout_s))}s",
            "-s", str(LUA), request.url]
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=seconds + 60)
    return parse(done.stdout, done.stderr)


def parse(stdout: str, stderr: str = "") -> WrkResult:
    for line in stdout.splitlines():
        if line.startswith(MARKER):
            return WrkResult(**json.loads(line[len(MARKER):]))
    raise WrkError(f"wrk printed no summary:\n{stdout[-2000:]}\n{stderr[-2000:]}")
