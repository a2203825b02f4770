"""The sandbox's APISIX cases (`tests/sandbox/*/test_apisix_*_cases.py`, drawn from APISIX's own `t/`
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
    "admin.test_apisix_route_cases", "admin.test_apisix_upstream_cases", "admin.test_apisix_api_cases",
    "admin.test_apisix_ssl_cases", "admin.test_apisix_proto_cases", "admin.test_apisix_secret_cases",
    "admin.test_apisix_plugin_metadata_cases", "admin.test_apisix_service_consumer_global_rule_cases",
    "validation.test_apisix_health_check_cases", "validation.test_apisix_added_plugin_cases",
    "admin.test_apisix_meta_cases",
    "admin.test_apisix_array_nodes_and_force_delete_cases", "validation.test_apisix_core_check_cases",
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
                    seq = f"{name.rsplit('.', 1)[-1]}:{case}"
                    found.append(Sequence(seq, [_step(seq, i, s) for i, s in enumerate(steps)]))
    return found
