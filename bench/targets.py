"""The issue #6 performance targets, each evaluated to met / not met from the collected results."""

from __future__ import annotations

from typing import Any

MAX_LIST_CHARS = 100_000


def _cell(rows: list[dict], **match: Any) -> dict | None:
    return next((r for r in rows if all(r.get(k) == v for k, v in match.items())), None)


def _target(name: str, value: float | None, limit: float, unit: str, higher_is_better: bool) -> dict:
    met = value is not None and (value >= limit if higher_is_better else value <= limit)
    sign = ">=" if higher_is_better else "<="
    return {"target": name, "value": value, "limit": f"{sign} {limit:,g} {unit}".strip(), "met": met}


def evaluate(results: dict) -> list[dict]:
    ratios, scale, startup = results["ratios"], results["scale"], results["startup"]
    get8 = _cell(ratios, op="get", c=8) or {}
    get1 = _cell(ratios, op="get", c=1) or {}
    biggest = max((r["routes"] for r in scale), default=0)
    at_max = [r for r in scale if r["routes"] == biggest]
    gpt = _cell(at_max, variant="gpt page") or {}
    direct = _cell(at_max, variant="direct paged") or {}
    bounded = [r["chars"] for r in at_max if r["variant"].startswith("gpt")]
    bounded += [r["chars"] for r in results.get("bounds", [])]
    slowdown = round(gpt["p50_ms"] / direct["p50_ms"], 3) if gpt and direct else None
    return [
        _target("GET-by-id throughput vs ceiling app, c=8", get8.get("gpt_over_ceiling_rps"), 0.8,
                "x", True),
        _target("added p50 latency over direct, GET c=1", get1.get("added_p50_ms"), 1, "ms", False),
        _target(f"largest list response at {biggest} routes", max(bounded, default=None),
                MAX_LIST_CHARS, "chars", False),
        _target(f"list p50 vs direct paged at {biggest} routes", slowdown, 1.5, "x", False),
        _target("ready after start (median)", startup.get("ready_s_median"), 2, "s", False),
        _target("RSS per worker after warm-up (max)", startup.get("rss_mb_max"), 150, "MB", False),
    ]
