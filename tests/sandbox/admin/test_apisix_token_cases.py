"""The admin key as APISIX's own tests expect it: apache/apisix `t/admin/token.t` (3.x), on a sandbox
with an admin key and no viewer key (as token.t's yaml) and on the session sandbox (admin and viewer keys)."""

from __future__ import annotations

from typing import Iterator

import pytest
import requests

from tests.sandbox.apisix_t_cases import Step, UPSTREAM, params, probe, run_probes
from tests.sandbox.conftest import ADMIN_KEY, Sandbox, VIEWER_KEY, launch

ROUTE = {"upstream": UPSTREAM, "uri": "/index.html"}
ADMIN = {"X-API-KEY": ADMIN_KEY}


@pytest.fixture(scope="module")
def keyed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    """token.t's yaml: one admin key (role admin), no viewer key."""
    running = launch(tmp_path_factory.mktemp("token"), admin_key=ADMIN_KEY, viewer_key=None)
    yield running
    running.proc.stop()


def unauthorized(method: str, path: str, body: object = None, headers: dict | None = None) -> Step:
    return Step(method, path, body, 401) if headers is None else probe(method, path, body, 401, headers=headers)


CASES: dict[str, list[Step]] = {
    "token.t TEST 1 no token": [unauthorized("PUT", "/routes/1", ROUTE)],
    "token.t TEST 2 wrong token": [unauthorized("PUT", "/routes/1", ROUTE, {"X-API-KEY": "wrong_key"})],
    "token.t TEST 2 wrong token in query": [unauthorized("PUT", "/routes/1?api_key=wrong_key", ROUTE)],
    "token.t TEST 3 correct token": [probe("PUT", "/routes/1", ROUTE, 201, headers=ADMIN)],
    "token.t TEST 4 plugins list": [unauthorized("GET", "/plugins/list")],
    "token.t TEST 5 reload": [unauthorized("PUT", "/plugins/reload")],
    "token.t TEST 6 reload, key argument": [Step("PUT", f"/plugins/reload?api_key={ADMIN_KEY}", None, 200)],
    "token.t TEST 7 reload, key header": [probe("PUT", "/plugins/reload", None, 200, headers=ADMIN)],
    "token.t TEST 7 reload, key cookie": [probe("PUT", "/plugins/reload", None, 200,
                                                headers={"Cookie": f"x_api_key={ADMIN_KEY}"})],
    "token.t TEST 8 viewer key not configured": [unauthorized("PUT", f"/plugins/reload?api_key={VIEWER_KEY}")],
    "token.t TEST 9 doubled question mark": [unauthorized("GET", f"/routes??api_key={VIEWER_KEY}")],
    "token.t TEST 10 no key": [unauthorized("GET", "/routes")],
    "token.t TEST 10 no key, schema": [unauthorized("GET", "/schema/route")],
    "token.t 401 body": [Step("GET", "/routes", None, 401, {"error_msg": "failed to check token",
                                                            "description": "missing apikey"}, "exact")],
    "token.t 401 body, wrong key": [Step("GET", "/routes?api_key=nope", None, 401,
                                         {"error_msg": "failed to check token", "description": "wrong apikey"},
                                         "exact")],
}

# Default config.yaml also has the viewer key (role viewer): GET only.
VIEWER = {"X-API-KEY": VIEWER_KEY}
VIEWER_CASES: dict[str, list[Step]] = {
    "token.t (viewer) GET allowed": [probe("GET", "/routes", None, 200, headers=VIEWER)],
    "token.t (viewer) PUT refused": [unauthorized("PUT", "/routes/1", ROUTE, VIEWER)],
    "token.t (viewer) reload refused": [unauthorized("PUT", f"/plugins/reload?api_key={VIEWER_KEY}")],
    "token.t (viewer) DELETE refused": [unauthorized("DELETE", "/routes/1", None, VIEWER)],
}


@pytest.mark.parametrize("steps", params(CASES))
def test_token(keyed, steps: list[Step]) -> None:
    run_probes(keyed, steps)


@pytest.mark.parametrize("steps", params(VIEWER_CASES))
def test_token_viewer(sandbox, steps: list[Step]) -> None:
    run_probes(sandbox, steps)


# (case id, method, path with query, headers, expected status); run against the keyed session sandbox.
TOKEN = [
    ("token.t TEST 1", "PUT", "/routes/1", {}, 401),
    ("token.t TEST 2", "PUT", "/routes/1", {"X-API-KEY": "wrong_key"}, 401),
    ("token.t TEST 3", "PUT", "/routes/1", {"X-API-KEY": ADMIN_KEY}, 201),
    ("token.t TEST 4", "GET", "/plugins/list", {}, 401),
    ("token.t TEST 5", "PUT", "/plugins/reload", {}, 401),
    ("token.t TEST 6", "PUT", f"/plugins/reload?api_key={ADMIN_KEY}", {}, 200),
    ("token.t TEST 7", "PUT", "/plugins/reload", {"X-API-KEY": ADMIN_KEY}, 200),
    ("token.t TEST 8", "PUT", f"/plugins/reload?api_key={VIEWER_KEY}", {}, 401),
    ("token.t TEST 9", "GET", f"/routes??api_key={VIEWER_KEY}", {}, 401),
    ("token.t TEST 10", "GET", "/routes", {}, 401),
]


@pytest.mark.parametrize("method,path,headers,status", [pytest.param(*c[1:], id=c[0]) for c in TOKEN])
def test_token_t(sandbox, method: str, path: str, headers: dict, status: int) -> None:
    sandbox.reset()
    url = f"{sandbox.admin_url}/apisix/admin{path}"
    body = ROUTE if method == "PUT" and "routes" in path else None
    resp = requests.request(method, url, json=body, headers=headers, timeout=10)
    assert resp.status_code == status, resp.text
