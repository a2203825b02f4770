"""Configured plugins the sandbox gateway does not run: traffic passes, the log says so once."""

from __future__ import annotations

import logging

import pytest

from sandbox.dataplane import plugins
from tests.sandbox.dataplane.conftest import Gateway


def test_unrun_plugin_passes_traffic_and_is_logged_once(gw: Gateway,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    plugins._reported.discard("prometheus")
    gw.route("p", "/p", {"prometheus": {}})
    with caplog.at_level(logging.WARNING, logger="sandbox.gateway"):
        assert [gw.send("GET", "/p").status for _ in range(3)] == [200, 200, 200]
    notes = [r.getMessage() for r in caplog.records if "prometheus" in r.getMessage()]
    assert notes == ["plugin prometheus is not run by the sandbox gateway; traffic passes through"]
