"""Write bench/results.json, bench/results.md and bench/chart.png from one benchmark run."""

from __future__ import annotations

import json
import os
import platform
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes

OUT = Path(__file__).resolve().parent


def machine() -> dict[str, str | int]:
    model = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return {"nproc": os.cpu_count() or 0, "cpu": model, "python": platform.python_version(),
            "kernel": platform.release(),
            "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def _fmt(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0").rstrip(".") if abs(value) < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _table(headers: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_fmt(v) for v in row) + " |" for row in rows]
    return lines + [""]


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [f"# apisix-gpt benchmark ({m['date']})", "",
             f"Machine: {m['nproc']} CPUs, {m['cpu']}, Python {m['python']}, kernel {m['kernel']}. "
             f"wrk, one thread, {results['settings']['seconds']} s per cell after a warm-up; "
             "one gunicorn worker per app; shared noisy machine, so read the ratios. "
             f"Load average (1 min) of the machine before the run started: "
             f"{m.get('loadavg_before', '?')}.", "",
             "## Targets", ""]
    lines += _table(["target", "value", "limit", "status"],
                    [[t["target"], t["value"], t["limit"], "met" if t["met"] else "NOT MET"]
                     for t in results["targets"]])
    lines += ["## Overhead (req/s, p50, p99)", ""]
    lines += _table(["op", "c", "target", "req/s", "p50 ms", "p99 ms", "errors"],
                    [[r["op"], r["c"], r["target"], r["rps"], r["p50_ms"], r["p99_ms"], r["errors"]]
                     for r in results["overhead"]])
    lines += ["## Ratios", ""]
    lines += _table(["op", "c", "gpt / ceiling (req/s)", "gpt / direct (req/s)",
                     "added p50 over direct (ms)"],
                    [[r["op"], r["c"], r["gpt_over_ceiling_rps"], r["gpt_over_direct_rps"],
                      r["added_p50_ms"]] for r in results["ratios"]])
    lines += ["## CPU per request", "",
              "Milliseconds of CPU (user + system, from `/proc/<pid>/stat`) per request during each "
              "cell: `app` is the gunicorn worker (apisix-gpt or the ceiling app), `sandbox` the "
              "APISIX sandbox. All of them, and wrk, share the same CPUs.", ""]
    lines += _table(["op", "c", "target", "app ms", "sandbox ms"],
                    [[r["op"], r["c"], r["target"], r.get("app_cpu_ms"), r.get("sandbox_cpu_ms")]
                     for r in results["overhead"]])
    lines += ["## Scale (list, c=1)", ""]
    lines += _table(["routes", "variant", "status", "chars", "p50 ms", "p99 ms"],
                    [[r["routes"], r["variant"], r["status"], r["chars"], r["p50_ms"], r["p99_ms"]]
                     for r in results["scale"]])
    if results.get("bounds"):
        lines += ["Other apisix-gpt list responses at the largest size:", ""]
        lines += _table(["request", "status", "chars", "≤ 100,000"],
                        [[b["variant"], b["status"], b["chars"], b["within"]]
                         for b in results["bounds"]])
    s = results["startup"]
    lines += ["## Start-up and memory", "",
              f"Ready (`/readyz` 200) after spawn: {', '.join(f'{v:.2f}' for v in s['ready_s'])} s "
              f"(median {s['ready_s_median']:.2f} s). RSS per worker after warm-up: "
              f"{', '.join(f'{v:.1f}' for v in s['rss_mb'])} MB; gunicorn master "
              f"{s['master_rss_mb']:.1f} MB.", "", "![chart](chart.png)", ""]
    return "\n".join(lines)


def chart(results: dict, path: Path) -> None:
    """Draw the chart (matplotlib is the `bench` extra: imported here so the report logic needs none)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax1, ax2, ax3) = plt.subplots(1, 3, figsize=(16, 4.8))
    _overhead_bars(ax1, results["overhead"])
    _scale_lines(ax2, results["scale"], "p50_ms", "list p50 latency (ms, log)")
    _scale_lines(ax3, results["scale"], "chars", "list response size (chars, log)")
    ax3.axhline(100_000, color="red", linestyle=":", label="GPT Actions limit")
    ax3.legend(fontsize=8)
    fig.suptitle(f"apisix-gpt benchmark, {results['machine']['nproc']} CPUs, "
                 f"{results['machine']['date']}")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _overhead_bars(ax: Axes, rows: list[dict]) -> None:
    cells = sorted({(r["op"], r["c"]) for r in rows}, key=lambda k: (["get", "list", "put"].index(k[0]), k[1]))
    targets = ["direct", "gpt", "ceiling"]
    width = 0.27
    for i, target in enumerate(targets):
        values = [next((r["rps"] for r in rows if (r["op"], r["c"], r["target"]) == (*cell, target)), 0)
                  for cell in cells]
        ax.bar([x + (i - 1) * width for x in range(len(cells))], values, width, label=target)
    ax.set_xticks(range(len(cells)), [f"{op}\nc={c}" for op, c in cells])
    ax.set_ylabel("req/s")
    ax.set_title("overhead: throughput")
    ax.legend(fontsize=8)


def _scale_lines(ax: Axes, rows: list[dict], key: str, title: str) -> None:
    for variant in dict.fromkeys(r["variant"] for r in rows):
        points = sorted((r["routes"], r[key]) for r in rows if r["variant"] == variant)
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=variant)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("routes in APISIX")
    ax.set_title(title)
    ax.legend(fontsize=8)


def write(results: dict, out: Path = OUT) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    (out / "results.md").write_text(markdown(results))
    chart(results, out / "chart.png")
