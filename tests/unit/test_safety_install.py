"""install(): startup refusals, then the middleware chain on a small Connexion app (in process)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import connexion
import pytest
from connexion.resolver import Resolver

from apisix_gpt.safety import install, is_loopback
from apisix_gpt.safety.errors import SafetyConfigError
from apisix_gpt.safety.principal import current_principal
from config.settings import Settings

EDITOR, VIEWER = "editor-secret-0123456789", "viewer-secret-0123456789"
TOKENS = f"ed:editor:{EDITOR},vi:viewer:{VIEWER}"


def who() -> tuple[dict, int, dict]:
    principal = current_principal()
    return {"name": principal.name if principal else None}, 200, {"Content-Type": "application/json"}


def echo(body: Any) -> tuple[dict, int, dict]:
    return {"size": len(body.get("data", ""))}, 201, {"Content-Type": "application/json"}


def validate(resource: str, body: Any) -> tuple[dict, int, dict]:
    return {"valid": True, "resource": resource}, 201, {"Content-Type": "application/json"}


def _op(op_id: str, with_body: bool = False) -> dict:
    op: dict = {"operationId": op_id, "responses": {"default": {"description": "any"}}}
    if with_body:
        op["requestBody"] = {"content": {"application/json": {"schema": {"type": "object"}}}}
    return op


SPEC = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {
    "/apisix/admin/routes": {"get": _op("who"), "post": _op("echo", True)},
    "/apisix/admin/schema/validate/{resource}": {"post": {**_op("validate", True), "parameters": [
        {"name": "resource", "in": "path", "required": True, "schema": {"type": "string"}}]}},
    "/healthz": {"get": _op("who")},
}}


def make_client(tmp_path: Path, **overrides: Any):
    settings = Settings(**{"tokens": TOKENS, "audit_log": tmp_path / "audit.jsonl", **overrides})
    app = connexion.AsyncApp(__name__)
    app.add_api(SPEC, resolver=Resolver(function_resolver=lambda name: globals()[name]))
    install(app, settings, SPEC)
    return app.test_client()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_refuses_to_start_without_tokens(tmp_path: Path) -> None:
    with pytest.raises(SafetyConfigError, match="no API token configured"):
        make_client(tmp_path, tokens="")
    with pytest.raises(SafetyConfigError, match="not a loopback address"):
        make_client(tmp_path, tokens="", insecure_no_auth=True, bind_host="0.0.0.0")


def test_insecure_no_auth_on_loopback_makes_everyone_an_anonymous_editor(tmp_path: Path) -> None:
    client = make_client(tmp_path, tokens="", insecure_no_auth=True, bind_host="127.0.0.1")
    assert client.get("/apisix/admin/routes").json() == {"name": "anonymous"}
    assert client.post("/apisix/admin/routes", json={}).status_code == 201


@pytest.mark.parametrize("host, expected", [("127.0.0.1", True), ("::1", True), ("[::1]", True),
                                            ("localhost", True), ("0.0.0.0", False), ("10.0.0.1", False),
                                            ("example.com", False)])
def test_is_loopback(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


@pytest.mark.parametrize("headers, detail", [
    ({}, "missing bearer token"), ({"Authorization": "Bearer wrong"}, "invalid bearer token"),
    ({"Authorization": f"Basic {EDITOR}"}, "missing bearer token"), ({"Authorization": "Bearer "}, "missing"),
])
def test_missing_or_wrong_token_is_401_problem(tmp_path: Path, headers: dict, detail: str) -> None:
    resp = make_client(tmp_path).get("/apisix/admin/routes", headers=headers)
    assert resp.status_code == 401
    assert resp.headers["content-type"] == "application/problem+json"
    assert resp.headers["www-authenticate"] == 'Bearer realm="apisix-gpt"'
    assert resp.json()["status"] == 401 and detail in resp.json()["detail"]
    assert EDITOR not in resp.text


def test_principal_reaches_the_handler_and_public_paths_stay_open(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    assert client.get("/apisix/admin/routes", headers=bearer(EDITOR)).json() == {"name": "ed"}
    assert client.get("/apisix/admin/routes", headers={"Authorization": f"bearer {VIEWER}"}).json() == {"name": "vi"}
    assert client.get("/healthz").json() == {"name": None}


def test_viewer_may_read_and_validate_but_not_write(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    client = make_client(tmp_path)
    caplog.set_level(logging.DEBUG)
    resp = client.post("/apisix/admin/routes", json={}, headers=bearer(VIEWER))
    assert resp.status_code == 403 and resp.headers["content-type"] == "application/problem+json"
    assert "role viewer" in resp.json()["detail"]
    assert client.post("/apisix/admin/schema/validate/routes", json={}, headers=bearer(VIEWER)).status_code == 201
    assert client.post("/apisix/admin/routes", json={}, headers=bearer(EDITOR)).status_code == 201
    assert VIEWER not in caplog.text and EDITOR not in caplog.text


def test_body_limit_is_413_problem(tmp_path: Path) -> None:
    client = make_client(tmp_path, max_body_bytes=1000)
    ok = client.post("/apisix/admin/routes", json={"data": "x" * 900}, headers=bearer(EDITOR))
    assert ok.status_code == 201 and ok.json() == {"size": 900}
    resp = client.post("/apisix/admin/routes", json={"data": "x" * 2000}, headers=bearer(EDITOR))
    assert resp.status_code == 413 and "greater than the maximum size 1000" in resp.json()["detail"]


def test_body_limit_without_content_length(tmp_path: Path) -> None:
    client = make_client(tmp_path, max_body_bytes=1000)
    chunks = (b"x" * 400 for _ in range(5))
    resp = client.post("/apisix/admin/routes", content=chunks,
                       headers={**bearer(EDITOR), "Content-Type": "application/json"})
    assert resp.status_code == 413


def test_cors_allows_only_configured_origins(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    preflight = {"Origin": "https://chatgpt.com", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization,content-type"}
    resp = client.options("/apisix/admin/routes", headers=preflight)
    assert resp.status_code == 200 and resp.headers["access-control-allow-origin"] == "https://chatgpt.com"
    evil = client.options("/apisix/admin/routes", headers={**preflight, "Origin": "https://evil.example"})
    assert evil.status_code == 400 and "access-control-allow-origin" not in evil.headers
    unauth = client.get("/apisix/admin/routes", headers={"Origin": "https://chatgpt.com"})
    assert unauth.status_code == 401 and unauth.headers["access-control-allow-origin"] == "https://chatgpt.com"


def test_rate_limit_is_per_token_with_retry_after(tmp_path: Path) -> None:
    client = make_client(tmp_path, rate_limit_per_minute=2)
    for _ in range(2):
        assert client.get("/apisix/admin/routes", headers=bearer(EDITOR)).status_code == 200
    resp = client.get("/apisix/admin/routes", headers=bearer(EDITOR))
    assert resp.status_code == 429 and 1 <= int(resp.headers["retry-after"]) <= 60
    assert resp.json()["title"] == "Too Many Requests"
    assert client.get("/apisix/admin/routes", headers=bearer(VIEWER)).status_code == 200
    assert client.get("/healthz").status_code == 200


def test_logs_profile_and_warns_above_30_operations(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    big = {"paths": {f"/p{i}": {"get": {"operationId": f"op{i}"}} for i in range(31)}}
    install(connexion.AsyncApp(__name__), Settings(tokens=TOKENS, audit_log=tmp_path / "a.jsonl"), big)
    assert "profile 'gpt', 31 operations" in caplog.text and "exceed GPT Actions' limit of 30" in caplog.text
    assert EDITOR not in caplog.text
