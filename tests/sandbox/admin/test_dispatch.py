"""Admin API dispatch: headers, CORS (init.lua's cors_admin), the HEAD route, admin keys and roles,
dispatch order, body parsing, ttl, and v3_adapter's list filters as APISIX's own cases state them."""

from __future__ import annotations

import time

import pytest
import requests

from tests.sandbox.admin_data import ROUTE, error, expect
from tests.sandbox.apisix_t_cases import Step, UPSTREAM, params, put, run_case
from tests.sandbox.conftest import Sandbox


def test_head_admin_needs_no_key(sandbox, anon):
    resp = requests.head(f"{sandbox.admin_url}/apisix/admin", timeout=5)
    assert resp.status_code == 200
    assert resp.headers["Server"] == "APISIX/3.18.0"


def test_json_headers_and_empty_list(admin):
    resp = admin.get("/routes")
    assert resp.text == '{"list":[],"total":0}\n'
    assert resp.headers["Server"] == "APISIX/3.18.0"
    assert resp.headers["X-API-VERSION"] == "v3"
    assert resp.headers["Access-Control-Allow-Origin"] == "*"
    assert resp.headers["Content-Type"] == "application/json"


def test_options_preflight(admin):
    resp = admin.options("/routes/1")
    assert resp.status_code == 200
    assert resp.headers["Access-Control-Allow-Origin"] == "*"


def test_missing_key(anon):
    resp = anon.get("/routes")
    expect(resp, 401, {"error_msg": "failed to check token", "description": "missing apikey"})
    assert "X-API-VERSION" not in resp.headers


def test_wrong_key(anon):
    resp = anon.get("/routes", headers={"X-API-KEY": "nope"})
    expect(resp, 401, {"error_msg": "failed to check token", "description": "wrong apikey"})


def test_viewer_can_get_but_not_write(viewer):
    expect(viewer.get("/routes"), 200, {"list": [], "total": 0})
    resp = viewer.put("/routes/1", json=ROUTE)
    expect(resp, 401, {"error_msg": "failed to check token",
                       "description": "invalid method for role viewer"})


def test_key_from_query_and_cookie(sandbox, anon):
    expect(anon.get(f"/routes?api_key={sandbox.admin_key}"), 200)
    expect(anon.get("/routes", cookies={"x_api_key": sandbox.admin_key}), 200)


def test_token_checked_before_resource_type(anon):
    expect(anon.get("/routs"), 401)


def test_unsupported_resource_type(admin):
    error(admin.get("/routs/1"), 404, "Unsupported resource type: routs")


def test_method_missing_in_module(admin):
    error(admin.put("/schema/route", json={}), 404, "not found")
    error(admin.delete("/plugins/key-auth"), 404, "not found")


def test_not_admin_path_is_nginx_404(sandbox, admin):
    resp = requests.get(f"{sandbox.admin_url}/nothing", timeout=5)
    assert resp.status_code == 404
    assert "404 Not Found" in resp.text


def test_method_not_supported_405(admin):
    error(admin.post("/consumers", json={"username": "a"}), 405, "not supported `POST` method for consumer")
    error(admin.post("/global_rules", json={}), 405, "not supported `POST` method for global rule")
    error(admin.post("/plugin_configs", json={}), 405, "not supported `POST` method for plugin config")
    error(admin.post("/consumer_groups", json={}), 405, "not supported `POST` method for consumer group")
    error(admin.patch("/consumers/jack", json={}), 405, "not supported `PATCH` method for consumer")
    error(admin.patch("/protos/1", json={}), 405, "not supported `PATCH` method for proto")
    error(admin.patch("/plugin_metadata/key-auth", json={}), 405,
          "not supported `PATCH` method for plugin_metadata")
    error(admin.post("/secrets", json={}), 405, "not supported `POST` method for secret")
    error(admin.patch("/consumers/jack/credentials/c1", json={}), 405,
          "not supported `PATCH` method for credential")


def test_invalid_json_body_cjson_messages(admin):
    cases = {
        "{a}": "Expected object key string but found invalid token at character 2",
        '{"uri":"/a",}': "Expected object key string but found T_OBJ_END at character 13",
        '{"uri" "/a"}': "Expected colon but found T_STRING at character 8",
        '{"uri":"/a"': "Expected comma or object end but found T_END at character 12",
        "[1 2]": "Expected comma or array end but found T_NUMBER at character 4",
        '{"a":1} x': "Expected the end but found invalid token at character 9",
    }
    for raw, message in cases.items():
        resp = admin.put("/routes/1", data=raw)
        expect(resp, 400, {"error_msg": f"invalid request body: {message}", "req_body": raw})


