"""Fidelity cases from apache/apisix `t/admin/upstream2.t`..`upstream5.t` (v3 envelope, 3.18 rules)."""

from __future__ import annotations

import pytest

from tests.sandbox.test_fidelity_common import Step, box, err, like, params, put, run_case

__all__ = ["box"]

U1 = "/upstreams/1"
UP = {"nodes": {"127.0.0.1:8080": 1}, "type": "roundrobin"}
TWO = {"nodes": {"127.0.0.1:8080": 1, "127.0.0.1:8090": 1}, "type": "roundrobin"}
LABELS = {"build": "16", "env": "production", "version": "v2"}
SID = "/upstreams/a-b-c-ABC_0123"

CASES: dict[str, list[Step]] = {
    # 2.x checked the schema defaults written into the value; 3.14+ stores only what was sent.
    "upstream2.t TEST 1": [Step("POST", "/upstreams", UP, 201, r'^\{"key":"/apisix/upstreams/\d{20}"', "like")],
    "upstream2.t TEST 2": [put(U1, UP, 201, {"key": "/apisix/upstreams/1", "value": {**UP, "id": "1"}})],
    "upstream2.t TEST 3": [put(U1, UP), Step("PATCH", U1, UP, 200, {"key": "/apisix/upstreams/1",
                                                                     "value": {**UP, "id": "1"}})],
    "upstream2.t TEST 4": [put(U1, UP), like("GET", U1, None, 200, r'^(?!.*"hash_on").*"key":"/apisix/upstreams/1"')],
    "upstream2.t TEST 5": [put(U1, UP), Step("DELETE", U1, None, 200,
                                             {"deleted": "1", "key": "/apisix/upstreams/1"}, "exact")],
    "upstream3.t TEST 1": [Step("GET", "/upstreams", None, 200, {"list": [], "total": 0}, "exact")],
    "upstream3.t TEST 2": [err("PUT", SID, {**TWO, "retry_timeout": -1}, 400,
                               'invalid configuration: property "retry_timeout" validation failed: '
                               "expected -1 to be at least 0")],
    "upstream4.t TEST 1": [put(U1, {**UP, "name": "test upstream name"}, 201,
                               {"value": {**UP, "name": "test upstream name"}, "key": "/apisix/upstreams/1"})],
    "upstream4.t TEST 2-3": [put(SID, UP, 201), Step("DELETE", SID, None, 200)],
    "upstream4.t TEST 4": [err("PUT", "/upstreams/*invalid", UP, 400,
                               'invalid configuration: property "id" validation failed: '
                               "object matches none of the required")],
    "upstream4.t TEST 5": [put(SID, {**TWO, "retries": 0}, 201, {"value": {"retries": 0}})],
    "upstream4.t TEST 6": [err("PUT", SID, {**TWO, "retries": -1}, 400,
                               'invalid configuration: property "retries" validation failed: '
                               "expected -1 to be at least 0")],
    "upstream4.t TEST 7": [put(U1, {"nodes": {"apisix.com:8080": 1, "test.com:8080": 1}, "type": "roundrobin",
                                    "pass_host": "rewrite", "upstream_host": ""}, 400)],
    "upstream4.t TEST 8-10": [
        put(U1, {**UP, "labels": LABELS}, 201, {"value": {**UP, "labels": LABELS}, "key": "/apisix/upstreams/1"}),
        Step("GET", U1, None, 200, {"value": {**UP, "labels": LABELS}, "key": "/apisix/upstreams/1"}),
        Step("PATCH", U1, {"labels": {"build": "17"}}, 200,
             {"value": {**UP, "labels": {**LABELS, "build": "17"}}, "key": "/apisix/upstreams/1"}),
    ],
    "upstream4.t TEST 11": [err("PUT", U1, {**UP, "labels": {"env": ["production", "release"]}}, 400,
                                'invalid configuration: property "labels" validation failed: failed to validate '
                                'env (matching ".*"): wrong type: expected string, got table')],
    "upstream4.t TEST 12": [put(U1, UP), Step("PATCH", U1, {**UP, "desc": "new upstream",
                                                            "create_time": 1705252779}, 200,
                                              {"value": {**UP, "desc": "new upstream",
                                                         "create_time": 1705252779}})],
    "upstream4.t TEST 13": [put(U1, UP), Step("PATCH", U1, {**UP, "desc": "new upstream",
                                                            "update_time": 1705252779}, 200,
                                              {"value": {"update_time": 1705252779}})],
    # Before 3.7 this PUT was accepted; 3.18 forbids create_time/update_time in PUT/POST bodies.
    "upstream4.t TEST 14": [like("PUT", "/upstreams/up_create_update_time",
                                 {**UP, "create_time": 1602883670, "update_time": 1602893670}, 400,
                                 r'^\{"error_msg":"the property is forbidden:.*create_time"\}')],
    "upstream4.t TEST 16": [put(U1, {"nodes": {}, "type": "roundrobin"}, 201),
                            Step("PATCH", "/upstreams/1/retries", "1", 200, {"value": {"retries": 1, "nodes": {}}})],
    "upstream4.t TEST 17-23": [
        put(U1, UP, 201), put("/services/1", {"upstream_id": 1}, 201),
        put("/routes/1", {"upstream_id": 1, "uri": "/index.html"}, 201),
        err("DELETE", U1, None, 400, "can not delete this upstream, route [1] is still using it now"),
        Step("DELETE", "/routes/1", None, 200),
        err("DELETE", U1, None, 400, "can not delete this upstream, service [1] is still using it now"),
        Step("DELETE", "/services/1", None, 200), Step("DELETE", U1, None, 200),
    ],
    "upstream5.t TEST 1": [put("/upstreams/kafka", {"nodes": {"127.0.0.1:9092": 1}, "type": "none",
                                                    "scheme": "kafka"}, 201)],
}


@pytest.mark.parametrize("steps", params(CASES))
def test_upstreams_2_to_5(box, steps: list[Step]) -> None:
    run_case(box, steps)
