"""Redaction never touches schema documents: plugin schemas and `schema/...` come back intact,
while stored configuration holding the same names is still redacted."""

from __future__ import annotations

import time

import pytest
from starlette.testclient import TestClient

from apisix_gpt.safety.redaction import PLACEHOLDER
from config.settings import Settings
from tests.helpers.stack import Sandbox


def test_consumer_schema_of_basic_auth_is_intact(client: TestClient) -> None:
    answer = client.get("/apisix/admin/plugins/basic-auth", params={"schema_type": "consumer"})
    assert answer.status_code == 200, answer.text
    assert PLACEHOLDER not in answer.text
    assert answer.json()["properties"]["password"]["type"] == "string"


def test_plugin_schemas_with_secret_names_are_intact(client: TestClient) -> None:
    for plugin, field in [("key-auth", "key"), ("jwt-auth", "secret"), ("hmac-auth", "secret_key")]:
        answer = client.get(f"/apisix/admin/plugins/{plugin}", params={"schema_type": "consumer"})
        assert answer.status_code == 200, answer.text
        assert PLACEHOLDER not in answer.text, plugin
        assert isinstance(answer.json()["properties"][field], dict), plugin


@pytest.mark.parametrize("path, query", [
    ("/apisix/admin/schema/ssl", {}),
    ("/apisix/admin/schema/upstream", {}),
    ("/apisix/admin/plugins/basic-auth", {"schema_type": "consumer"}),
    ("/apisix/admin/plugins/key-auth", {}),
])
def test_schema_document_equals_the_admin_api_answer(client: TestClient, sandbox: Sandbox,
                                                     path: str, query: dict[str, str]) -> None:
    through = client.get(path, params=query)
    direct = sandbox.admin().get(sandbox.admin_url + path, params=query, timeout=5)
    assert through.status_code == direct.status_code == 200, through.text
    assert through.json() == direct.json()


def test_stored_consumer_password_is_still_redacted(client: TestClient) -> None:
    body = {"username": "jack", "plugins": {"basic-auth": {"username": "jack", "password": "s3cret-pw"}}}
    assert client.put("/apisix/admin/consumers/jack", json=body).status_code in (200, 201)
    stored = client.get("/apisix/admin/consumers/jack")
    assert "s3cret-pw" not in stored.text
    assert stored.json()["value"]["plugins"]["basic-auth"]["password"] == PLACEHOLDER


def test_plugin_catalogue_over_the_bound_omits_whole_plugins(client: TestClient, sandbox: Sandbox) -> None:
    """`plugins?all=true` (APISIX 3.18: ~250,000 characters) is bounded by leaving out whole plugins,
    named in `omitted_keys`; the plugins kept are exactly APISIX's, with no schema cut inside."""
    direct = sandbox.admin().get(f"{sandbox.admin_url}/apisix/admin/plugins", params={"all": "true"},
                                 timeout=10).json()
    started = time.monotonic()
    answer = client.get("/apisix/admin/plugins", params={"all": "true"})
    elapsed = time.monotonic() - started
    assert answer.status_code == 200, answer.text
    assert len(answer.text) <= Settings().max_response_chars
    assert elapsed < 5, f"bounding the catalogue took {elapsed:.1f} s"
    body = answer.json()
    assert body.pop("truncated") is True
    omitted = body.pop("omitted_keys")
    assert omitted and list(body) + omitted == list(direct)
    assert body == {name: direct[name] for name in body}
    assert "…[truncated" not in answer.text and PLACEHOLDER not in answer.text
