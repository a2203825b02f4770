"""Health-check schemas and `schema/validate` as APISIX's own tests expect them: apache/apisix
`t/admin/health-check.t` and `schema-validate.t` (3.x jsonschema texts)."""

from __future__ import annotations

import pytest

from tests.sandbox.apisix_t_cases import Step, err, params, put, run_case

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

V = "/schema/validate/routes"
HTTPBIN = {"scheme": "https", "type": "roundrobin", "nodes": {"nghttp2.org": 1}}
ONE_OF = "allOf 1 failed: value should match only one schema, but matches none"
# schema-validate.t writes its expectations in a `--- response` block Test::Nginx does not check, so the
# texts below are the authors' claims; the statuses are asserted upstream.
CASES.update({
    "schema-validate.t TEST 3": [err("POST", V, {"uri": "", "upstream": HTTPBIN}, 400,
                                     'property "uri" validation failed: string too short, expected at least 1, got 0')],
    "schema-validate.t TEST 4": [err("POST", V, {"uris": "foobar", "upstream": HTTPBIN}, 400,
                                     'property "uris" validation failed: wrong type: expected array, got string')],
    "schema-validate.t TEST 5": [err("POST", V, {"uris": [], "upstream": HTTPBIN}, 400,
                                     'property "uris" validation failed: expect array to have at least 1 items')],
    "schema-validate.t TEST 6": [err("POST", V, {"uris": ["/foo", "/foo"], "upstream": HTTPBIN}, 400,
                                     'property "uris" validation failed: expected unique items but items 1 and 2 '
                                     "are equal")],
    "schema-validate.t TEST 7": [err("POST", V, {"upstream": HTTPBIN}, 400, ONE_OF)],
    "schema-validate.t TEST 8": [err("POST", V, {"status": 3, "uri": "/foo", "upstream": HTTPBIN}, 400,
                                     'property "status" validation failed: matches none of the enum values')],
    "schema-validate.t TEST 9": [err("POST", V, {"script": "xxxxxxxxxxxxxxxxxxxxx", "plugin_config_id": "foo"},
                                     400, ONE_OF)],
    "schema-validate.t TEST 10": [err("POST", V, {"plugin_config_id": "@@@@@@@@@@@@@@@@", "uri": "/foo",
                                                  "upstream": HTTPBIN}, 400,
                                      'property "plugin_config_id" validation failed: object matches none of the '
                                      "required")],
    "schema-validate.t TEST 11": [Step("POST", "/schema/validate/upstreams", {"nodes": {"nghttp2.org": 100},
                                                                             "type": "roundrobin"}, 200)],
    # The test's unchecked claim (the allOf text) looks copied from TEST 7: upstreams have no allOf, and
    # upstream.t TEST 14 asserts this anyOf wording for bad `nodes`.
    "schema-validate.t TEST 12": [err("POST", "/schema/validate/upstreams", {"nodes": ["nghttp2.org"],
                                                                            "type": "roundrobin"}, 400,
                                      'property "nodes" validation failed: object matches none of the required')],
    "schema-validate.t TEST 13": [Step("POST", "/routes", {"uri": "/hello", "methods": ["GET"], "upstream": {
        "type": "roundrobin", "nodes": [{"host": "127.0.0.1:1980", "weight": 1}]}}, 201)],
})


@pytest.mark.parametrize("steps", params(CASES))
def test_health_check_and_schema_validate(box, steps: list[Step]) -> None:
    run_case(box, steps)
