"""Unknown query parameters are ignored (as APISIX ignores them) and never forwarded; declared ones
are still validated."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from apisix_gpt.admin_client import AdminClient

UPSTREAM = {"type": "roundrobin", "nodes": {"127.0.0.1:1980": 1}}


@pytest.fixture()
def forwarded(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, dict[str, str]]]:
    """(method, path, query) of every Admin API call the app makes during the test."""
    calls: list[tuple[str, str, dict[str, str]]] = []
    original = AdminClient.request

    async def recording(self: AdminClient, method: str, path: str, *args: Any, **kwargs: Any) -> Any:
        calls.append((method, path, dict(kwargs.get("params") or {})))
        return await original(self, method, path, *args, **kwargs)
    monkeypatch.setattr(AdminClient, "request", recording)
    return calls


def test_unknown_query_parameter_on_a_list_is_ignored(client: TestClient, forwarded: list) -> None:
    answer = client.get("/apisix/admin/routes", params={"foo": "1", "page_size": 10})
    assert answer.status_code == 200, answer.text
    assert forwarded == [("GET", "/apisix/admin/routes", {"page": "1", "page_size": "10"})]


def test_unknown_query_parameter_on_a_write_is_not_forwarded(client: TestClient,
                                                             forwarded: list) -> None:
    answer = client.put("/apisix/admin/upstreams/u1", params={"dry_run": "yes"}, json=UPSTREAM)
    assert answer.status_code == 201, answer.text
    writes = [call for call in forwarded if call[0] == "PUT"]
    assert writes == [("PUT", "/apisix/admin/upstreams/u1", {})]


def test_declared_query_parameter_is_still_validated(client: TestClient, forwarded: list) -> None:
    answer = client.get("/apisix/admin/routes", params={"page_size": "many", "foo": "1"})
    assert answer.status_code == 400
    assert "page_size" in answer.json()["detail"]
    assert forwarded == []
