"""Fidelity cases from apache/apisix `t/admin/health-check.t` and `schema-validate.t` (3.x jsonschema texts)."""

from __future__ import annotations

import pytest

from tests.sandbox.test_fidelity_common import Step, box, err, params, put, run_case

__all__ = ["box"]

R1 = "/routes/1"
ACTIVE = {"http_path": "/status", "host": "foo.com", "healthy": {"interval": 2, "successes": 1}}
PASSIVE = {"healthy": {"http_statuses": [200, 201], "successes": 1},
           "unhealthy": {"http_statuses": [500], "http_failures": 2}}
PREFIX = ('invalid configuration: property "upstream" validation failed: '
          'property "checks" validation failed: ')


def route(checks: dict) -> dict:
    return {"methods": ["GET"], "uri": "/index.html",
            "upstream": {"nodes": {"127.0.0.1:8080": 1}, "type": "roundrobin", "checks": checks}}


def ok(checks: dict) -> Step:
    return put(R1, route(checks), 201, {"key": "/apisix/routes/1", "value": route(checks)})


def bad(checks: dict, tail: str) -> Step:
    return err("PUT", R1, route(checks), 400, PREFIX + tail)


# 2.x wording ("smaller than", "greater than", "matches non of") is replaced by 3.x jsonschema's.
CASES: dict[str, list[Step]] = {
    "health-check.t TEST 1": [ok({"active": {**ACTIVE, "unhealthy": {"interval": 1, "http_failures": 2}}})],
    "health-check.t TEST 2": [ok({"active": ACTIVE, "passive": PASSIVE})],
    "health-check.t TEST 3": [bad({"active": {"healthy": {"successes": 255}}},
                                  'property "active" validation failed: property "healthy" validation failed: '
                                  'property "successes" validation failed: expected 255 to be at most 254')],
    "health-check.t TEST 4": [bad({"active": {"healthy": {"successes": 0}}},
                                  'property "active" validation failed: property "healthy" validation failed: '
                                  'property "successes" validation failed: expected 0 to be at least 1')],
    "health-check.t TEST 5": [bad({"passive": {"unhealthy": {"http_statuses": [500, 600]}}},
                                  'property "passive" validation failed: property "unhealthy" validation failed: '
                                  'property "http_statuses" validation failed: failed to validate item 2: '
                                  "expected 600 to be at most 599")],
    "health-check.t TEST 6": [bad({"active": {"type": "udp"}},
                                  'property "active" validation failed: property "type" validation failed: '
                                  "matches none of the enum values")],
    "health-check.t TEST 7": [bad({"active": {"healthy": {"http_statuses": [200, 200]}}},
                                  'property "active" validation failed: property "healthy" validation failed: '
                                  'property "http_statuses" validation failed: expected unique items but items '
                                  "1 and 2 are equal")],
    "health-check.t TEST 8": [bad({"active": {"unhealthy": {"http_failures": 3.1}}},
                                  'property "active" validation failed: property "unhealthy" validation failed: '
                                  'property "http_failures" validation failed: wrong type: expected integer, '
                                  "got number")],
    "health-check.t TEST 9": [ok({"active": {**ACTIVE, "req_headers": ["User-Agent: curl/7.29.0"]}})],
    "health-check.t TEST 10": [ok({"active": {**ACTIVE, "req_headers": ["User-Agent: curl/7.29.0", "Accept: */*"]}})],
    "health-check.t TEST 11": [bad({"active": {**ACTIVE, "req_headers": ["User-Agent: curl/7.29.0", 2233]}},
                                   'property "active" validation failed: property "req_headers" validation failed: '
                                   "failed to validate item 2: wrong type: expected string, got number")],
    "health-check.t TEST 12": [bad({"passive": PASSIVE},
                                   'object matches none of the required: ["active"] or ["active","passive"]')],
    "health-check.t TEST 13": [ok({"active": {**ACTIVE, "timeout": 1.01,
                                              "unhealthy": {"interval": 1, "http_failures": 2}}})],
    "schema-validate.t TEST 1": [Step("POST", "/schema/validate/routes", {
        "uri": "/httpbin/*", "upstream": {"scheme": "https", "type": "roundrobin", "nodes": {"nghttp2.org": 1}}},
        200)],
    "schema-validate.t TEST 2": [err("POST", "/schema/validate/routes", {
        "uri": 666, "upstream": {"scheme": "https", "type": "roundrobin", "nodes": {"nghttp2.org": 1}}}, 400,
        'property "uri" validation failed: wrong type: expected string, got number')],
}


@pytest.mark.parametrize("steps", params(CASES))
def test_health_check_and_schema_validate(box, steps: list[Step]) -> None:
    run_case(box, steps)
