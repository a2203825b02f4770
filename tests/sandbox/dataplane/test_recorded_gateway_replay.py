"""The sandbox gateway answers APISIX 3.18's recorded gateway scenarios (`dataplane.jsonl`) alike.

Every request is compared in route, status, what the upstream saw, response headers and the bodies
of answers that did not reach the upstream. Remaining differences are listed, with a reason each, in
`replay_allowlist.json`; any other difference fails, and so does an allow-list entry that no longer
differs (so the list only ever holds real differences).
"""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Iterator

import pytest

from tests.helpers.procs import PYTHON, Proc, free_port, http_ok, start
from tests.sandbox.dataplane import replay
from tests.sandbox.dataplane.echo_upstream import EchoServers, busy_ports

ADMIN_KEY = "edd1c9f034335f136f87ad84b625c8f1"
ECHO_PORTS = [18911, 18912]
DEAD_PORT = 18919
ALLOWLIST = Path(__file__).with_name("replay_allowlist.json")
TARGET_EXACT_PCT = 97.0


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    if not replay.RECORDING.exists():
        pytest.skip(f"recording not found at {replay.RECORDING}")
    busy = busy_ports(ECHO_PORTS)
    if busy or _listening(DEAD_PORT):
        pytest.skip(f"fixed echo ports busy {busy} or dead port {DEAD_PORT} listening")
    echo = EchoServers(ECHO_PORTS)
    ports = [free_port() for _ in range(3)]
    admin_url = f"http://127.0.0.1:{ports[0]}"
    catalogue = replay.RECORDING.parent / "plugins.json"
    proc: Proc = start(
        [PYTHON, "-m", "sandbox", "--admin-port", str(ports[0]), "--gateway-port", str(ports[1]),
         "--demo-port", str(ports[2]), "--admin-key", ADMIN_KEY],
        tmp_path_factory.mktemp("replay") / "sandbox.log",
        env={"SANDBOX_PLUGIN_CATALOGUE": str(catalogue), "SANDBOX_VIEWER_KEY": "",
             "SANDBOX_STREAM": "", "SANDBOX_STATE_FILE": ""},
        ready=http_ok(f"{admin_url}/apisix/admin", method="HEAD"), timeout=60)  # slow CI hosts
    try:
        yield admin_url, ports[1]
    finally:
        proc.stop()
        echo.close()


def _allowlist() -> dict[str, tuple[set[str], str]]:
    """request key (`scenario#index`) -> (fields allowed to differ, reason)."""
    out: dict[str, tuple[set[str], str]] = {}
    for entry in json.loads(ALLOWLIST.read_text())["entries"]:
        assert entry.get("reason"), f"allow-list entry without a reason: {entry}"
        for key in entry["requests"]:
            out[key] = (set(entry["fields"]), entry["reason"])
    return out


def test_recorded_gateway_scenarios(gateway: tuple[str, int]) -> None:
    admin_url, gw_port = gateway
    outcomes: list[replay.Outcome] = []
    for scenario in replay.load():
        outcomes += replay.run_scenario(scenario, admin_url, ADMIN_KEY, gw_port).outcomes
    figures = replay.figures(outcomes)
    print("\nrecorded gateway replay: {requests} requests, same route {same_route_pct:.1f}%, "
          "same status {same_status_pct:.1f}%, same everything {same_everything_pct:.2f}% "
          "({exact}/{requests})"
          .format(**figures))
    allowed = _allowlist()
    unexpected = [f"{o.key} {sorted(set(o.fields) - allowed.get(o.key, (set(), ''))[0])}"
                  for o in outcomes if set(o.fields) - allowed.get(o.key, (set(), ""))[0]]
    stale = sorted(set(allowed) - {o.key for o in outcomes if o.fields})
    assert not unexpected, f"{len(unexpected)} unexpected differences:\n" + "\n".join(unexpected)
    assert not stale, f"allow-listed requests that now match; drop them: {stale}"
    assert figures["same_everything_pct"] >= TARGET_EXACT_PCT
