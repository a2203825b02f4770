"""Admin API basics as APISIX's own tests expect them: the response body format, services and
`api.t` (apache/apisix `t/admin/`), on a no-key sandbox."""

from __future__ import annotations

import pytest

from tests.sandbox.apisix_t_cases import Step, UPSTREAM, err, params, put, run_case

ROUTE = {"upstream": UPSTREAM, "uri": "/index.html"}
SVC = {"upstream": {"nodes": {"127.0.0.1:1980": 1}, "type": "roundrobin"}}
NONE_REQ = "object matches none of the required"

CASES: dict[str, list[Step]] = {
    "response_body_format.t TEST 1": [put("/routes/1", {**ROUTE, "methods": ["GET"]}, 201,
                                          {"key": "/apisix/routes/1", "value": {"uri": "/index.html"}})],
    "response_body_format.t TEST 3": [put("/routes/1", ROUTE, 201), put("/routes/2", ROUTE, 201),
                                      Step("GET", "/routes", None, 200, r'^\{"list":\[\{.*\},\{.*\}\],"total":2\}\n$'
                                           r'|^\{"total":2,"list":\[\{.*\},\{.*\}\]\}\n$', "like")],
    "response_body_format.t TEST 4": [put("/services/1", {**SVC, "desc": "new service 001"}, 201),
                                      put("/services/2", {**SVC, "desc": "new service 002"}, 201),
                                      Step("GET", "/services", None, 200, {"total": 2, "list": [
                                          {"key": "/apisix/services/1", "value": {"desc": "new service 001"}},
                                          {"key": "/apisix/services/2", "value": {"desc": "new service 002"}}]})],
    "response_body_format.t empty list": [Step("GET", "/routes", None, 200, '{"list":[],"total":0}\n', "text")],
    "services.t TEST 1": [put("/services/1", {**SVC, "desc": "new service"}, 201,
                              {"key": "/apisix/services/1", "value": {**SVC, "desc": "new service"}})],
    "services.t TEST 2": [put("/services/1", SVC, 201),
                          Step("GET", "/services/1", None, 200, {"key": "/apisix/services/1", "value": SVC})],
    "services.t TEST 3": [put("/services/1", SVC, 201),
                          Step("DELETE", "/services/1", None, 200,
                               {"deleted": "1", "key": "/apisix/services/1"}, "exact")],
    "services.t TEST 4": [Step("DELETE", "/services/not_found", None, 404, {"message": "Key not found"}, "exact")],
    "services.t TEST 5": [Step("POST", "/services", SVC, 201, {"value": SVC})],
    "services.t TEST 7": [err("PUT", "/services/1", {"id": 3, "plugins": {}}, 400, "wrong service id")],
    "services.t TEST 8": [put("/services", {"id": "1", "plugins": {}}, 201, {"key": "/apisix/services/1"})],
    "services.t TEST 9": [err("PUT", "/services", {"id": -100, "plugins": {}}, 400,
                              f'invalid configuration: property "id" validation failed: {NONE_REQ}')],
    "services.t TEST 10": [err("PUT", "/services", {"id": "*invalid_id$", "plugins": {}}, 400,
                               f'invalid configuration: property "id" validation failed: {NONE_REQ}')],
    "services.t TEST 11": [err("POST", "/services", {"id": 1, "plugins": {}}, 400, "wrong service id, do not need it")],
    "services.t TEST 12": [err("POST", "/services/1", {"plugins": {}}, 400, "wrong service id, do not need it")],
    "services.t TEST 13": [err("PUT", "/services/1", {"upstream_id": "9999"}, 400,
                               "failed to fetch upstream info by upstream id [9999], response code: 404")],
    "services.t TEST 14": [put("/services/1", SVC, 201), put("/routes/1", {"service_id": 1, "uri": "/a"}, 201),
                           err("DELETE", "/services/1", None, 400,
                               "can not delete this service directly, route [1] is still using it now")],
    "services.t TEST 15": [put("/services/1", SVC, 201), put("/routes/1", {"service_id": 1, "uri": "/a"}, 201),
                           Step("DELETE", "/services/1?force=true", None, 200)],
    "services.t TEST 16": [put("/services/1", SVC, 201),
                           Step("PATCH", "/services/1", {"desc": "new 20 service"}, 200,
                                {"value": {**SVC, "desc": "new 20 service"}})],
    "services.t TEST 17": [put("/services/1", SVC, 201),
                           Step("PATCH", "/services/1/desc", '"new 19 service"', 200,
                                {"value": {"desc": "new 19 service"}})],
    "services.t TEST 18": [err("PUT", "/services/1", {**SVC, "enable_websocket": "true"}, 400,
                               'invalid configuration: property "enable_websocket" validation failed: '
                               "wrong type: expected boolean, got string")],
    "services.t TEST 19": [put("/services/1", {**SVC, "hosts": ["foo.com", "*.bar.com"]}, 201,
                               {"value": {"hosts": ["foo.com", "*.bar.com"]}})],
    "services.t TEST 20": [err("PUT", "/services/1", {**SVC, "hosts": "foo.com"}, 400,
                               'invalid configuration: property "hosts" validation failed: '
                               "wrong type: expected array, got string")],
    "upstream delete in use": [put("/upstreams/1", UPSTREAM, 201), put("/routes/1", {"upstream_id": 1, "uri": "/a"},
                                                                      201),
                               err("DELETE", "/upstreams/1", None, 400,
                                   "can not delete this upstream, route [1] is still using it now")],
    "api.t unsupported resource": [err("GET", "/routs/1", None, 404, "Unsupported resource type: routs")],
    "api.t plugins reload GET": [Step("GET", "/plugins/reload", None, 405,
                                      "please use PUT method to reload the plugins, GET method is not allowed.",
                                      "like")],
    "schema.t unknown schema": [Step("GET", "/schema/nope", None, 400, "not found schema: nope", "like")],
    "plugins.t unknown plugin": [err("PUT", "/routes/1", {"uri": "/a", "plugins": {"nope-x": {}}}, 400,
                                     "unknown plugin [nope-x]")],
    "api.t patch non-object body": [put("/routes/1", ROUTE, 201),
                                    err("PATCH", "/routes/1", "[1]", 400, "invalid configuration")],
    "api.t patch missing body": [put("/routes/1", ROUTE, 201),
                                 err("PATCH", "/routes/1", None, 400, "missing new configuration")],
    "api.t patch missing route": [Step("PATCH", "/routes/9", {"uri": "/a"}, 404, {"message": "Key not found"},
                                       "exact")],
    "filter.t page_size out of range": [Step("GET", "/routes?page=1&page_size=5", None, 400,
                                             "page_size must be between 10 and 500", "like")],
    "plugins.t bad subsystem": [Step("GET", "/plugins/list?subsystem=nope", None, 400,
                                     "invalid subsystem passed", "like")],
    "plugins.t unknown plugin schema": [Step("GET", "/plugins/nope-x", None, 404,
                                             "plugin not found in subsystem http", "like")],
    "ssl.t server ssl without sni": [put("/ssls/1", {"cert": "x" * 200, "key": "y" * 200}, 400,
                                         {"error_msg": "invalid configuration: then clause did not match"}, "exact")],
    "routes.t vars invalid operator": [err("PUT", "/routes/1", {**ROUTE, "vars": [["arg_a", "=", "1"]]}, 400,
                                           "failed to validate the 'vars' expression: invalid operator '='")],
    "routes.t remote_addr and remote_addrs": [err("PUT", "/routes/1", {**ROUTE, "remote_addr": "127.0.0.1",
                                                                     "remote_addrs": ["127.0.0.1"]}, 400,
                                                  "only one of remote_addr or remote_addrs is allowed")],
    "routes.t multi-line filter_func": [err("PUT", "/routes/1", {**ROUTE, "filter_func": "function(vars)\n"
                                                                "if vars.a then return true\nend"}, 400,
                                            "failed to load 'filter_func' string: [string \"return function(vars)"
                                            "...\"]:3: 'end' expected (to close 'function' at line 1) near '<eof>'")],
}


@pytest.mark.parametrize("steps", params(CASES))
def test_api_cases(box, steps: list[Step]) -> None:
    run_case(box, steps)
