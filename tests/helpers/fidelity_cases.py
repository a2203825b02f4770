"""The sandbox's APISIX `t/` cases (`tests/sandbox/{admin,validation}/test_apisix_*_cases.py`) as
replayable sequences, so the same cases also run through apisix-gpt.

Only cases whose every step is a path below `/apisix/admin` and sends no extra header are taken
(apisix-gpt forwards no client headers, e.g. `X-Force-Delete`); the admin-key (`token`) and
stream-route modules are left out (apisix-gpt holds the key; the stack's sandbox runs without stream).
A step's `status`/`error_msg` are APISIX's expectations as the case states them (None when the case
does not say).
"""

from __future__ import annotations

import importlib
from typing import Any

from tests.helpers.procs import ROOT
from tests.helpers.recorded import NO_BODY, Sequence, Step

FOLDERS = ("admin", "validation")
LEFT_OUT = ("token", "stream_route")


def modules() -> list[str]:
    """Dotted names of the case modules, in path order."""
    found = []
    for folder in FOLDERS:
        for path in sorted((ROOT / "tests" / "sandbox" / folder).glob("test_apisix_*_cases.py")):
            if not any(word in path.stem for word in LEFT_OUT):
                found.append(f"tests.sandbox.{folder}.{path.stem}")
    return found


def _is_step(obj: Any) -> bool:
    return all(hasattr(obj, name) for name in ("method", "path", "body", "status", "expect", "mode"))


def _answer(case_step: Any) -> Any:
    """APISIX's answer when the case states the whole body (an `err(...)` step), else None."""
    return case_step.expect if case_step.mode == "exact" else None


def _step(sequence: str, index: int, case_step: Any) -> Step:
    body = case_step.body
    return Step(sequence=sequence, step=index, method=case_step.method, path=case_step.path,
                query=None, body=NO_BODY if body is None or isinstance(body, str) else body,
                raw_body=body if isinstance(body, str) else None, auth=None, capture=None,
                status=case_step.status, answer=_answer(case_step))


def _usable(steps: Any) -> bool:
    return (isinstance(steps, list) and bool(steps) and all(_is_step(s) for s in steps)
            and all(s.path.startswith("/") and "stream_routes" not in s.path
                    and not getattr(s, "headers", None) for s in steps))


def sequences() -> list[Sequence]:
    """Every usable case, named `<module>:<case>` (module without `tests.sandbox.`)."""
    found: list[Sequence] = []
    for dotted in modules():
        module = importlib.import_module(dotted)
        short = dotted.removeprefix("tests.sandbox.")
        for attr, cases in vars(module).items():
            if not attr.endswith("CASES") or not isinstance(cases, dict):
                continue
            for case, steps in cases.items():
                if _usable(steps):
                    name = f"{short}:{case}"
                    found.append(Sequence(name, [_step(name, i, s) for i, s in enumerate(steps)]))
    return found
