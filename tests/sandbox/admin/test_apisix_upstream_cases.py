"""Fidelity cases from apache/apisix `t/admin/upstream.t` (3.x version of the file)."""

from __future__ import annotations

import pytest

from tests.sandbox.admin_data import cert_pair
from tests.sandbox.test_fidelity_common import Step, box, err, like, params, put, run_case

__all__ = ["box"]

NODES = {"127.0.0.1:8080": 1}
UP = {"nodes": NODES, "type": "roundrobin"}
NEW = {**UP, "desc": "new upstream"}
CERT, KEY = cert_pair()
NONE_REQ = "object matches none of the required"

CASES: dict[str, list[Step]] = {
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


@pytest.mark.parametrize("steps", params(CASES))
def test_upstream_t(box, steps: list[Step]) -> None:
    run_case(box, steps)
