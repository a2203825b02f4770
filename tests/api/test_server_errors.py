"""problem+json everywhere: one-line 400s naming the field, APISIX's text verbatim, 405 Allow, bad bytes."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from tests.api.conftest import client_for, make_settings
from tests.helpers.procs import free_port
from tests.helpers.stack import Sandbox

PROBLEM_KEYS = {"type", "title", "status", "detail"}


def assert_problem(answer, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    body = answer.json()
    assert PROBLEM_KEYS <= set(body) and body["status"] == status and "\n" not in body["detail"]
    assert "Traceback" not in answer.text
    return body


def test_misspelled_field_names_the_field(client: TestClient) -> None:
    body = assert_problem(client.put("/apisix/admin/routes/1", json={"uir": "/x"}), 400)
    assert body["detail"] == "body: additional property 'uir' is not allowed"


def test_bad_method_enum_names_the_item(client: TestClient) -> None:
    body = assert_problem(client.put("/apisix/admin/routes/1",
                                     json={"uri": "/x", "methods": ["GET", "FETCH"]}), 400)
    assert body["detail"].startswith("body.methods[1]: 'FETCH' is not one of ['GET', 'POST'")


def test_query_rule_is_one_line(client: TestClient) -> None:
    body = assert_problem(client.get("/apisix/admin/routes", params={"page_size": 5}), 400)
    assert body["detail"] == "query.page_size: 5 is less than the minimum of 10"


def test_apisix_error_msg_is_kept_verbatim(client: TestClient) -> None:
    answer = client.put("/apisix/admin/routes/1", json={"uri": "/x", "upstream_id": "missing"})
    body = assert_problem(answer, 400)
    assert body["detail"] == "failed to fetch upstream info by upstream id [missing], response code: 404"


def test_missing_key_is_a_404_problem(client: TestClient) -> None:
    assert assert_problem(client.get("/apisix/admin/routes/nope"), 404)["detail"] == "Key not found"


def test_405_allow_lists_every_documented_method(client: TestClient) -> None:
    answer = client.options("/apisix/admin/routes")
    assert_problem(answer, 405)
    assert answer.headers["allow"] == "GET, POST, PUT"  # PUT: APISIX's collection PUT, id in the body
    item = client.request("POST", "/apisix/admin/routes/1")
    assert_problem(item, 405)
    assert item.headers["allow"] == "DELETE, GET, PATCH, PUT"


def test_non_utf8_body_is_a_400(client: TestClient) -> None:
    answer = client.put("/apisix/admin/routes/1", content=b'{"uri": "\xff\xfe"}',
                        headers={"Content-Type": "application/json"})
    assert assert_problem(answer, 400)["detail"] == "Request body is not valid UTF-8"


def test_invalid_json_is_a_400(client: TestClient) -> None:
    answer = client.put("/apisix/admin/routes/1", content=b'{"uri": ',
                        headers={"Content-Type": "application/json"})
    assert assert_problem(answer, 400)["detail"].startswith("body: invalid JSON")


def test_unreachable_admin_api_is_a_502_saying_the_write_was_not_sent(sandbox: Sandbox,
                                                                      tmp_path: Path) -> None:
    settings = make_settings(sandbox, tmp_path, admin_url=f"http://127.0.0.1:{free_port()}")
    with client_for(settings) as client:
        body = assert_problem(client.put("/apisix/admin/upstreams/u1",
                                         json={"nodes": {"127.0.0.1:1": 1}}), 502)
        assert "cannot connect" in body["detail"] and "not sent" in body["detail"]
        assert sandbox.admin_key not in client.get("/apisix/admin/routes/1").text
