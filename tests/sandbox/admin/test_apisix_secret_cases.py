"""Secret manager writes as APISIX's own tests expect them: apache/apisix `t/admin/secrets.t` (3.x)."""

from __future__ import annotations

import pytest

from tests.sandbox.apisix_t_cases import Step, err, like, params, put, run_case

V1 = "/secrets/vault/test1"
VAULT = {"uri": "http://127.0.0.1:12800/get", "prefix": "apisix", "token": "apisix"}
KEY = "/apisix/secrets/vault/test1"
SET = put(V1, VAULT, 201)

CASES: dict[str, list[Step]] = {
    "secrets.t TEST 1": [put(V1, VAULT, 201, {"value": VAULT, "key": KEY})],
    "secrets.t TEST 2": [SET, Step("GET", V1, None, 200, {"value": {**VAULT, "id": "vault/test1"}, "key": KEY})],
    "secrets.t TEST 3": [SET, Step("GET", "/secrets", None, 200, {"total": 1, "list": [{"key": KEY,
                                                                                        "value": VAULT}]})],
    "secrets.t TEST 4": [SET, Step("PATCH", f"{V1}/token", '"unknown"', 200,
                                   {"value": {**VAULT, "token": "unknown"}, "key": KEY}),
                         Step("GET", V1, None, 200, {"value": {"token": "unknown"}})],
    "secrets.t TEST 5": [SET, Step("PATCH", V1, VAULT, 200, {"value": VAULT, "key": KEY})],
    "secrets.t TEST 6": [SET, Step("DELETE", V1, None, 200, {"deleted": "1", "key": KEY}, "exact")],
    "secrets.t TEST 7": [like("PUT", V1, {**VAULT, "uri": "/get"}, 400,
                              "validation failed: failed to match pattern")],
    "secrets.t (3.x) unknown manager": [err("PUT", "/secrets/unknown/test1", VAULT, 400,
                                            "invalid secret manager: unknown")],
    "secrets.t (3.x) missing token": [err("PUT", V1, {"uri": VAULT["uri"], "prefix": "apisix"}, 400,
                                          'invalid configuration: property "token" is required')],
    "secrets.t (3.x) POST": [err("POST", "/secrets/vault", VAULT, 405, "not supported `POST` method for secret")],
}


@pytest.mark.parametrize("steps", params(CASES))
def test_secrets_t(box, steps: list[Step]) -> None:
    run_case(box, steps)
