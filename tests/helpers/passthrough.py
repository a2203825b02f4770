"""Compare apisix-gpt's answers with the sandbox's direct answers and with APISIX's recorded ones.

For each recorded request: the status class (2xx/4xx/5xx) through apisix-gpt must equal APISIX's and
the sandbox's, and for a refused request APISIX's `error_msg` must reach apisix-gpt's problem `detail`.
Each disagreement gets one category saying whose behaviour it is:

- `auth`: a mapped `auth: none/wrong` request (APISIX's key is not apisix-gpt's bearer; only the
  status class is compared);
- `missing-endpoint`: apisix-gpt's router has no such path or method (its own 404/405);
- `spec-over-strict`: apisix-gpt refused, itself, what APISIX or the sandbox accepted;
- `own-message`: APISIX and the sandbox refuse too, but apisix-gpt refused first in its own words, so
  APISIX's message does not reach `detail`;
- `follows`: an earlier write of the sequence already went differently through apisix-gpt than
  directly, so the two stores differ and this answer follows from that earlier disagreement;
- `sandbox`: apisix-gpt relayed the sandbox faithfully; the sandbox's own answer differs from APISIX's;
- `server`: anything else apisix-gpt did (a reply reshaped, a status changed, a message lost).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from tests.helpers.recorded import Step
from tests.helpers.replay import Answer

CATEGORIES = ("auth", "missing-endpoint", "spec-over-strict", "own-message", "follows", "sandbox", "server")
WRITES = frozenset({"PUT", "POST", "PATCH", "DELETE"})
ROUTER_DETAILS = {"Not Found", "Method Not Allowed"}  # Connexion's own 404/405, not APISIX's
# How apisix-gpt words a refusal of its own (request validation, routing); APISIX never does.
OWN_WORDS = re.compile(r"^(?:(?:body|path|query)\b|Not Found$|Method Not Allowed$|RequestBody is required$)")


def _norm(text: str) -> str:
    return " ".join(text.split())


def reaches(message: str | None, detail: str | None) -> bool:
    """Whether `message` arrived in `detail` (whitespace folded; a clipped detail may end in `…`)."""
    if message is None:
        return True
    if detail is None:
        return False
    message, detail = _norm(message), _norm(detail)
    if message in detail:
        return True
    return detail.endswith("…") and message.startswith(detail[:-1]) and len(detail) > 100


def sandbox_message(answer: Answer) -> str | None:
    return answer.text("error_msg", "message") if answer.status >= 400 else None


@dataclass
class Outcome:
    """One request's three answers and what disagrees."""

    step: Step
    direct: Answer
    through: Answer
    problems: list[str] = field(default_factory=list)
    category: str | None = None

    @property
    def detail(self) -> str | None:
        return self.through.text("detail")

    def relayed(self) -> bool:
        """apisix-gpt passed the sandbox's answer on (same class; a refusal with the sandbox's words)."""
        if self.through.status_class != self.direct.status_class:
            return False
        if self.through.status < 400 or self.direct.status >= 500:
            return True
        return reaches(sandbox_message(self.direct), self.detail)


def judge_sequence(steps: Iterable[Step], direct: dict[str, Answer],
                   through: dict[str, Answer]) -> list[Outcome]:
    """Judge a sequence's steps in order, noting when the two stores stop holding the same thing."""
    outcomes, diverged = [], False
    for step in steps:
        outcome = judge(step, direct[step.id], through[step.id], diverged)
        outcomes.append(outcome)
        if step.method in WRITES and outcome.direct.status_class != outcome.through.status_class:
            diverged = True
    return outcomes


def judge(step: Step, direct: Answer, through: Answer, diverged: bool = False) -> Outcome:
    outcome = Outcome(step, direct, through)
    if step.status is not None and through.status_class != step.status_class:
        outcome.problems.append(f"class {through.status} vs APISIX {step.status}")
    if through.status_class != direct.status_class:
        outcome.problems.append(f"class {through.status} vs sandbox {direct.status}")
    mapped_auth = step.auth is not None
    if (not mapped_auth and step.status_class == 4 and through.status_class == 4
            and not reaches(step.error_msg, outcome.detail)):
        outcome.problems.append("APISIX's error_msg not in detail")
    if outcome.problems:
        outcome.category = _category(outcome, diverged)
    return outcome


