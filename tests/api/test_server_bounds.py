"""Responses stay under the size limit: long values are cut with a marker, and the marker cannot be written back."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from starlette.testclient import TestClient

from tests.api.conftest import client_for, make_settings
from tests.helpers.stack import Sandbox

LIMIT = 4000
UPSTREAM = {"type": "roundrobin", "nodes": {"127.0.0.1:1980": 1}}


@pytest.fixture()
def small(sandbox: Sandbox, tmp_path: Path) -> Iterator[TestClient]:
    sandbox.reset()
    with client_for(make_settings(sandbox, tmp_path, max_response_chars=LIMIT)) as client:
        yield client


def test_long_value_is_truncated_and_cannot_be_written_back(small: TestClient) -> None:
    proto = "syntax = \"proto3\";\n" + "// padding\n" * 600 + "message A { string a = 1; }\n"
    put = small.put("/apisix/admin/protos/p1", json={"content": proto})
    assert put.status_code == 201 and len(put.text) <= LIMIT
    got = small.get("/apisix/admin/protos/p1")
    content = got.json()["value"]["content"]
    assert len(got.text) <= LIMIT and "…[truncated " in content
    again = small.put("/apisix/admin/protos/p1", json={"content": content})
    assert again.status_code == 400 and "truncated" in again.json()["detail"]


def test_big_page_omits_trailing_items_and_names_them(small: TestClient) -> None:
    for n in range(15):
        small.put(f"/apisix/admin/upstreams/u{n:02d}", json={**UPSTREAM, "desc": "d" * 200})
    page = small.get("/apisix/admin/upstreams", params={"page_size": 20})
    body = page.json()
    assert len(page.text) <= LIMIT and body["truncated"] is True
    kept = [item["key"] for item in body["list"]]
    assert len(kept) + len(body["omitted_keys"]) == 15 and not set(kept) & set(body["omitted_keys"])
