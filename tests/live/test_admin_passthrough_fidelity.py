"""One fidelity suite, two modes: APISIX 3.18's recorded Admin API exchanges, and the sandbox's own
fidelity cases from APISIX's `t/` suite, replayed straight to the sandbox and, side by side, through a
live apisix-gpt (gunicorn, profile `full`) in front of another sandbox. apisix-gpt must answer in
APISIX's status class and pass APISIX's refusal message on in its problem `detail`; every
disagreement is either listed, with its reason, in `passthrough_differences.yaml`, or fails the test.

Set `APISIX_GPT_PASSTHROUGH_REPORT=<file>` to write every disagreement (JSON) for triage.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterator

import pytest

from apisix_gpt.safety.redaction import redact
from tests.helpers import fidelity_cases, recorded
from tests.helpers.passthrough import (
    Outcome,
    describe,
    envelope_mismatches,
    figures,
    judge_sequence,
    load_allowed,
    stale,
    summary_key,
    unexplained,
    unused,
)
from tests.helpers.recorded import Sequence
from tests.helpers.replay import DirectTarget, ThroughTarget, replay
from tests.helpers.stack import start_sandbox, start_stack

ALLOWED = Path(__file__).with_name("passthrough_differences.yaml")
REPORT_ENV = "APISIX_GPT_PASSTHROUGH_REPORT"

pytestmark = pytest.mark.skipif(not recorded.available(),
                                reason=f"APISIX recordings not found at {recorded.EXCHANGES}")


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, list[Outcome]]]:
    """Every request judged, per source. The two modes replay at once, each against its own sandbox
    (the stores must not mix), every sequence from an empty store."""
    tmp = tmp_path_factory.mktemp("passthrough")
    sources = {"exchanges": recorded.sequences(), "fidelity-cases": fidelity_cases.sequences()}
    assert sources["fidelity-cases"], f"no APISIX t/ cases found in {fidelity_cases.modules()}"
    every = [seq for sequences in sources.values() for seq in sequences]
    stack = start_stack(tmp / "through")
    direct_sandbox = start_sandbox(tmp / "direct")
    try:
        through = ThroughTarget(stack.api_url, stack.token, stack.sandbox)
        with ThreadPoolExecutor(2) as pool:
            direct_run = pool.submit(replay, DirectTarget(direct_sandbox), every)
            through_run = pool.submit(replay, through, every)
            direct, through_answers = direct_run.result(), through_run.result()
    finally:
        direct_sandbox.stop()
        stack.stop()
    judged = {name: _judged(sequences, direct, through_answers) for name, sequences in sources.items()}
    _write_report([o for outcomes in judged.values() for o in outcomes])
    yield judged


def _judged(sequences: list[Sequence], direct: dict, through: dict) -> list[Outcome]:
    return [outcome for sequence in sequences
            for outcome in judge_sequence(sequence.steps, direct, through)]


@pytest.fixture(scope="module")
def outcomes(replayed: dict[str, list[Outcome]]) -> list[Outcome]:
    return [o for source in replayed.values() for o in source]


def _write_report(judged: list[Outcome]) -> None:
    target = os.environ.get(REPORT_ENV)
    if target:
        Path(target).write_text(json.dumps([describe(o) for o in judged if o.problems], indent=1))


def test_every_disagreement_is_a_listed_deliberate_difference(replayed: dict[str, list[Outcome]],
                                                             outcomes: list[Outcome]) -> None:
    allowed = load_allowed(ALLOWED)
    for source, judged in replayed.items():
        print(f"\n[{source}]\n" + "\n".join(figures(judged).lines()))
    left = unexplained(outcomes, allowed)
    groups = Counter(summary_key(o) for o in left)
    listing = "\n".join(f"  {n:4d} {cat:17s} {method:6s} {path}" for (cat, method, path), n
                        in groups.most_common())
    examples = "\n".join(json.dumps(describe(o))[:400] for o in left[:15])
    assert not left, (f"{len(left)} disagreements are not listed in {ALLOWED.name}:\n{listing}\n"
                      f"first ones:\n{examples}")
    outdated = stale(outcomes, allowed)
    if outdated:  # the sandbox and spec improve concurrently: report, do not fail
        print(f"{len(outdated)} listed steps now agree (or changed category); prune them: "
              + ", ".join(outdated[:30]))
    for entry in unused(outcomes, allowed):
        print(f"rule no longer needed ({entry.category}): {entry.reason[:80]}")


def test_apisix_gpt_never_accepts_what_its_admin_api_refused(outcomes: list[Outcome]) -> None:
    own = [o.step.id for o in outcomes if o.through.status_class == 2 and o.direct.status >= 400
           and o.category != "follows"]
    assert own == []


def test_apisix_refusals_are_never_accepted(outcomes: list[Outcome]) -> None:
    """Nothing APISIX refused is accepted, unless an earlier (listed) refusal left the stores apart:
    e.g. a route refused by the spec leaves a proto unreferenced, so deleting it succeeds."""
    accepted = [o for o in outcomes if o.through.status_class == 2 and (o.step.status or 0) >= 400]
    print(f"\naccepted by apisix-gpt, refused by APISIX: {len(accepted)} "
          f"({sum(o.category == 'follows' for o in accepted)} follow an earlier listed refusal)")
    assert [describe(o) for o in accepted if o.category != "follows"] == []


def test_success_envelopes_are_the_admin_api_answers_redacted(outcomes: list[Outcome]) -> None:
    """Where both answered 2xx with an object envelope, apisix-gpt's body is the sandbox's after
    redaction: nothing reshaped, nothing dropped, nothing added."""
    compared = [o for o in outcomes if o.direct.status_class == o.through.status_class == 2
                and isinstance(o.direct.body, dict) and {"key", "value"} <= o.direct.body.keys()]
    mismatches = envelope_mismatches(outcomes, redact)
    print(f"\nsuccess envelopes identical after redaction: {len(compared) - len(mismatches)}/{len(compared)}")
    assert compared and mismatches == []