def _category(outcome: Outcome, diverged: bool) -> str:
    step, direct, through = outcome.step, outcome.direct, outcome.through
    if step.auth is not None:
        return "auth"
    # Once the stores differ, a refusal in APISIX's words came from the sandbox, not from apisix-gpt.
    own_refusal = (through.status_class == 4 and not outcome.relayed()
                   and (not diverged or OWN_WORDS.match(outcome.detail or "") is not None))
    if own_refusal and through.status in (404, 405) and outcome.detail in ROUTER_DETAILS:
        # the router's own 404/405: a missing endpoint, unless the sandbox refuses the same way
        return "own-message" if direct.status == through.status else "missing-endpoint"
    if own_refusal:
        accepted = direct.status_class == 2 or step.status_class == 2
        return "spec-over-strict" if accepted else "own-message"
    if diverged:
        return "follows"
    if outcome.relayed():
        return "sandbox"
    return "server"


@dataclass(frozen=True)
class Allowed:
    """A deliberate difference, for a reason: disagreements of `category` that are one of `steps`
    (`sequence/step` ids), or whose request (`METHOD /path`) and apisix-gpt `detail` match the given
    regexes. Rules name a behaviour of apisix-gpt; step lists name cases that await a fix elsewhere."""

    category: str
    reason: str
    steps: frozenset[str] = frozenset()
    request: re.Pattern[str] | None = None
    detail: re.Pattern[str] | None = None

    def covers(self, outcome: Outcome) -> bool:
        if outcome.category != self.category:
            return False
        if self.steps:
            return outcome.step.id in self.steps
        request = f"{outcome.step.method} {outcome.step.path}"
        return ((self.request is None or self.request.search(request) is not None)
                and (self.detail is None or self.detail.search(outcome.detail or "") is not None))


def load_allowed(path: Path) -> list[Allowed]:
    """The allow-list file: a YAML list of {category, reason, and `steps` or `request`/`detail` regexes}."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    allowed = []
    for number, entry in enumerate(entries):
        where = f"{path.name} entry {number}"
        if not isinstance(entry, dict) or entry.get("category") not in CATEGORIES:
            raise ValueError(f"{where}: category must be one of {CATEGORIES}")
        reason = entry.get("reason")
        if not isinstance(reason, str) or len(reason.strip()) < 20:
            raise ValueError(f"{where}: give a reason (a sentence)")
        steps = frozenset(entry.get("steps") or ())
        if steps and ("request" in entry or "detail" in entry):
            raise ValueError(f"{where}: list steps, or match request/detail, not both")
        try:
            request, detail = (re.compile(entry[k]) if entry.get(k) else None for k in ("request", "detail"))
        except re.error as exc:
            raise ValueError(f"{where}: bad regex ({exc})") from None
        allowed.append(Allowed(entry["category"], " ".join(reason.split()), steps, request, detail))
    return allowed


def unexplained(outcomes: Iterable[Outcome], allowed: list[Allowed]) -> list[Outcome]:
    """Disagreements no entry covers."""
    return [o for o in outcomes if o.problems and not any(entry.covers(o) for entry in allowed)]


def stale(outcomes: Iterable[Outcome], allowed: list[Allowed]) -> list[str]:
    """Listed steps that no longer disagree in the listed category (fixed, or now another cause)."""
    actual = {(o.step.id, o.category) for o in outcomes if o.problems}
    return sorted(step for entry in allowed for step in entry.steps if (step, entry.category) not in actual)


def unused(outcomes: list[Outcome], allowed: list[Allowed]) -> list[Allowed]:
    """Rule entries (no step list) that cover no disagreement any more."""
    return [entry for entry in allowed if not entry.steps
            and not any(o.problems and entry.covers(o) for o in outcomes)]


@dataclass(frozen=True)
class Figures:
    compared: int            # requests whose APISIX status is known
    agree_apisix: int        # same status class as APISIX
    agree_sandbox: int       # same status class as the sandbox directly
    messages: int            # APISIX refusals (4xx) where apisix-gpt refused too
    messages_reached: int    # ... and APISIX's error_msg reached `detail`
    accepted_refused: int    # apisix-gpt 2xx where APISIX refused
    refused_accepted: int    # apisix-gpt refused where APISIX answered 2xx
    by_category: dict[str, int]

    def lines(self) -> list[str]:
        def pct(part: int, whole: int) -> str:
            return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "0/0"
        return [f"requests compared: {self.compared}",
                f"status class agrees with APISIX: {pct(self.agree_apisix, self.compared)}",
                f"status class agrees with the sandbox directly: {pct(self.agree_sandbox, self.compared)}",
                f"APISIX's error_msg reached detail: {pct(self.messages_reached, self.messages)}",
                f"accepted by apisix-gpt, refused by APISIX: {self.accepted_refused}",
                f"refused by apisix-gpt, accepted by APISIX: {self.refused_accepted}",
                "disagreements by category: " + ", ".join(f"{k} {v}" for k, v in self.by_category.items())]


def figures(outcomes: list[Outcome]) -> Figures:
    known = [o for o in outcomes if o.step.status is not None]
    refused = [o for o in known if o.step.status_class == 4 and o.through.status_class == 4
               and o.step.auth is None and o.step.error_msg is not None]
    return Figures(
        compared=len(known),
        agree_apisix=sum(o.through.status_class == o.step.status_class for o in known),
        agree_sandbox=sum(o.through.status_class == o.direct.status_class for o in known),
        messages=len(refused),
        messages_reached=sum(reaches(o.step.error_msg, o.detail) for o in refused),
        accepted_refused=sum(o.through.status_class == 2 and o.step.status >= 400 for o in known),
        refused_accepted=sum(o.through.status >= 400 and o.step.status_class == 2 for o in known),
        by_category=dict(Counter(o.category for o in outcomes if o.category).most_common()))


def summary_key(outcome: Outcome) -> tuple[str, str, str]:
    """Group key for reports: category, method and the path's resource (and sub-resource) names."""
    parts = [p for p in outcome.step.path.split("?")[0].split("/") if p]
    shape = "/".join(parts[:1] + (["{id}"] if len(parts) > 1 else []) + (["…"] if len(parts) > 2 else []))
    return (outcome.category or "", outcome.step.method, "/" + shape)


