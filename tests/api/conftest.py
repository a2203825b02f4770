"""In-process app (Connexion test client) wired to a real sandbox process."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any, Iterator

import pytest
from starlette.testclient import TestClient

from apisix_gpt.app import create_app
from config.settings import Settings
from tests.helpers.stack import Sandbox, start_sandbox

TOKEN = secrets.token_urlsafe(16)


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    running = start_sandbox(tmp_path_factory.mktemp("api-sandbox"))
    try:
        yield running
    finally:
        running.stop()


def make_settings(sandbox: Sandbox, tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = dict(admin_url=sandbox.admin_url, admin_key=sandbox.admin_key,
                                  tokens=f"editor:editor:{TOKEN}", profile="full",
                                  validate_responses=True, audit_log=tmp_path / "audit.jsonl",
                                  public_url="http://apisix-gpt.test", connect_timeout=1.0,
                                  read_timeout=3.0)
    return Settings(**{**values, **overrides})


def client_for(settings: Settings) -> TestClient:
    client = create_app(settings).test_client()
    client.headers["Authorization"] = f"Bearer {TOKEN}"
    return client


@pytest.fixture(scope="session")
def shared_client(sandbox: Sandbox, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with client_for(make_settings(sandbox, tmp_path_factory.mktemp("api"))) as test_client:
        yield test_client


@pytest.fixture()
def client(sandbox: Sandbox, shared_client: TestClient) -> TestClient:
    """Editor client (one app for the session) on a freshly reset sandbox."""
    sandbox.reset()
    return shared_client
