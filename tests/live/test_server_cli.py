"""The `apisix-gpt` entry point: gunicorn with the strict worker, JSON log lines, no secret in the logs."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest
import requests

from tests.helpers.procs import PYTHON, free_port, http_ok, start
from tests.helpers.stack import Stack

pytestmark = pytest.mark.live


def test_cli_serves_and_logs_json_without_secrets(stack: Stack, tmp_path: Path) -> None:
    port, token = free_port(), secrets.token_urlsafe(16)
    env = {"APISIX_GPT_PORT": str(port), "APISIX_GPT_WORKERS": "1",
           "APISIX_GPT_ADMIN_URL": stack.sandbox.admin_url, "APISIX_GPT_ADMIN_KEY": stack.sandbox.admin_key,
           "APISIX_GPT_TOKENS": f"ed:editor:{token}", "APISIX_GPT_AUDIT_LOG": str(tmp_path / "audit.jsonl"),
           "APISIX_GPT_LOG_LEVEL": "DEBUG"}
    url = f"http://127.0.0.1:{port}"
    proc = start([PYTHON, "-m", "apisix_gpt.cli"], tmp_path / "cli.log", env=env, ready=http_ok(url + "/readyz"))
    try:
        headers = {"Authorization": f"Bearer {token}"}
        assert requests.get(url + "/apisix/admin/routes/none", headers=headers, timeout=5).status_code == 404
        assert requests.get(url + "/apisix/admin/routes", headers={"Authorization": "Bearer wrong"},
                            timeout=5).status_code == 401
    finally:
        proc.stop()
    log = proc.log()
    assert stack.sandbox.admin_key not in log and token not in log
    lines = [line for line in log.splitlines() if line.strip()]
    assert lines and all(isinstance(json.loads(line), dict) for line in lines)
