"""`python -m bench`: run overhead, scale and start-up side by side and write the results."""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import tempfile
from pathlib import Path

import requests

from bench import overhead, report, scale, targets
from bench.procs import (CEILING_APP, GPT_APP, Sandbox, Served, child_pids, gpt_env, rss_mb,
                         start_gunicorn, start_sandbox)
from bench.wrk import Request

PAGE_SIZE = 20  # apisix-gpt's default page; the direct paged list asks APISIX for the same


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench", description=__doc__)
    parser.add_argument("--seconds", type=float, default=5, help="wrk duration per cell")
    parser.add_argument("--sizes", default="100,1000,10000", help="route counts for the scale run")
    parser.add_argument("--starts", type=int, default=3, help="start-ups to time")
    parser.add_argument("--out", type=Path, default=report.OUT, help="where results.* go")
    return parser.parse_args()


def seed_overhead(sb: Sandbox) -> None:
    headers = {"X-API-KEY": sb.admin_key}
    requests.post(f"{sb.admin_url}/__sandbox/reset", headers=headers, timeout=10).raise_for_status()
    for rid in [overhead.ROUTE_GET, overhead.ROUTE_PUT] + [f"page-{i}" for i in range(48)]:
        requests.put(f"{sb.admin_url}/apisix/admin/routes/{rid}", json=overhead.route_body(rid),
                     headers=headers, timeout=10).raise_for_status()


def time_startups(env: dict[str, str], workdir: Path, count: int) -> list[float]:
    times = []
    for i in range(count):
        served = start_gunicorn(f"startup-{i}", GPT_APP, env, workdir)
        times.append(served.ready_s)
        served.proc.stop()
    return times


def capture_canned(gpt: Served, token: str, body_file: Path, workdir: Path) -> Path:
    """What apisix-gpt answers for the three benchmarked calls; the ceiling app replays it."""
    auth = {"Authorization": f"Bearer {token}"}
    plan = overhead.requests_for(overhead.Endpoint(gpt.url, auth, ""), body_file)
    canned = {}
    for op, req in plan.items():
        data = req.body_file.read_bytes() if req.body_file else None
        headers = {**req.headers, **({"Content-Type": "application/json"} if data else {})}
        resp = requests.request(req.method, req.url, headers=headers, data=data, timeout=10)
        resp.raise_for_status()
        canned[op] = {"method": req.method, "path": req.url[len(gpt.url):].split("?")[0],
                      "status": resp.status_code, "body": resp.json()}
    path = workdir / "ceiling-canned.json"
    path.write_text(json.dumps(canned))
    return path


def worker_rss(served: Served) -> list[float]:
    return [round(rss_mb(pid), 1) for pid in child_pids(served.proc.popen.pid)]


def run_scale(sb: Sandbox, gpt: Served, token: str, sizes: list[int], seconds: float) -> tuple[list, list]:
    auth, key = {"Authorization": f"Bearer {token}"}, {"X-API-KEY": sb.admin_key}
    routes_gpt, routes_direct = f"{gpt.url}/apisix/admin/routes", f"{sb.admin_url}/apisix/admin/routes"
    variants = {"gpt page": Request("GET", routes_gpt, auth),
                "direct paged": Request("GET", f"{routes_direct}?page=1&page_size={PAGE_SIZE}", key),
                "direct unpaged": Request("GET", routes_direct, key)}
    rows: list[dict] = []
    for size in sizes:
        scale.seed(sb.admin_url, sb.admin_key, size)
        rows += scale.measure(variants, size, seconds)
    extra = {f"gpt page_size={n}": Request("GET", f"{routes_gpt}?page_size={n}", auth)
             for n in (10, 50, 100, 500)}
    extra["gpt last page"] = Request("GET", f"{routes_gpt}?page={sizes[-1] // PAGE_SIZE}", auth)
    return rows, scale.check_bounds(extra, targets.MAX_LIST_CHARS)


def main() -> int:
    args = parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    token = secrets.token_urlsafe(24)
    with tempfile.TemporaryDirectory(prefix="apisix-gpt-bench-") as tmp:
        workdir = Path(tmp)
        results = run(workdir, token, sizes, args)
    results["targets"] = targets.evaluate(results)
    report.write(results, args.out)
    print(report.markdown(results))
    return 0


def run(workdir: Path, token: str, sizes: list[int], args: argparse.Namespace) -> dict:
    load_before = round(os.getloadavg()[0], 2)  # other jobs on the machine: the figures' noise
    sb = start_sandbox(workdir)
    procs = [sb.proc]
    try:
        seed_overhead(sb)
        env = gpt_env(sb, token, workdir)
        ready = time_startups(env, workdir, max(args.starts - 1, 0))
        gpt = start_gunicorn("apisix-gpt", GPT_APP, env, workdir)
        procs.append(gpt.proc)
        ready.append(gpt.ready_s)
        body_file = overhead.write_body(workdir)
        canned = capture_canned(gpt, token, body_file, workdir)
        ceiling = start_gunicorn("ceiling", CEILING_APP,
                                 {**env, "BENCH_CEILING_CANNED": str(canned)}, workdir)
        procs.append(ceiling.proc)
        auth = {"Authorization": f"Bearer {token}"}
        endpoints = {"direct": overhead.Endpoint(sb.admin_url, {"X-API-KEY": sb.admin_key},
                                                 f"?page=1&page_size={PAGE_SIZE}"),
                     "gpt": overhead.Endpoint(gpt.url, auth, ""),
                     "ceiling": overhead.Endpoint(ceiling.url, auth, "")}
        sandbox_pid, gpt_workers = [sb.proc.popen.pid], child_pids(gpt.proc.popen.pid)
        pids = {"direct": {"sandbox": sandbox_pid},
                "gpt": {"app": gpt_workers, "sandbox": sandbox_pid},
                "ceiling": {"app": child_pids(ceiling.proc.popen.pid)}}
        print("Overhead")
        rows = overhead.run_all(endpoints, body_file, args.seconds, pids=pids)
        rss = worker_rss(gpt)
        print("Scale")
        scale_rows, bounds = run_scale(sb, gpt, token, sizes, max(2.0, args.seconds / 2))
        rss = [max(a, b) for a, b in zip(rss, worker_rss(gpt))]
        startup = {"ready_s": [round(t, 3) for t in ready],
                   "ready_s_median": round(statistics.median(ready), 3), "rss_mb": rss,
                   "rss_mb_max": max(rss), "master_rss_mb": round(rss_mb(gpt.proc.popen.pid), 1)}
    finally:
        for proc in reversed(procs):
            proc.stop()
    return {"machine": {**report.machine(), "loadavg_before": load_before}, "settings": {"seconds": args.seconds, "sizes": sizes,
                                                      "page_size": PAGE_SIZE, "workers": 1},
            "overhead": rows, "ratios": overhead.ratios(rows), "scale": scale_rows,
            "bounds": bounds, "startup": startup}


if __name__ == "__main__":
    raise SystemExit(main())
