"""The sandbox's fidelity cases (`tests/sandbox/test_fidelity*.py`, drawn from APISIX's own `t/`
suite) as replayable sequences, so the same cases also run through apisix-gpt.

Only Admin API cases whose every step is a path below `/apisix/admin` and sends no extra header are
taken (apisix-gpt forwards no client headers, e.g. `X-Force-Delete`); the admin-key and stream-mode
modules are left out (apisix-gpt holds the key; the stack's sandbox runs without stream).
A step's `status`/`error_msg` are APISIX's expectations as the case states them (None when the case
does not say).
"""

from __future__ import annotations

import importlib
from typing import Any

from tests.helpers.recorded import NO_BODY, Sequence, Step

MODULES = (
    "test_fidelity_routes", "test_fidelity_upstream", "test_fidelity_api", "test_fidelity2_routes",
    "test_fidelity2_ssl", "test_fidelity2_upstreams", "test_fidelity2_proto", "test_fidelity2_secrets",
    "test_fidelity2_plugin_metadata", "test_fidelity2_misc", "test_fidelity2_health_schema",
    "test_fidelity3_plugins", "test_fidelity4_meta", "test_fidelity4_misc", "test_fidelity4_nodes",
    "test_fidelity4_ssl", "test_fidelity5_core_checks",
)


def _answer(case_step: Any) -> Any:
    """APISIX's answer when the case states the whole body (an `err(...)` step), else None."""
    return case_step.expect if case_step.mode == "exact" else None


def _step(sequence: str, index: int, case_step: Any) -> Step:
    body = case_step.body
    return Step(sequence=sequence, step=index, method=case_step.method, path=case_step.path,
                query=None, body=NO_BODY if body is None or isinstance(body, str) else body,
                raw_body=body if isinstance(body, str) else None, auth=None, capture=None,
                status=case_step.status, answer=_answer(case_step))


def _usable(steps: list[Any]) -> bool:
    """Admin API paths only; no stream routes; no extra request headers (apisix-gpt forwards none)."""
    return all(s.path.startswith("/") and "stream_routes" not in s.path and not getattr(s, "headers", None)
               for s in steps)


def sequences() -> list[Sequence]:
    """Every usable case, named `<module>:<case>`, in module order."""
    found: list[Sequence] = []
    for name in MODULES:
        module = importlib.import_module(f"tests.sandbox.{name}")
        for attr, cases in vars(module).items():
            if not attr.endswith("CASES") or not isinstance(cases, dict):
                continue
            for case, steps in cases.items():
                if isinstance(steps, list) and _usable(steps):
                    seq = f"{name}:{case}"
                    found.append(Sequence(seq, [_step(seq, i, s) for i, s in enumerate(steps)]))
    return found
