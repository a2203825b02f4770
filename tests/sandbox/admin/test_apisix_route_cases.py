"""Route writes as APISIX's own tests expect them: apache/apisix `t/admin/routes.t`, `routes2.t`,
`routes3.t`, `routes4.t` and `routes_request_body.t` (adapted to the v3 envelope and rules of APISIX 3.18)."""

from __future__ import annotations

import pytest

from tests.sandbox.apisix_t_cases import Step, UPSTREAM, err, like, params, put, run_case, run_probes

R1 = "/routes/1"
BASE = {"methods": ["GET"], "upstream": UPSTREAM, "desc": "new route", "uri": "/index.html"}
SET1 = put(R1, BASE, 201)
BIG = '{"uri":"/index.html","desc":"' + "a" * int(1024 * 1024 * 1.6) + '"}'
LC = {"count": 2, "time_window": 60, "rejected_code": 503, "key": "remote_addr"}


def with_up(**extra: object) -> dict:
    return {"upstream": UPSTREAM, "uri": "/index.html", **extra}


def chash(**extra: object) -> dict:
    return {"methods": ["GET"], "desc": "new route", "uri": "/index.html",
            "upstream": {"nodes": {"127.0.0.1:8080": 1}, "type": "chash", **extra}}


ROUTES_T_CASES: dict[str, list[Step]] = {
    "routes.t TEST 1": [put(R1, BASE, 201, {"key": "/apisix/routes/1", "value": BASE})],
    "routes.t TEST 2": [SET1, Step("GET", R1, None, 200, {"key": "/apisix/routes/1", "value": BASE})],
    "routes.t TEST 3": [SET1, Step("DELETE", R1, None, 200, {"deleted": "1", "key": "/apisix/routes/1"},
                                   "exact")],
    "routes.t TEST 4": [Step("DELETE", "/routes/not_found", None, 404, {"message": "Key not found"},
                             "exact")],
    "routes.t TEST 5": [Step("POST", "/routes", {k: v for k, v in BASE.items() if k != "desc"}, 201,
                             {"value": {"methods": ["GET"], "uri": "/index.html", "upstream": UPSTREAM}})],
    "routes.t TEST 6": [put(R1, with_up(), 201, {"value": with_up()})],
    "routes.t TEST 7": [put(R1, {"plugins": {"limit-count": LC}, "uri": "/index.html"}, 201,
                            {"value": {"uri": "/index.html", "plugins": {"limit-count": LC}}})],
    "routes.t TEST 9": [put(R1, {**with_up(), "methods": ["GET", "GET"]}, 400)],
    "routes.t TEST 10": [err("PUT", R1, {"methods": ["invalid_method"], "uri": "/index.html"}, 400,
                             'invalid configuration: property "methods" validation failed: '
                             "failed to validate item 1: matches none of the enum values")],
    "routes.t TEST 11": [err("PUT", R1, {"service_id": "invalid_id$", "uri": "/index.html"}, 400,
                             'invalid configuration: property "service_id" validation failed: '
                             "object matches none of the required")],
    "routes.t TEST 12": [err("PUT", R1, {"service_id": "99999999999999", "uri": "/index.html"}, 400,
                             "failed to fetch service info by service id [99999999999999], "
                             "response code: 404")],
    "routes.t TEST 13": [err("PUT", R1, {"id": 3, "uri": "/index.html"}, 400, "wrong route id")],
    "routes.t TEST 14": [put("/routes", {"id": "1", "plugins": {}, "uri": "/index.html"}, 201,
                             {"key": "/apisix/routes/1", "value": {"id": "1"}})],
    "routes.t TEST 15": [err("PUT", "/routes", {"id": -100, "uri": "/index.html"}, 400,
                             'invalid configuration: property "id" validation failed: '
                             "object matches none of the required")],
    "routes.t TEST 16": [err("PUT", R1, {"upstream_id": "invalid$", "uri": "/index.html"}, 400,
                             'invalid configuration: property "upstream_id" validation failed: '
                             "object matches none of the required")],
    "routes.t TEST 17": [err("PUT", R1, {"upstream_id": "99999999", "uri": "/index.html"}, 400,
                             "failed to fetch upstream info by upstream id [99999999], response code: 404")],
    "routes.t TEST 18": [err("POST", "/routes", {"id": 1, "plugins": {}, "uri": "/index.html"}, 400,
                             "wrong route id, do not need it")],
    "routes.t TEST 19": [err("POST", R1, {"plugins": {}, "uri": "/index.html"}, 400,
                             "wrong route id, do not need it")],
    "routes.t TEST 20": [put(R1, {"plugins": {"limit-count": {**LC, "_meta": {"disable": True}}},
                                  "uri": "/index.html"}, 201)],
    "routes.t TEST 21": [put(R1, with_up(host="*.foo.com"), 201, {"value": {"host": "*.foo.com"}})],
    "routes.t TEST 22": [err("PUT", R1, with_up(host="a.*.foo.com"), 400,
                             'invalid configuration: property "host" validation failed: failed to match '
                             'pattern "^\\\\*$|^\\\\*?[0-9a-zA-Z-._\\\\[\\\\]:]+$" with "a.*.foo.com"')],
    "routes.t TEST 23": [err("PUT", R1, with_up(host="*.a.*.foo.com"), 400,
                             'invalid configuration: property "host" validation failed: failed to match '
                             'pattern "^\\\\*$|^\\\\*?[0-9a-zA-Z-._\\\\[\\\\]:]+$" with "*.a.*.foo.com"')],
    "routes.t TEST 24": [put(R1, with_up(remote_addr="127.0.0.1"), 201,
                             {"value": {"remote_addr": "127.0.0.1"}})],
    "routes.t TEST 25": [put(R1, with_up(remote_addr="127.0.0.0/24"), 201)],
    "routes.t TEST 26": [err("PUT", R1, with_up(remote_addr="127.0.0.33333"), 400,
                             'invalid configuration: property "remote_addr" validation failed: '
                             "object matches none of the required")],
    "routes.t TEST 27": [put(R1, {**with_up(), "methods": ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD",
                                                           "OPTIONS", "CONNECT", "TRACE", "PURGE"]}, 201)],
    "routes.t TEST 28": [SET1, Step("PATCH", R1, {"uri": "/patch_test"}, 200,
                                    {"key": "/apisix/routes/1", "value": {"uri": "/patch_test"}})],
    "routes.t TEST 29": [SET1, Step("PATCH", R1, {
        "methods": ["GET"], "desc": "new route",
        "upstream": {"nodes": {"127.0.0.1:8080": None, "127.0.0.2:8080": 1}}}, 200,
        {"value": {"upstream": {"nodes": {"127.0.0.2:8080": 1}, "type": "roundrobin"}}})],
    "routes.t TEST 30": [SET1, Step("PATCH", R1, {"methods": ["GET", "DELETE", "PATCH", "POST", "PUT"]}, 200,
                                    {"value": {"methods": ["GET", "DELETE", "PATCH", "POST", "PUT"]}})],
    "routes.t TEST 32": [SET1, Step("PATCH", "/routes/1/methods", '["POST"]', 200,
                                    {"key": "/apisix/routes/1", "value": {"methods": ["POST"]}})],
    "routes.t TEST 33": [SET1, Step("PATCH", "/routes/1/uri", '"/patch_uri_test"', 200,
                                    {"value": {"uri": "/patch_uri_test"}})],
    "routes.t TEST 34": [SET1, Step("PATCH", "/routes/1/", BASE, 200, {"value": BASE})],
    "routes.t TEST 35": [put(R1, with_up(hosts=["foo.com", "*.bar.com"]), 201,
                             {"value": {"hosts": ["foo.com", "*.bar.com"]}})],
    "routes.t TEST 36": [err("PUT", R1, with_up(host="xxx.com", hosts=["foo.com", "*.bar.com"]), 400,
                             "only one of host or hosts is allowed")],
    "routes.t TEST 37": [put(R1, with_up(remote_addrs=["127.0.0.1", "192.0.0.1/8", "::1", "fe80::/32"]), 201,
                             {"value": {"remote_addrs": ["127.0.0.1", "192.0.0.1/8", "::1", "fe80::/32"]}})],
    "routes.t TEST 38": [put(R1, with_up(vars=[["arg_name", "==", "json"], ["arg_age", ">", 18]]), 201,
                             {"value": {"vars": [["arg_name", "==", "json"], ["arg_age", ">", 18]]}})],
    "routes.t TEST 39": [put(R1, with_up(filter_func="function(vars) return vars.arg_name == 'json' end"),
                             201)],
    "routes.t TEST 40": [err("PUT", R1, with_up(filter_func="function(vars) "), 400,
                             "failed to load 'filter_func' string: [string \"return function(vars) \"]:1: "
                             "'end' expected near '<eof>'")],
    "routes.t TEST 41": [put(R1, {"uris": ["/index.html", "/index2.html"], "upstream": UPSTREAM}, 201)],
    "routes.t TEST 44": [err("PUT", "/routes?ttl=xxx", with_up(), 400, "invalid argument ttl: should be a number")],
    "routes.t TEST 46": [put(R1, {**BASE, "priority": 1}, 201, {"value": {"priority": 1}})],
    "routes.t TEST 47": [err("PUT", R1, chash(), 400, "missing key")],
    "routes.t TEST 48": [err("PUT", R1, chash(hash_on="header"), 400, "missing key")],
    "routes.t TEST 49": [err("PUT", R1, chash(hash_on="cookie"), 400, "missing key")],
    "routes.t TEST 50": [put(R1, chash(hash_on="consumer"), 201)],
    "routes.t TEST 51": [put(R1, {**BASE, "name": "test name"}, 201, {"value": {"name": "test name"}})],
    "routes.t TEST 52": [put("/routes/a-b-c-ABC_0123", with_up(), 201),
                         Step("DELETE", "/routes/a-b-c-ABC_0123", None, 200)],
    "routes.t TEST 54": [put("/routes/*invalid", with_up(), 400)],
    "routes.t TEST 57": [err("PUT", R1, BIG, 400, f"invalid request body: request size {len(BIG)} is greater "
                             "than the maximum size 1572864 allowed")],
    "routes.t TEST 58": [like("PUT", R1, {"plugins": {"limit-count": LC}, "uri": "/index.html",
                                          "script": "local _M = {} \n return _M"}, 400,
                              "invalid configuration: value wasn't supposed to match schema")],
    "routes.t TEST 60": [put(R1, {**BASE, "labels": {"build": "16", "env": "production", "version": "v2"}}, 201,
                             {"value": {"labels": {"build": "16", "env": "production", "version": "v2"}}})],
    "routes.t TEST 61": [put(R1, {**BASE, "labels": {"build": "16", "env": "production", "version": "v2"}}, 201),
                         Step("PATCH", R1, {"labels": {"build": "17"}}, 200,
                              {"value": {"labels": {"env": "production", "version": "v2", "build": "17"}}})],
    "routes.t TEST 62": [err("PUT", R1, {"methods": ["GET"], "uri": "/index.html",
                                         "labels": {"env": ["production", "release"]}}, 400,
                             'invalid configuration: property "labels" validation failed: failed to validate '
                             'env (matching ".*"): wrong type: expected string, got table')],
    "routes.t TEST 63": [like("PUT", R1, with_up(create_time=1602883670, update_time=1602893670), 400,
                              "the property is forbidden:.*create_time")],
}


