"""The hazard table: inputs that freeze or crash a real APISIX are refused, named and counted."""

from __future__ import annotations

import pytest

from sandbox.admin.hazards import HAZARDS, AdminCall, HazardLog
from tests.sandbox.admin_data import UPSTREAM

HAZARD_URL = "/__sandbox/hazards"


@pytest.fixture
def hazards(sandbox, admin):
    url = f"{sandbox.admin_url}{HAZARD_URL}"
    assert admin.delete(url).status_code == 200
    yield url
    admin.delete(url)


def _count(admin, url: str) -> int:
    return admin.get(url).json()["count"]


def _assert_hazard(resp, hazard_id: str) -> None:
    assert resp.status_code == 500, resp.text
    assert f"sandbox hazard [{hazard_id}]" in resp.json()["error_msg"]


@pytest.mark.parametrize("resource", ["routes", "services", "upstreams", "consumer_groups", "ssls"])
def test_list_page_overflow_is_refused_and_counted(admin, hazards, resource):
    resp = admin.get(f"/{resource}", params={"page": "1000000000000000", "page_size": "10"})
    _assert_hazard(resp, "list-page-overflow")
    assert _count(admin, hazards) == 1
    recent = admin.get(hazards).json()["recent"][-1]
    assert recent["hazard"] == "list-page-overflow" and recent["path"] == f"/apisix/admin/{resource}"


def test_list_page_below_the_double_limit_answers(admin, hazards):
    # 10^13 × 10 < 2^53: APISIX answers this one in milliseconds with an empty page.
    resp = admin.get("/routes", params={"page": "10000000000000", "page_size": "10"})
    assert resp.status_code == 200
    assert _count(admin, hazards) == 0


def test_page_without_page_size_is_not_paged_so_not_a_hazard(admin, hazards):
    assert admin.get("/routes", params={"page": "1e300"}).status_code == 200
    assert _count(admin, hazards) == 0


def test_bad_page_size_gets_apisix_400_first(admin, hazards):
    resp = admin.get("/routes", params={"page": "1e300", "page_size": "5"})
    assert resp.status_code == 400
    assert _count(admin, hazards) == 0


def test_upstream_node_that_is_not_an_object(admin, hazards):
    _assert_hazard(admin.put("/upstreams/u1", json={"type": "roundrobin", "nodes": [-52]}),
                   "upstream-node-not-object")
    assert admin.get("/upstreams/u1").status_code == 404  # nothing stored


def test_same_nodes_inline_in_a_route_get_a_schema_400(admin, hazards):
    resp = admin.put("/routes/1", json={"uri": "/a", "upstream": {"type": "roundrobin", "nodes": [-52]}})
    assert resp.status_code == 400
    assert _count(admin, hazards) == 0


def test_multi_auth_entry_that_is_not_an_object(admin, hazards):
    body = {"uri": "/a", "upstream": UPSTREAM,
            "plugins": {"multi-auth": {"auth_plugins": [{"basic-auth": {}}, "key-auth"]}}}
    _assert_hazard(admin.put("/routes/1", json=body), "multi-auth-entry-not-object")


def test_secret_put_without_id(admin, hazards):
    _assert_hazard(admin.put("/secrets/vault", json={"uri": "http://127.0.0.1:8200", "prefix": "kv/apisix",
                                                     "token": "root"}), "secret-put-without-id")
    assert _count(admin, hazards) == 1


def test_reset_keeps_the_count(sandbox, admin, hazards):
    admin.put("/secrets/vault", json={})
    sandbox.reset()
    assert _count(admin, hazards) == 1


def test_hazard_log_needs_the_admin_key(anon, hazards):
    assert anon.get(hazards).status_code == 401


def test_every_row_is_described_and_detects_its_own_example():
    examples = {
        "list-page-overflow": AdminCall("GET", "routes", None, "", {"page": "1e15", "page_size": "10"}, None),
        "upstream-node-not-object": AdminCall("POST", "upstreams", None, "", {}, {"nodes": [True]}),
        "multi-auth-entry-not-object": AdminCall(
            "PATCH", "services", "1", "plugins", {}, {"multi-auth": {"auth_plugins": [1, 2]}}),
        "secret-put-without-id": AdminCall("PUT", "secrets", "aws", "", {}, {}),
    }
    assert sorted(examples) == sorted(h.id for h in HAZARDS)
    log = HazardLog()
    for hazard_id, call in examples.items():
        found = log.check(call, "/x")
        assert found is not None and found.id == hazard_id
    table = log.as_dict()
    assert table["count"] == len(examples)
    assert all(row["input"] and row["effect"] and row["versions"] for row in table["hazards"])
