"""Overhead runs: GET-by-id, list and PUT at c=1 and c=8, direct vs apisix-gpt vs the ceiling app."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from bench import wrk
from bench.procs import cpu_seconds

OPS = ("get", "list", "put")
CONCURRENCY = (1, 8)
TARGETS = ("direct", "gpt", "ceiling")
ROUTE_GET, ROUTE_PUT = "bench-get", "bench-put"


def route_body(i: int | str) -> dict:
    """A realistic route: a few matchers, an upstream, labels and one plugin (~350 characters)."""
    return {"name": f"route-{i}", "uri": f"/svc/{i}/*", "methods": ["GET", "POST"],
            "hosts": ["api.example.com"], "labels": {"team": "bench", "env": "test"},
            "plugins": {"limit-count": {"count": 100, "time_window": 60, "rejected_code": 429}},
            "upstream": {"type": "roundrobin", "nodes": {"127.0.0.1:1980": 1},
                         "timeout": {"connect": 6, "send": 6, "read": 6}}}


@dataclass(frozen=True)
class Endpoint:
    """Where one target lives and how to authenticate to it."""

    base: str
    headers: dict[str, str]
    list_query: str  # the query that makes the list one page


def requests_for(endpoint: Endpoint, body_file: Path) -> dict[str, wrk.Request]:
    routes = f"{endpoint.base}/apisix/admin/routes"
    return {"get": wrk.Request("GET", f"{routes}/{ROUTE_GET}", endpoint.headers),
            "list": wrk.Request("GET", f"{routes}{endpoint.list_query}", endpoint.headers),
            "put": wrk.Request("PUT", f"{routes}/{ROUTE_PUT}", endpoint.headers, body_file)}


def write_body(workdir: Path) -> Path:
    path = workdir / "put-body.json"
    path.write_text(json.dumps(route_body(ROUTE_PUT)))
    return path


def run_all(endpoints: dict[str, Endpoint], body_file: Path, seconds: float,
            log: Callable[[str], None] = print,
            pids: dict[str, dict[str, list[int]]] | None = None) -> list[dict]:
    """Every (op, c, target) cell; targets interleaved per cell so machine drift hits all alike.

    `pids` ({target: {"app": [...], "sandbox": [...]}}) adds the CPU milliseconds each process group
    spent per request during the cell (`app_cpu_ms`, `sandbox_cpu_ms`).
    """
    plans = {name: requests_for(ep, body_file) for name, ep in endpoints.items()}
    rows = []
    for op in OPS:
        for conns in CONCURRENCY:
            for target, plan in plans.items():
                wrk.run(plan[op], conns, min(1.0, seconds))  # warm-up: pools, caches, JIT-free paths
                groups = (pids or {}).get(target, {})
                before = {name: cpu_seconds(group) for name, group in groups.items()}
                result = wrk.run(plan[op], conns, seconds)
                cpu = {f"{name}_cpu_ms": _per_request(cpu_seconds(group) - before[name], result.requests)
                       for name, group in groups.items()}
                rows.append({"op": op, "c": conns, "target": target, **result.as_dict(), **cpu})
                log(f"  {op:<4} c={conns} {target:<8} {result.rps:8.0f} req/s  "
                    f"p50 {result.p50_us / 1000:6.2f} ms  p99 {result.p99_us / 1000:6.2f} ms"
                    f"  errors {result.errors}  cpu/req {_cpu_text(cpu)}")
    return rows


def _per_request(seconds: float, requests: int) -> float | None:
    return round(seconds * 1000 / requests, 3) if requests else None


def _cpu_text(cpu: dict[str, float | None]) -> str:
    return " ".join(f"{name.removesuffix('_cpu_ms')} {value} ms" for name, value in cpu.items()) or "-"


def ratios(rows: list[dict]) -> list[dict]:
    """Per (op, c): apisix-gpt throughput over ceiling and direct, and the added p50 over direct."""
    cell = {(r["op"], r["c"], r["target"]): r for r in rows}
    out = []
    for op in OPS:
        for conns in CONCURRENCY:
            gpt, ceil, direct = (cell.get((op, conns, t)) for t in ("gpt", "ceiling", "direct"))
            if not gpt:
                continue
            out.append({"op": op, "c": conns,
                        "gpt_over_ceiling_rps": _div(gpt["rps"], ceil and ceil["rps"]),
                        "gpt_over_direct_rps": _div(gpt["rps"], direct and direct["rps"]),
                        "added_p50_ms": round(gpt["p50_ms"] - direct["p50_ms"], 3) if direct else None})
    return out


def _div(a: float, b: float | None) -> float | None:
    return round(a / b, 3) if b else None
