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
    finally:
        running.stop()


@pytest.fixture()
def api(stack: Stack) -> requests.Session:
    """A `requests.Session` with the editor's bearer token, on a freshly reset sandbox."""
    stack.reset()
    return bearer_session(stack.token)
