"""Upstream writes as APISIX's own tests expect them: apache/apisix `t/admin/upstream.t` and
`upstream2.t`..`upstream5.t` (3.x versions, v3 envelope and rules of APISIX 3.18).
"""

from __future__ import annotations

import pytest

from tests.sandbox.admin_data import cert_pair
from tests.sandbox.apisix_t_cases import Step, err, like, params, put, run_case

NODES = {"127.0.0.1:8080": 1}
UP = {"nodes": NODES, "type": "roundrobin"}
NEW = {**UP, "desc": "new upstream"}
CERT, KEY = cert_pair()
NONE_REQ = "object matches none of the required"

UPSTREAM_T_CASES: dict[str, list[Step]] = {
    "upstream.t TEST 1": [put("/upstreams/admin_up", NEW, 201,
                              {"value": NEW, "key": "/apisix/upstreams/admin_up"})],
    "upstream.t TEST 2": [put("/upstreams/admin_up", NEW, 201),
                          Step("GET", "/upstreams/admin_up", None, 200,
                               {"value": NEW, "key": "/apisix/upstreams/admin_up"})],
    "upstream.t TEST 3": [put("/upstreams/admin_up", NEW, 201),
                          Step("DELETE", "/upstreams/admin_up", None, 200,
                               {"deleted": "1", "key": "/apisix/upstreams/admin_up"}, "exact")],
    "upstream.t TEST 4": [Step("DELETE", "/upstreams/not_found", None, 404, {"message": "Key not found"},
                               "exact")],
    "upstream.t TEST 5": [Step("POST", "/upstreams", UP, 201, {"value": UP})],
    "upstream.t TEST 6": [put("/upstreams/invalid_id$", UP, 400)],
    "upstream.t TEST 7": [err("PUT", "/upstreams/1", {"id": 3, **UP}, 400, "wrong upstream id")],
    "upstream.t TEST 8": [put("/upstreams", {"id": "1", **UP}, 201, {"value": UP, "key": "/apisix/upstreams/1"})],
    "upstream.t TEST 9": [err("PUT", "/upstreams", {"id": -100, **UP}, 400,
                              f'invalid configuration: property "id" validation failed: {NONE_REQ}')],
    "upstream.t TEST 10": [err("PUT", "/upstreams", {"id": "invalid_id$", **UP}, 400,
                               f'invalid configuration: property "id" validation failed: {NONE_REQ}')],
    "upstream.t TEST 11": [like("PUT", "/upstreams", {"id": 1, **UP, "_service_name": "xyz",
                                                      "_discovery_type": "nacos"}, 400,
                                r'\{"error_msg":"invalid configuration: additional properties forbidden, '
                                r'found .*"\}')],
    "upstream.t TEST 12": [put("/upstreams/1", {"key": "remote_addr", "nodes": NODES, "type": "chash"}, 201,
                               {"value": {"key": "remote_addr", "nodes": NODES, "type": "chash"},
                                "key": "/apisix/upstreams/1"})],
    "upstream.t TEST 13": [put("/upstreams", {"id": 1, "nodes": NODES, "type": "unknown"}, 201)],
    "upstream.t TEST 14": [err("PUT", "/upstreams", {"id": 1, "nodes": {"127.0.0.1:8080": "1"}, "type": "chash"},
                               400, f'invalid configuration: property "nodes" validation failed: {NONE_REQ}')],
    "upstream.t TEST 15": [err("PUT", "/upstreams", {"id": 1, "nodes": {"127.0.0.1:8080": -100}, "type": "chash"},
                               400, f'invalid configuration: property "nodes" validation failed: {NONE_REQ}')],
    "upstream.t TEST 16": [err("PUT", "/upstreams/1", {"nodes": NODES, "type": "chash"}, 400, "missing key")],
    "upstream.t TEST 17": [err("POST", "/upstreams/1", UP, 400, "wrong upstream id, do not need it")],
    "upstream.t TEST 18": [err("POST", "/upstreams", {"id": 1, **UP}, 400, "wrong upstream id, do not need it")],
    "upstream.t TEST 19": [like("POST", "/upstreams", {**UP, "tls": {"client_cert_id": 1, "client_cert": CERT,
                                                                     "client_key": KEY}}, 400,
                                r'\{"error_msg":"invalid configuration: property \\"tls\\" validation failed: '
                                r'failed to validate dependent schema for \\"client_cert|client_key\\": '
                                r"value wasn't supposed to match schema\"\}")],
    "upstream.t TEST 20": [err("POST", "/upstreams", {**UP, "tls": {"client_cert_id": 9999999}}, 400,
                               "failed to fetch ssl info by ssl id [9999999], response code: 404")],
    "upstream.t TEST 21": [put("/ssls/1", {"sni": "test.com", "cert": CERT, "key": KEY}, 201),
                           err("PUT", "/routes/1", {"uri": "/hello", "upstream": {
                               "scheme": "https", "type": "roundrobin", "nodes": {"127.0.0.1:1983": 1},
                               "tls": {"client_cert_id": 1}}}, 400,
                               "failed to fetch ssl info by ssl id [1], wrong ssl type")],
    # 3.14+ stores only what was sent, so the old `type: roundrobin` default is not echoed (UNVERIFIED).
    "upstream.t TEST 22": [put("/upstreams/admin_up", {"nodes": NODES, "desc": "new upstream"}, 201,
                               {"value": {"nodes": NODES, "desc": "new upstream"}})],
    "upstream.t (2.x) TEST 6 empty nodes": [put("/upstreams/1", {"nodes": {}, "type": "roundrobin"}, 201)],
}


