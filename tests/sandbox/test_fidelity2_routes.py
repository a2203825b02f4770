"""Fidelity cases from apache/apisix `t/admin/routes2.t`, `routes3.t`, `routes4.t` (v3 envelope, 3.18 rules)."""

from __future__ import annotations

import pytest

from tests.sandbox.test_fidelity_common import UPSTREAM, Step, box, err, like, params, put, run_case

__all__ = ["box"]

R1 = "/routes/1"
BASE = {"methods": ["GET"], "upstream": UPSTREAM, "desc": "new route", "uri": "/index.html"}
NONE_REQ = "object matches none of the required"
MB36 = '{"upstream":{"nodes":{"' + "a" * 1024 * 35 + '":1},"type":"roundrobin"},"uri":"/index.html"}'


def route(**extra: object) -> dict:
    return {**BASE, **extra}


def bad(field: str, **extra: object) -> Step:
    """A PUT that APISIX rejects with `property "<field>" validation failed:`."""
    return like("PUT", R1, route(**extra), 400, rf'property \\"{field}\\" validation failed:')


CASES: dict[str, list[Step]] = {
    "routes2.t TEST 1": [bad("remote_addrs", remote_addrs=[""])],
    "routes2.t TEST 2": [bad("remote_addrs", remote_addrs=["/16"])],
    "routes2.t TEST 3": [put(R1, route(remote_addrs=["::1/16", "::1", "::", "1.1.1.1", "1.1.1.1/32"]), 201,
                             {"value": {"remote_addrs": ["::1/16", "::1", "::", "1.1.1.1", "1.1.1.1/32"]}})],
    "routes2.t TEST 4": [err("PUT", R1, route(vars=[["remote_addr", "=", "127.0.0.1"]]), 400,
                             "failed to validate the 'vars' expression: invalid operator '='")],
    # 2.x TEST 5-9 checked the defaults written into the value; 3.14+ stores only what was sent.
    "routes2.t TEST 5": [Step("POST", "/routes", {"methods": ["GET"], "upstream": UPSTREAM,
                                                  "uri": "/not_unwanted_data_post"}, 201,
                              r'^\{"key":"/apisix/routes/\d{20}","value":\{', "like")],
    "routes2.t TEST 6": [put("/routes", {"id": 1, "methods": ["GET"], "upstream": UPSTREAM, "uri": "/index.html"},
                             201, {"key": "/apisix/routes/1", "value": {"id": 1, "methods": ["GET"],
                                                                       "upstream": UPSTREAM, "uri": "/index.html"}})],
    "routes2.t TEST 7": [put("/routes", {"id": 1, "methods": ["GET"], "upstream": UPSTREAM, "uri": "/index.html"}),
                         Step("PATCH", R1, {"methods": ["GET"], "upstream": UPSTREAM, "uri": "/index"}, 200,
                              {"key": "/apisix/routes/1", "value": {"id": "1", "uri": "/index"}})],
    "routes2.t TEST 8": [put(R1, {"methods": ["GET"], "upstream": UPSTREAM, "uri": "/index"}),
                         Step("GET", R1, None, 200, {"key": "/apisix/routes/1", "value": {
                             "id": "1", "methods": ["GET"], "upstream": UPSTREAM, "uri": "/index"}})],
    "routes2.t TEST 9": [put(R1, {"methods": ["GET"], "upstream": UPSTREAM, "uri": "/index"}),
                         Step("DELETE", R1, None, 200, {"deleted": "1", "key": "/apisix/routes/1"}, "exact")],
    "routes2.t TEST 10": [bad("remote_addrs", remote_addrs=[])],
    "routes2.t TEST 11": [like("PUT", R1, {"methods": ["GET"], "upstream": UPSTREAM, "uris": []}, 400,
                               r'property \\"uris\\" validation failed:')],
    "routes2.t TEST 12": [like("PUT", R1, {"methods": ["GET"], "upstream": UPSTREAM, "hosts": [], "uri": "/"}, 400,
                               r'property \\"hosts\\" validation failed:')],
    "routes2.t TEST 13": [like("PUT", R1, {"methods": ["GET"], "upstream": UPSTREAM, "uris": ["/"], "uri": "/"},
                               400, "value should match only one schema")],
    "routes2.t TEST 14": [err("PUT", R1, {"uri": "/index.html", "upstream": UPSTREAM, "remote_addr": "127.0.0.1",
                                          "remote_addrs": ["127.0.0.1"]}, 400,
                              "only one of remote_addr or remote_addrs is allowed")],
    "routes2.t TEST 15": [put(R1, {"methods": ["GET"], "upstream": UPSTREAM, "labels": {"您好": "世界"},
                                   "uri": "/index.html"}, 201,
                              {"key": "/apisix/routes/1", "value": {"labels": {"您好": "世界"}}})],
    "routes2.t TEST 16": [like("PUT", R1, {"methods": ["GET"], "upstream": UPSTREAM, "labels": {"您好": "世 界"},
                                           "uri": "/index.html"}, 400,
                               r'invalid configuration: property \\"labels\\" validation failed')],
    "routes3.t TEST 1": [Step("GET", "/routes", None, 200, {"list": [], "total": 0}, "exact")],
    "routes3.t TEST 2": [put(R1, {"remote_addr": "127.0.0.1", "upstream": UPSTREAM, "uri": "/index.html"}, 201,
                             {"key": "/apisix/routes/1", "value": {"remote_addr": "127.0.0.1"}})],
    "routes3.t TEST 4": [err("PUT", R1, {"remote_addr": "127.0.0.33333", "upstream": UPSTREAM,
                                         "uri": "/index.html"}, 400,
                             f'invalid configuration: property "remote_addr" validation failed: {NONE_REQ}')],
    "routes3.t TEST 5": [like("PUT", R1, '{"methods": ["GET", "PURGE], "uri": "/index.html"}', 400,
                              r'^\{"error_msg":"invalid request body: ')],
    "routes3.t TEST 6-12": [
        put(R1, {"remote_addr": "127.0.0.0/24", "upstream": UPSTREAM, "uri": "/index.html"}, 201),
        Step("PATCH", R1, {"uri": "/patch_test"}, 200, {"key": "/apisix/routes/1", "value": {
            "uri": "/patch_test", "remote_addr": "127.0.0.0/24"}}),
        Step("PATCH", R1, {"methods": ["GET"], "desc": "new route", "upstream": {
            "nodes": {"127.0.0.1:8080": None, "127.0.0.2:8080": 1}}}, 200,
            {"value": {"uri": "/patch_test", "desc": "new route",
                       "upstream": {"nodes": {"127.0.0.2:8080": 1}, "type": "roundrobin"}}}),
        Step("PATCH", R1, {"methods": ["GET", "DELETE", "PATCH", "POST", "PUT"]}, 200,
             {"value": {"methods": ["GET", "DELETE", "PATCH", "POST", "PUT"]}}),
        Step("PATCH", R1, {"methods": ["GET", "POST"]}, 200, {"value": {"methods": ["GET", "POST"]}}),
        Step("PATCH", "/routes/1/methods", '["POST"]', 200, {"value": {"methods": ["POST"]}}),
        Step("PATCH", "/routes/1/uri", '"/patch_uri_test"', 200, {"value": {"uri": "/patch_uri_test"}}),
        Step("PATCH", "/routes/1/", BASE, 200, {"key": "/apisix/routes/1", "value": BASE}),
    ],
    "routes3.t TEST 20-22": [
        put(R1, {"uri": "/index.html", "enable_websocket": True, "upstream": UPSTREAM}, 201),
        Step("PATCH", "/routes/1/enable_websocket", "false", 200, {"value": {"enable_websocket": False}}),
        Step("PATCH", "/routes/1/enable_websocket", "true", 200, {"value": {"enable_websocket": True}}),
    ],
    "routes4.t TEST 1": [put("/routes/1?ttl=1", {"upstream": UPSTREAM, "uri": "/index.html"}, 201),
                         Step("GET", "/routes/1?ttl=1", None, 200,
                              {"key": "/apisix/routes/1", "value": {"uri": "/index.html"}})],
    "routes4.t TEST 2": [Step("POST", "/routes?ttl=1", {"methods": ["GET"], "upstream": UPSTREAM,
                                                       "uri": "/index.html"}, 201)],
    "routes4.t TEST 3": [err("PUT", "/routes?ttl=xxx", {"upstream": UPSTREAM, "uri": "/index.html"}, 400,
                             "invalid argument ttl: should be a number")],
    # 2.x expected `priority: 0` filled in; 3.14+ does not store defaults.
    "routes4.t TEST 4": [put(R1, BASE, 201, {"key": "/apisix/routes/1", "value": BASE}, "subset"),
                         like("GET", R1, None, 200, r'^(?!.*"priority").*$')],
    "routes4.t TEST 5": [put(R1, route(priority=1), 201, {"value": {"priority": 1}})],
    "routes4.t TEST 6": [err("PUT", R1, route(upstream={"nodes": {"127.0.0.1:8080": 1}, "type": "chash"}), 400,
                             "missing key")],
    "routes4.t TEST 7": [err("PUT", R1, route(upstream={"nodes": {"127.0.0.1:8080": 1}, "type": "chash",
                                                        "hash_on": "header"}), 400, "missing key")],
    "routes4.t TEST 8": [err("PUT", R1, route(upstream={"nodes": {"127.0.0.1:8080": 1}, "type": "chash",
                                                        "hash_on": "cookie"}), 400, "missing key")],
    "routes4.t TEST 9": [put(R1, route(upstream={"nodes": {"127.0.0.1:8080": 1}, "type": "chash",
                                                 "hash_on": "consumer"}), 201)],
    "routes4.t TEST 10": [put(R1, {"methods": ["GET"], "upstream": UPSTREAM, "name": "test name",
                                   "uri": "/index.html"}, 201,
                              {"key": "/apisix/routes/1", "value": {"name": "test name"}})],
    "routes4.t TEST 11-12": [put("/routes/a-b-c-ABC_0123", {"upstream": UPSTREAM, "uri": "/index.html"}, 201),
                             Step("DELETE", "/routes/a-b-c-ABC_0123", None, 200,
                                  {"deleted": "1", "key": "/apisix/routes/a-b-c-ABC_0123"}, "exact")],
    "routes4.t TEST 13": [err("PUT", "/routes/*invalid", {"upstream": UPSTREAM, "uri": "/index.html"}, 400,
                              f'invalid configuration: property "id" validation failed: {NONE_REQ}')],
    "routes4.t TEST 14": [Step("GET", "/routes/1?ttl=1", None, 404, {"message": "Key not found"}, "exact")],
    "routes4.t TEST 15": [put(R1, MB36, 201, {"key": "/apisix/routes/1"})],
}


@pytest.mark.parametrize("steps", params(CASES))
def test_routes_2_3_4(box, steps: list[Step]) -> None:
    run_case(box, steps)


def test_routes4_t_test_14_content_type(box) -> None:
    """routes4.t TEST 14: even a 404 answer is `Content-Type: application/json`."""
    import requests

    resp = requests.get(f"{box.admin_url}/apisix/admin/routes/1?ttl=1", timeout=5)
    assert resp.headers["Content-Type"] == "application/json"
