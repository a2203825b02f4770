"""APISIX 3.18's recorded Admin API answers (`exchanges.jsonl`), read in place from `../shared/testdata`.

The recordings live beside the repository (`<repo>/../shared/testdata/apisix-3.18/`), never inside it;
they are resolved from the repository root so a CI clone with `shared/` beside it finds them too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from tests.helpers.procs import ROOT

TESTDATA = ROOT.parent / "shared" / "testdata" / "apisix-3.18"
EXCHANGES = TESTDATA / "exchanges.jsonl"
NO_BODY = object()  # a step without a request body (`body: null` and no `raw_body`)


@dataclass(frozen=True)
class Step:
    """One recorded request and APISIX's answer to it."""

    sequence: str
    step: int
    method: str
    path: str                      # below /apisix/admin, may hold `{name}` placeholders
    query: dict[str, str] | None
    body: Any                      # parsed JSON, or NO_BODY
    raw_body: str | None           # sent verbatim instead of `body` (e.g. broken JSON)
    auth: str | None               # None (admin key), "none" or "wrong"
    capture: str | None
    status: int | None             # None: APISIX's status is not known for this step
    answer: Any                    # APISIX's parsed answer (text when it was not JSON)

    @property
    def id(self) -> str:
        return f"{self.sequence}/{self.step}"

    @property
    def error_msg(self) -> str | None:
        """APISIX's error text of a refused request (`error_msg`, else `message`)."""
        if self.status is None or self.status < 400 or not isinstance(self.answer, dict):
            return None
        text = self.answer.get("error_msg", self.answer.get("message"))
        return text if isinstance(text, str) else None

    @property
    def status_class(self) -> int | None:
        return None if self.status is None else self.status // 100


@dataclass
class Sequence:
    name: str
    steps: list[Step] = field(default_factory=list)


def _step(line: dict[str, Any]) -> Step:
    body = line.get("body")
    return Step(sequence=line["sequence"], step=line["step"], method=line["method"], path=line["path"],
                query=line.get("query"), body=NO_BODY if body is None else body,
                raw_body=line.get("raw_body"), auth=line.get("auth"), capture=line.get("capture"),
                status=line["expected_status"], answer=line.get("expected_body"))


def available() -> bool:
    return EXCHANGES.is_file()


def sequences(path: Path = EXCHANGES) -> list[Sequence]:
    """The sequences in file order, each with its steps in step order."""
    by_name: dict[str, Sequence] = {}
    for line in _lines(path):
        step = _step(line)
        by_name.setdefault(step.sequence, Sequence(step.sequence)).steps.append(step)
    for seq in by_name.values():
        seq.steps.sort(key=lambda s: s.step)
    return list(by_name.values())


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, text in enumerate(handle, 1):
            if text.strip():
                try:
                    yield json.loads(text)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{number}: not a JSON line ({exc.msg})") from None
