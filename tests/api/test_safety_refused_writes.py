"""Every refused write attempt leaves exactly one audit line: validation, role, profile, guard, APISIX."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import pytest
from starlette.testclient import TestClient

from apisix_gpt.app import create_app
from tests.api.conftest import TOKEN, make_settings

VIEWER = "viewer-secret-token-123"
ROUTE = {"uri": "/a", "upstream": {"type": "roundrobin", "nodes": {"127.0.0.1:9081": 1}}}


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


@pytest.fixture()
def audited(sandbox, tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    sandbox.reset()
    settings = make_settings(sandbox, tmp_path, tokens=f"editor:editor:{TOKEN},probe:viewer:{VIEWER}",
                             profile="routes-editor")
    with create_app(settings).test_client() as client:
        client.headers["Authorization"] = f"Bearer {TOKEN}"
        yield client, settings.audit_log


def test_a_write_refused_by_request_validation_is_audited(audited) -> None:
    client, log = audited
    answer = client.put("/apisix/admin/routes/r1", json={"uri": "/a", "methods": ["FETCH"],
                                                          "plugins": {"key-auth": {"key": "s3cret-value"}}})
    assert answer.status_code == 400
    [entry] = _lines(log)
    assert entry["refused_by"] == "validation" and entry["status"] == 400
    assert entry["principal"] == "editor" and entry["method"] == "PUT"
    assert entry["path"] == "/apisix/admin/routes/r1" and entry["operation_id"] == "putRoute"
    assert entry["error"] == answer.json()["detail"] and "methods" in entry["error"]
    assert "s3cret-value" not in json.dumps(entry)  # the body is recorded redacted
    assert entry["request"]["plugins"]["key-auth"]["key"] == "**REDACTED**"
    assert entry["undoable"] is False


def test_a_write_refused_by_role_is_audited_with_the_token_name(audited) -> None:
    client, log = audited
    answer = client.delete("/apisix/admin/routes/r1", headers={"Authorization": f"Bearer {VIEWER}"})
    assert answer.status_code == 403
    [entry] = _lines(log)
    assert entry["refused_by"] == "role" and entry["principal"] == "probe" and "viewer" in entry["error"]


def test_a_write_outside_the_profile_is_audited(audited) -> None:
    client, log = audited
    answer = client.put("/apisix/admin/ssls/s1", json={"cert": "x", "key": "y"})
    assert answer.status_code in (404, 405)
    [entry] = _lines(log)
    assert entry["refused_by"] == "profile" and entry["path"] == "/apisix/admin/ssls/s1"


def test_a_write_that_is_not_json_keeps_only_its_size(audited) -> None:
    client, log = audited
    answer = client.put("/apisix/admin/routes/r1", content=b"{not json",
                        headers={"Content-Type": "application/json"})
    assert answer.status_code == 400
    [entry] = _lines(log)
    assert entry["request"] is None and entry["request_bytes"] == 9


def test_a_write_refused_by_apisix_is_audited_once(audited) -> None:
    client, log = audited
    answer = client.put("/apisix/admin/routes/r1", json={**ROUTE, "upstream_id": "missing"})
    assert answer.status_code == 400
    [entry] = _lines(log)  # guarded_write's own line, not a second one from the refusal audit
    assert "refused_by" not in entry and entry["status"] == 400


def test_an_accepted_write_is_audited_once(audited) -> None:
    client, log = audited
    assert client.put("/apisix/admin/routes/r1", json=ROUTE).status_code in (200, 201)
    assert len(_lines(log)) == 1


def test_an_unauthenticated_write_is_not_written_to_the_trail(audited) -> None:
    client, log = audited
    answer = client.put("/apisix/admin/routes/r1", json=ROUTE, headers={"Authorization": "Bearer nope"})
    assert answer.status_code == 401
    assert _lines(log) == []  # anyone could flood the trail and rotate real entries away


def test_reads_are_not_audited(audited) -> None:
    client, log = audited
    assert client.get("/apisix/admin/routes", params={"page_size": 5}).status_code == 400
    assert _lines(log) == []
