"""Replay of APISIX 3.18's recorded Admin API answers against the sandbox (one process, one reset per
sequence). Every difference must be in `replay_allowlist.yaml` with its reason; an allow-listed
exchange that now matches fails too, so the list stays honest."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.helpers.procs import PLUGIN_CATALOGUE
from tests.sandbox.admin.exchange_replay import EXCHANGES, Outcome, Replayer, load

ALLOWLIST = Path(__file__).with_name("replay_allowlist.yaml")

pytestmark = pytest.mark.skipif(not (EXCHANGES.is_file() and PLUGIN_CATALOGUE.is_file()),
                                reason="no recorded APISIX 3.18 answers beside the repo")


def _describe(o: Outcome) -> str:
    return (f"{o.id} {o.method} {o.path}: APISIX {o.expected_status} {o.expected_body!r:.300}"
            f" / sandbox {o.status} {o.body!r:.300}")


def test_sandbox_answers_the_recorded_exchanges(sandbox, capsys) -> None:
    allowed: dict[str, str] = yaml.safe_load(ALLOWLIST.read_text()) or {}
    assert all(isinstance(reason, str) and reason.strip() for reason in allowed.values())
    replayer = Replayer(sandbox.admin_url, sandbox.admin_key)
    try:
        outcomes = [o for sequence in load() for o in replayer.run(sequence)]
    finally:
        replayer.reset()
    total = len(outcomes)
    statuses = sum(o.same_status for o in outcomes)
    exact = sum(o.same for o in outcomes)
    with capsys.disabled():
        print(f"\nrecorded exchanges: {total}; same status {statuses} ({100 * statuses / total:.2f}%), "
              f"same status and body {exact} ({100 * exact / total:.2f}%), allow-listed {len(allowed)}")
    differing = {o.id: o for o in outcomes if not o.same}
    unlisted = [_describe(o) for key, o in differing.items() if key not in allowed]
    now_matching = sorted(set(allowed) - set(differing))
    assert not unlisted, "differences not in replay_allowlist.yaml:\n" + "\n".join(unlisted)
    assert not now_matching, f"allow-listed exchanges that now match (remove them): {now_matching}"
    assert exact / total >= 0.99
