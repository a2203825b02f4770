"""In-process: no debug mode (an unexpected failure is a plain 500 problem
that leaks nothing), and the literal placeholder is never written to APISIX."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
import requests
from starlette.testclient import TestClient

from apisix_gpt.admin_client import AdminClient
from apisix_gpt.app import create_app
from apisix_gpt.safety.redaction import PLACEHOLDER
from tests.api.conftest import TOKEN, make_settings
from tests.helpers.stack import Sandbox

INTERNAL = "internal-state-7d1e at /srv/apisix_gpt/secret_path.py"


@pytest.fixture()
def failing_client(sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    async def explode(self: AdminClient, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(INTERNAL)
    monkeypatch.setattr(AdminClient, "request", explode)
    app = create_app(make_settings(sandbox, tmp_path))
    client = TestClient(app, raise_server_exceptions=False)
    client.headers["Authorization"] = f"Bearer {TOKEN}"
    return client


def test_an_unexpected_failure_is_a_generic_500_problem_without_internals(
        failing_client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with failing_client, caplog.at_level(logging.ERROR):
        answer = failing_client.get("/apisix/admin/routes/1")
    assert answer.status_code == 500
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["status"] == 500 and answer.json()["title"] == "Internal Server Error"
    assert INTERNAL not in answer.text and "Traceback" not in answer.text and "RuntimeError" not in answer.text
    assert INTERNAL in caplog.text  # logged for the operator, not returned to the model


def test_the_placeholder_is_never_written_to_apisix(client: TestClient, sandbox: Sandbox) -> None:
    admin = sandbox.admin()
    base = f"{sandbox.admin_url}/apisix/admin"
    stored = {"username": "jack", "plugins": {"key-auth": {"key": "jack-key-31"}}}
    assert admin.put(f"{base}/consumers", json=stored, timeout=5).status_code == 201
    for method, path, body in [
            ("PUT", "/apisix/admin/consumers/jack", {"username": "jack", "plugins": {"key-auth": {"key": PLACEHOLDER}}}),
            ("PUT", "/apisix/admin/consumers/jack/credentials/c1", {"plugins": {"key-auth": {"key": PLACEHOLDER}}}),
            ("PUT", "/apisix/admin/routes/1", {"uri": "/x", "upstream": {"nodes": {"127.0.0.1:1": 1}},
                                               "plugins": {"key-auth": {}}, "desc": PLACEHOLDER})]:
        client.request(method, path, json=body)
    dump = [admin.get(f"{base}/{name}", timeout=5).text
            for name in ("consumers", "routes", "consumers/jack/credentials/c1")]
    assert all(PLACEHOLDER not in text for text in dump), dump
    assert requests.get(f"{base}/consumers/jack", headers={"X-API-KEY": sandbox.admin_key},
                        timeout=5).json()["value"]["plugins"]["key-auth"]["key"] == "jack-key-31"