def test_missing_configurations(admin):
    error(admin.put("/routes/1"), 400, "missing configurations")
    error(admin.post("/routes"), 400, "missing configurations")


def test_body_size_limit(admin):
    big = '{"uri":"' + "a" * 1572864 + '"}'
    error(admin.put("/routes/1", data=big), 400,
          f"invalid request body: request size {len(big)} is greater than the maximum size 1572864 allowed")


def test_ttl_must_be_number(admin):
    error(admin.put("/routes/1?ttl=abc", json=ROUTE), 400, "invalid argument ttl: should be a number")


def test_ttl_creates_a_lease(admin):
    expect(admin.put("/routes/1?ttl=1", json=ROUTE), 201)
    expect(admin.get("/routes/1"), 200)
    time.sleep(1.2)
    expect(admin.get("/routes/1"), 404, {"message": "Key not found"})


def test_stream_routes_disabled(admin):
    for method in ("GET", "PUT", "POST", "DELETE"):
        resp = admin.request(method, "/stream_routes/1", json={"upstream_id": "1"})
        error(resp, 400, "stream mode is disabled, can not add stream routes")


CORS_METHODS = "POST, GET, PUT, OPTIONS, DELETE, PATCH"


def test_preflight_is_cors_admin_text_plain(box: Sandbox) -> None:
    """OPTIONS exits in cors_admin before add_content_type: text/plain, explicit method list."""
    resp = requests.options(f"{box.admin_url}/apisix/admin/routes", timeout=10)
    assert resp.status_code == 200 and resp.content == b""
    assert resp.headers["Content-Type"] == "text/plain"
    assert resp.headers["Access-Control-Allow-Methods"] == CORS_METHODS
    assert resp.headers["Access-Control-Allow-Credentials"] == "true"
    assert "X-API-VERSION" not in resp.headers


def test_plain_answer_has_cors_admin_headers(box: Sandbox) -> None:
    """Non-preflight answers carry Allow-Origin, Allow-Credentials, Expose-Headers, Max-Age only."""
    box.reset()
    resp = requests.get(f"{box.admin_url}/apisix/admin/routes", timeout=10)
    assert resp.status_code == 200
    assert resp.headers["Access-Control-Allow-Origin"] == "*"
    assert resp.headers["Access-Control-Allow-Credentials"] == "true"
    assert resp.headers["Access-Control-Expose-Headers"] == "*"
    assert resp.headers["Access-Control-Max-Age"] == "3600"
    assert "Access-Control-Allow-Methods" not in resp.headers
    assert resp.headers["Content-Type"] == "application/json"


def test_head_only_on_the_exact_admin_path(box: Sandbox) -> None:
    """The HEAD route is the exact path /apisix/admin; /apisix/admin/ falls to nginx's 404."""
    assert requests.head(f"{box.admin_url}/apisix/admin", timeout=10).status_code == 200
    assert requests.head(f"{box.admin_url}/apisix/admin/", timeout=10).status_code == 404


def _route(name: str | None) -> dict:
    body: dict = {"uri": "/r", "upstream": UPSTREAM}
    if name is not None:
        body["name"] = name
    return body


CASES: dict[str, list[Step]] = {
    # v3_adapter filter: ngx.re.find(value.name, ...) tostring()s a missing name into "nil".
    "name filter searches an unnamed route as nil": [
        put("/routes/1", _route(None), 201),
        put("/routes/2", _route("other"), 201),
        Step("GET", "/routes?name=^nil$", None, 200,
             {"total": 1, "list": [{"key": "/apisix/routes/1"}]}),
        Step("GET", "/routes?name=other", None, 200,
             {"total": 1, "list": [{"key": "/apisix/routes/2"}]}),
    ],
    "name filter on a named route does not see nil": [
        put("/routes/1", _route("abc"), 201),
        Step("GET", "/routes?name=nil", None, 200, {"list": [], "total": 0}, "exact"),
    ],
}


@pytest.mark.parametrize("steps", params(CASES))
def test_dispatch_cases(box: Sandbox, steps: list[Step]) -> None:
    run_case(box, steps)
