"""Each operation reaches the Admin API with its own method; APISIX's statuses and envelopes come back."""

from __future__ import annotations

from starlette.testclient import TestClient

UPSTREAM = {"type": "roundrobin", "nodes": {"127.0.0.1:1980": 1}}
ROUTES = "/apisix/admin/routes"


def test_put_creates_201_then_replaces_200(client: TestClient) -> None:
    first = client.put(f"{ROUTES}/r1", json={"uri": "/a", "upstream": UPSTREAM})
    second = client.put(f"{ROUTES}/r1", json={"uri": "/b", "upstream": UPSTREAM})
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.headers["content-type"] == "application/json"
    assert second.json()["key"] == "/apisix/routes/r1" and second.json()["value"]["uri"] == "/b"


def test_post_patch_sub_path_patch_and_delete(client: TestClient) -> None:
    created = client.post(ROUTES, json={"uri": "/a", "upstream": UPSTREAM})
    assert created.status_code == 201
    route_id = created.json()["value"]["id"]
    patched = client.patch(f"{ROUTES}/{route_id}", json={"desc": "patched"})
    assert patched.status_code == 200 and patched.json()["value"]["desc"] == "patched"
    nodes = client.patch(f"{ROUTES}/{route_id}/upstream/nodes", json={"127.0.0.1:1981": 2})
    assert nodes.status_code == 200 and nodes.json()["value"]["upstream"]["nodes"] == {"127.0.0.1:1981": 2}
    deleted = client.delete(f"{ROUTES}/{route_id}")
    assert deleted.status_code == 200 and deleted.json() == {"deleted": "1", "key": f"/apisix/routes/{route_id}"}
    assert client.get(f"{ROUTES}/{route_id}").status_code == 404


def test_get_one_envelope(client: TestClient) -> None:
    client.put("/apisix/admin/upstreams/u1", json=UPSTREAM)
    body = client.get("/apisix/admin/upstreams/u1").json()
    assert set(body) == {"key", "value", "createdIndex", "modifiedIndex"} and body["value"]["id"] == "u1"


def test_list_always_pages_and_normalizes_out_of_range(client: TestClient) -> None:
    for n in range(12):
        client.put(f"/apisix/admin/upstreams/u{n}", json=UPSTREAM)
    page = client.get("/apisix/admin/upstreams", params={"page_size": 10}).json()
    assert (page["total"], len(page["list"]), page["page"], page["next_page"]) == (12, 10, 1, 2)
    last = client.get("/apisix/admin/upstreams", params={"page": 2, "page_size": 10}).json()
    assert len(last["list"]) == 2 and last["next_page"] is None
    beyond = client.get("/apisix/admin/upstreams", params={"page": 9, "page_size": 10}).json()
    assert beyond["list"] == [] and beyond["total"] == 12
    default = client.get("/apisix/admin/upstreams").json()
    assert default["page_size"] == 20 and len(default["list"]) == 12


def test_validate_schema_answers_valid_true(client: TestClient) -> None:
    answer = client.post("/apisix/admin/schema/validate/routes", json={"uri": "/a", "upstream": UPSTREAM})
    assert answer.status_code == 200 and answer.json() == {"valid": True}


def test_plugins_list_is_an_array_of_names(client: TestClient) -> None:
    names = client.get("/apisix/admin/plugins/list").json()
    assert isinstance(names, list) and "key-auth" in names


def test_secrets_come_back_redacted(client: TestClient) -> None:
    put = client.put("/apisix/admin/consumers/jack", json={"username": "jack",
                                                             "plugins": {"key-auth": {"key": "auth-one"}}})
    assert put.status_code == 201
    got = client.get("/apisix/admin/consumers/jack").json()
    assert got["value"]["plugins"]["key-auth"]["key"] == "**REDACTED**"