@pytest.mark.parametrize("steps", params(UPSTREAM_T_CASES))
def test_upstream_t(box, steps: list[Step]) -> None:
    run_case(box, steps)


U1 = "/upstreams/1"
UP_8080 = {"nodes": {"127.0.0.1:8080": 1}, "type": "roundrobin"}
TWO = {"nodes": {"127.0.0.1:8080": 1, "127.0.0.1:8090": 1}, "type": "roundrobin"}
LABELS = {"build": "16", "env": "production", "version": "v2"}
SID = "/upstreams/a-b-c-ABC_0123"

UPSTREAM_2_TO_5_CASES: dict[str, list[Step]] = {
    # 2.x checked the schema defaults written into the value; 3.14+ stores only what was sent.
    "upstream2.t TEST 1": [Step("POST", "/upstreams", UP_8080, 201, r'^\{"key":"/apisix/upstreams/\d{20}"', "like")],
    "upstream2.t TEST 2": [put(U1, UP_8080, 201, {"key": "/apisix/upstreams/1", "value": {**UP_8080, "id": "1"}})],
    "upstream2.t TEST 3": [put(U1, UP_8080), Step("PATCH", U1, UP_8080, 200, {"key": "/apisix/upstreams/1",
                                                                     "value": {**UP_8080, "id": "1"}})],
    "upstream2.t TEST 4": [put(U1, UP_8080), like("GET", U1, None, 200, r'^(?!.*"hash_on").*"key":"/apisix/upstreams/1"')],
    "upstream2.t TEST 5": [put(U1, UP_8080), Step("DELETE", U1, None, 200,
                                             {"deleted": "1", "key": "/apisix/upstreams/1"}, "exact")],
    "upstream3.t TEST 1": [Step("GET", "/upstreams", None, 200, {"list": [], "total": 0}, "exact")],
    "upstream3.t TEST 2": [err("PUT", SID, {**TWO, "retry_timeout": -1}, 400,
                               'invalid configuration: property "retry_timeout" validation failed: '
                               "expected -1 to be at least 0")],
    "upstream4.t TEST 1": [put(U1, {**UP_8080, "name": "test upstream name"}, 201,
                               {"value": {**UP_8080, "name": "test upstream name"}, "key": "/apisix/upstreams/1"})],
    "upstream4.t TEST 2-3": [put(SID, UP_8080, 201), Step("DELETE", SID, None, 200)],
    "upstream4.t TEST 4": [err("PUT", "/upstreams/*invalid", UP_8080, 400,
                               'invalid configuration: property "id" validation failed: '
                               "object matches none of the required")],
    "upstream4.t TEST 5": [put(SID, {**TWO, "retries": 0}, 201, {"value": {"retries": 0}})],
    "upstream4.t TEST 6": [err("PUT", SID, {**TWO, "retries": -1}, 400,
                               'invalid configuration: property "retries" validation failed: '
                               "expected -1 to be at least 0")],
    "upstream4.t TEST 7": [put(U1, {"nodes": {"apisix.com:8080": 1, "test.com:8080": 1}, "type": "roundrobin",
                                    "pass_host": "rewrite", "upstream_host": ""}, 400)],
    "upstream4.t TEST 8-10": [
        put(U1, {**UP_8080, "labels": LABELS}, 201, {"value": {**UP_8080, "labels": LABELS}, "key": "/apisix/upstreams/1"}),
        Step("GET", U1, None, 200, {"value": {**UP_8080, "labels": LABELS}, "key": "/apisix/upstreams/1"}),
        Step("PATCH", U1, {"labels": {"build": "17"}}, 200,
             {"value": {**UP_8080, "labels": {**LABELS, "build": "17"}}, "key": "/apisix/upstreams/1"}),
    ],
    "upstream4.t TEST 11": [err("PUT", U1, {**UP_8080, "labels": {"env": ["production", "release"]}}, 400,
                                'invalid configuration: property "labels" validation failed: failed to validate '
                                'env (matching ".*"): wrong type: expected string, got table')],
    "upstream4.t TEST 12": [put(U1, UP_8080), Step("PATCH", U1, {**UP_8080, "desc": "new upstream",
                                                            "create_time": 1705252779}, 200,
                                              {"value": {**UP_8080, "desc": "new upstream",
                                                         "create_time": 1705252779}})],
    "upstream4.t TEST 13": [put(U1, UP_8080), Step("PATCH", U1, {**UP_8080, "desc": "new upstream",
                                                            "update_time": 1705252779}, 200,
                                              {"value": {"update_time": 1705252779}})],
    # Before 3.7 this PUT was accepted; 3.18 forbids create_time/update_time in PUT/POST bodies.
    "upstream4.t TEST 14": [like("PUT", "/upstreams/up_create_update_time",
                                 {**UP_8080, "create_time": 1602883670, "update_time": 1602893670}, 400,
                                 r'^\{"error_msg":"the property is forbidden:.*create_time"\}')],
    "upstream4.t TEST 16": [put(U1, {"nodes": {}, "type": "roundrobin"}, 201),
                            Step("PATCH", "/upstreams/1/retries", "1", 200, {"value": {"retries": 1, "nodes": {}}})],
    "upstream4.t TEST 17-23": [
        put(U1, UP_8080, 201), put("/services/1", {"upstream_id": 1}, 201),
        put("/routes/1", {"upstream_id": 1, "uri": "/index.html"}, 201),
        err("DELETE", U1, None, 400, "can not delete this upstream, route [1] is still using it now"),
        Step("DELETE", "/routes/1", None, 200),
        err("DELETE", U1, None, 400, "can not delete this upstream, service [1] is still using it now"),
        Step("DELETE", "/services/1", None, 200), Step("DELETE", U1, None, 200),
    ],
    "upstream5.t TEST 1": [put("/upstreams/kafka", {"nodes": {"127.0.0.1:9092": 1}, "type": "none",
                                                    "scheme": "kafka"}, 201)],
}


@pytest.mark.parametrize("steps", params(UPSTREAM_2_TO_5_CASES))
def test_upstreams_2_to_5(box, steps: list[Step]) -> None:
    run_case(box, steps)
