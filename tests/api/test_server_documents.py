"""Served documents: the routed spec, the plugin manifest within its limits, the logo, health and readiness."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

import yaml
from starlette.testclient import TestClient

from apisix_gpt.spec import load_spec
from tests.api.conftest import client_for, make_settings
from tests.helpers.procs import free_port
from tests.helpers.stack import Sandbox


def test_openapi_yaml_and_json_are_the_routed_spec(client: TestClient, sandbox: Sandbox,
                                                   tmp_path: Path) -> None:
    routed = load_spec(make_settings(sandbox, tmp_path))
    as_yaml = client.get("/openapi.yaml")
    assert as_yaml.headers["content-type"].startswith("application/yaml")
    assert yaml.safe_load(as_yaml.text) == routed
    assert client.get("/openapi.json").json() == routed
    assert routed["servers"] == [{"url": "http://apisix-gpt.test"}]


def test_profile_filtered_spec_is_what_is_served_and_routed(sandbox: Sandbox, tmp_path: Path) -> None:
    with client_for(make_settings(sandbox, tmp_path, read_only=True)) as client:
        served = yaml.safe_load(client.get("/openapi.yaml").text)
        writes = {(path, m) for path, item in served["paths"].items() for m in item
                  if m in ("put", "post", "patch", "delete") and "/schema/validate/" not in path}
        assert writes == set() and "/apisix/admin/routes/{route_id}" in served["paths"]
        assert client.put("/apisix/admin/routes/1", json={"uri": "/x"}).status_code in (404, 405)


def test_manifest_is_within_field_limits(client: TestClient) -> None:
    manifest = client.get("/.well-known/ai-plugin.json").json()
    assert len(manifest["name_for_human"]) <= 20
    assert re.fullmatch(r"[A-Za-z0-9_]{1,50}", manifest["name_for_model"])
    assert len(manifest["description_for_human"]) <= 100
    assert len(manifest["description_for_model"]) <= 8000
    assert manifest["auth"] == {"type": "user_http", "authorization_type": "bearer"}
    assert manifest["api"] == {"type": "openapi", "url": "http://apisix-gpt.test/openapi.yaml"}
    assert manifest["logo_url"] == "http://apisix-gpt.test/logo.png"
    assert "@" in manifest["contact_email"] and manifest["legal_info_url"].startswith("https://")


def test_logo_is_a_512_square_png(client: TestClient) -> None:
    answer = client.get("/logo.png")
    data = answer.content
    assert answer.headers["content-type"] == "image/png" and data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (512, 512)


def test_docs_serve_swagger_ui(client: TestClient) -> None:
    answer = client.get("/docs/")
    assert answer.status_code == 200 and "swagger" in answer.text.lower()


def test_documents_need_no_token(client: TestClient) -> None:
    anonymous = {"Authorization": ""}
    for path in ("/openapi.yaml", "/openapi.json", "/.well-known/ai-plugin.json", "/logo.png", "/healthz"):
        assert client.get(path, headers=anonymous).status_code == 200, path
    assert client.get("/apisix/admin/routes", headers=anonymous).status_code == 401


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}


def test_readiness_is_a_503_problem_without_the_admin_api(sandbox: Sandbox, tmp_path: Path) -> None:
    settings = make_settings(sandbox, tmp_path, admin_url=f"http://127.0.0.1:{free_port()}")
    with client_for(settings) as client:
        answer = client.get("/readyz")
        assert answer.status_code == 503 and answer.headers["content-type"] == "application/problem+json"
        assert json.loads(answer.text)["status"] == 503
        assert client.get("/healthz").status_code == 200
