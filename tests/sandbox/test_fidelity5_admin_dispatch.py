"""Audit of the Admin dispatch against apisix/init.lua (cors_admin, HEAD route) and v3_adapter.lua filters."""

from __future__ import annotations

import pytest
import requests

from tests.sandbox.conftest import Sandbox
from tests.sandbox.test_fidelity_common import UPSTREAM, Step, box, params, put, run_case

__all__ = ["box"]

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