def describe(outcome: Outcome) -> dict[str, Any]:
    """One disagreement, for a report or an allow-list draft."""
    step = outcome.step
    return {"step": step.id, "category": outcome.category, "request": f"{step.method} {step.path}",
            "query": step.query, "apisix": step.status, "sandbox": outcome.direct.status,
            "apisix-gpt": outcome.through.status, "problems": outcome.problems,
            "apisix_msg": step.error_msg, "sandbox_msg": sandbox_message(outcome.direct),
            "detail": outcome.detail}


VOLATILE = frozenset({"create_time", "update_time", "createdIndex", "modifiedIndex"})


def _generated_ids(outcomes: list[Outcome], side: str) -> dict[str, str]:
    """{id a POST generated: `<gen-N>`} in order of appearance, for one target of one sequence."""
    ids: dict[str, str] = {}
    for outcome in outcomes:
        answer: Answer = getattr(outcome, side)
        value = answer.body.get("value") if isinstance(answer.body, dict) else None
        if outcome.step.method == "POST" and answer.status_class == 2 and isinstance(value, dict):
            generated = value.get("id")
            if isinstance(generated, str) and generated not in ids:
                ids[generated] = f"<gen-{len(ids)}>"
    return ids


def _normalised(node: Any, ids: dict[str, str]) -> Any:
    """`node` without volatile fields, generated ids (whole strings or a key's last segment) named."""
    if isinstance(node, dict):
        return {k: _normalised(v, ids) for k, v in node.items() if k not in VOLATILE}
    if isinstance(node, list):
        return [_normalised(v, ids) for v in node]
    if isinstance(node, str):
        head, _, last = node.rpartition("/")
        if last in ids:
            return f"{head}/{ids[last]}" if head or node.startswith("/") else ids[last]
    return node


def envelope_mismatches(outcomes: list[Outcome], redact: Any) -> list[str]:
    """Success envelopes (`{key, value}`) where apisix-gpt's body is not the sandbox's, redacted.

    Both targets answered 2xx; ids generated by a POST are compared by order of appearance (each
    target generates its own), and create/update times and etcd indexes are dropped."""
    problems: list[str] = []
    by_sequence: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        by_sequence.setdefault(outcome.step.sequence, []).append(outcome)
    for sequence in by_sequence.values():
        direct_ids, through_ids = _generated_ids(sequence, "direct"), _generated_ids(sequence, "through")
        for o in sequence:
            body = o.direct.body
            if not (o.direct.status_class == o.through.status_class == 2 and isinstance(body, dict)
                    and {"key", "value"} <= body.keys()):
                continue
            expected = _normalised(redact(body), direct_ids)
            actual = _normalised(o.through.body, through_ids)
            if expected != actual:
                problems.append(f"{o.step.id} {o.step.method} {o.step.path}: "
                                f"sandbox {json.dumps(expected)[:200]} | apisix-gpt {json.dumps(actual)[:200]}")
    return problems