@pytest.mark.parametrize("steps", params(ROUTES_T_CASES))
def test_routes_t(box, steps: list[Step]) -> None:
    run_case(box, steps)


NONE_REQ = "object matches none of the required"
MB36 = '{"upstream":{"nodes":{"' + "a" * 1024 * 35 + '":1},"type":"roundrobin"},"uri":"/index.html"}'


def route(**extra: object) -> dict:
    return {**BASE, **extra}


def bad(field: str, **extra: object) -> Step:
    """A PUT that APISIX rejects with `property "<field>" validation failed:`."""
    return like("PUT", R1, route(**extra), 400, rf'property \\"{field}\\" validation failed:')


ROUTES_2_TO_4_CASES: dict[str, list[Step]] = {
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


@pytest.mark.parametrize("steps", params(ROUTES_2_TO_4_CASES))
def test_routes_2_3_4(box, steps: list[Step]) -> None:
    run_case(box, steps)


def test_routes4_t_test_14_content_type(box) -> None:
    """routes4.t TEST 14: even a 404 answer is `Content-Type: application/json`."""
    import requests

    resp = requests.get(f"{box.admin_url}/apisix/admin/routes/1?ttl=1", timeout=5)
    assert resp.headers["Content-Type"] == "application/json"


HELLO_UP = {"type": "roundrobin", "nodes": {"127.0.0.1:1980": 1}}


def body_route(expr: list) -> dict:
    return {"uri": "/hello", "vars": [[expr]], "upstream": HELLO_UP}


# `routes_request_body.t`: `post_arg.*` expressions in `vars`.
# Steps may carry a `Probe` check, so these run with `run_probes`.
REQUEST_BODY_VARS_CASES: dict[str, list[Step]] = {
    "routes_request_body.t TEST 1": [put("/routes/1", body_route(["post_arg.model", "==", "deepseek"]), 201),
                                     put("/routes/2", body_route(["post_arg.model", "==", "openai"]), 201)],
    "routes_request_body.t TEST 7": [put("/routes/1", body_route(["post_arg.messages[*].content[*].type", "has",
                                                                  "image_url"]), 201)],
    "routes_request_body.t TEST 10": [like("PUT", "/routes/1", body_route(["post_arg.messages[.content[*].type",
                                                                           "has", "image_url"]), 400,
                                           "failed to validate the 'vars' expression: invalid expression")],
    "routes_request_body.t TEST 11": [put("/routes/1", body_route(["post_arg.model.name", "==", "deepseek"]), 201)],
}


@pytest.mark.parametrize("steps", params(REQUEST_BODY_VARS_CASES))
def test_routes_request_body_t(box, steps: list[Step]) -> None:
    run_probes(box, steps)
