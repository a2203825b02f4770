"""The benchmark report: each target is computed from side-by-side ratios and reported as
met or NOT MET, and the written table names every target (no benchmark is run here)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from bench import overhead, targets

ROOT = Path(__file__).resolve().parents[2]
LAST = json.loads((ROOT / "bench" / "results.json").read_text())
NAMES = ["GET-by-id throughput vs ceiling app, c=8", "added p50 latency over direct, GET c=1",
         "largest list response at 10000 routes", "list p50 vs direct paged at 10000 routes",
         "ready after start (median)", "RSS per worker after warm-up (max)"]


def row(op: str, c: int, target: str, rps: float, p50_ms: float) -> dict:
    return {"op": op, "c": c, "target": target, "rps": rps, "p50_ms": p50_ms}


def results(get8_ratio: float = 0.9, added_p50: float = 0.5, chars: int = 90_000, slowdown: float = 1.2,
            ready: float = 1.0, rss: float = 100.0) -> dict:
    """A results document whose six measured values are the given ones."""
    rows = [row("get", 8, "ceiling", 1000.0, 1.0), row("get", 8, "gpt", 1000.0 * get8_ratio, 1.0),
            row("get", 8, "direct", 3000.0, 1.0), row("get", 1, "direct", 500.0, 1.0),
            row("get", 1, "gpt", 400.0, 1.0 + added_p50), row("get", 1, "ceiling", 450.0, 1.2)]
    scale = [{"routes": 10000, "variant": "gpt page", "chars": chars, "p50_ms": 2.0 * slowdown},
             {"routes": 10000, "variant": "direct paged", "chars": 5000, "p50_ms": 2.0},
             {"routes": 100, "variant": "gpt page", "chars": 200_000, "p50_ms": 99.0}]
    return {"ratios": overhead.ratios(rows), "scale": scale, "bounds": [],
            "startup": {"ready_s_median": ready, "rss_mb_max": rss}}


def test_all_targets_met() -> None:
    evaluated = targets.evaluate(results())
    assert [t["target"] for t in evaluated] == NAMES
    assert all(t["met"] for t in evaluated), evaluated
    assert [t["value"] for t in evaluated] == [0.9, 0.5, 90_000, 1.2, 1.0, 100.0]


@pytest.mark.parametrize("index, change", [
    (0, {"get8_ratio": 0.79}), (1, {"added_p50": 1.2}), (2, {"chars": 100_001}),
    (3, {"slowdown": 1.6}), (4, {"ready": 2.5}), (5, {"rss": 151.0})])
def test_each_missed_target_is_reported_not_met(index: int, change: dict) -> None:
    evaluated = targets.evaluate(results(**change))
    assert [t["met"] for t in evaluated] == [i != index for i in range(6)], evaluated


def test_boundaries_count_as_met() -> None:
    evaluated = targets.evaluate(results(get8_ratio=0.8, added_p50=1.0, chars=100_000, slowdown=1.5,
                                         ready=2.0, rss=150.0))
    assert all(t["met"] for t in evaluated), evaluated


def test_a_bounded_list_over_the_limit_anywhere_at_the_largest_size_fails_the_target() -> None:
    data = results()
    data["bounds"] = [{"variant": "gpt page_size=500", "status": 200, "chars": 100_500, "within": False}]
    assert targets.evaluate(data)[2]["met"] is False


def test_missing_measurements_are_not_met() -> None:
    data = results()
    data["ratios"], data["startup"] = [], {}
    evaluated = targets.evaluate(data)
    assert [t["met"] for t in evaluated] == [False, False, True, True, False, False]


def test_markdown_reports_every_target_with_its_status() -> None:
    from bench import report
    data = copy.deepcopy(LAST)
    data["targets"] = targets.evaluate(data)
    text = report.markdown(data)
    for target in data["targets"]:
        line = next(line for line in text.splitlines() if line.startswith(f"| {target['target']} |"))
        assert line.endswith("| met |" if target["met"] else "| NOT MET |"), line
    assert data["machine"]["date"] in text and "![chart](chart.png)" in text


def test_last_results_hold_the_targets_as_evaluated() -> None:
    assert LAST["targets"] == targets.evaluate(LAST)
