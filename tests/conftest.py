"""Shared fixtures: the live stack (sandbox + apisix-gpt under gunicorn) and bearer sessions."""

from __future__ import annotations

from typing import Iterator

import pytest
import requests

from tests.helpers.stack import Stack, bearer_session, start_stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """One sandbox + apisix-gpt (profile `full`) for the whole session; reset it in your test if needed."""
    running = start_stack(tmp_path_factory.mktemp("stack"), APISIX_GPT_PROFILE="full")
    try:
        yield running
        seen = forwarded_hazards(running)
    finally:
        running.stop()
    # Schemathesis and every live test on this stack: apisix-gpt must never forward what would freeze or
    # crash a real APISIX (the sandbox's hazard table counts it; see sandbox/admin/hazards.py).
    assert seen["count"] == 0, f"apisix-gpt forwarded APISIX hazards: {seen['recent']}"


def forwarded_hazards(stack: Stack) -> dict:
    """The sandbox's hazard log: how many requests it received that a real APISIX would choke on."""
    answer = stack.sandbox.admin().get(f"{stack.sandbox.admin_url}/__sandbox/hazards", timeout=5)
    answer.raise_for_status()
    return answer.json()


@pytest.fixture()
def api(stack: Stack) -> requests.Session:
    """A `requests.Session` with the editor's bearer token, on a freshly reset sandbox."""
    stack.reset()
    return bearer_session(stack.token)
