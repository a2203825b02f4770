"""Plugins at request time: cases from APISIX's t/plugin/*.t, replayed against the gateway."""

from __future__ import annotations

import base64

import pytest

from tests.sandbox.dataplane.apisix_cases import (
    Admin, DataPlane, Req, admin_put, dp, get, params, run_steps,
)

__all__ = ["dp"]
UP = {"nodes": {"127.0.0.1:1980": 1}, "type": "roundrobin"}
HELLO = "hello world\n"


def route(plugins: dict, uri: str = "/hello", rid: str = "1", **extra: object) -> Admin:
    return admin_put(f"/routes/{rid}", {"plugins": plugins, "upstream": UP, "uri": uri, **extra})


def consumer(username: str, plugins: dict) -> Admin:
    return admin_put("/consumers", {"username": username, "plugins": plugins})


def pr(**conf: object) -> Admin:
    return route({"proxy-rewrite": conf})


def basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def msg(text: str) -> str:
    return '{"message":"%s"}\n' % text


URI_HEADERS = "host: localhost\nx-real-ip: 127.0.0.1\n"

CASES: dict[str, list[Admin | Req]] = {
    "proxy-rewrite.t:6-7 rewrite host": [
        pr(uri="/plugin_proxy_rewrite", scheme="http", host="apisix.iresty.com"),
        get("/hello", 200, "uri: /plugin_proxy_rewrite\nhost: apisix.iresty.com\nscheme: http\n"),
    ],
    "proxy-rewrite.t:10-11 enable websocket": [
        pr(uri="/uri/plugin_proxy_rewrite", enable_websocket=True),
        get("/hello", 200, "uri: /uri/plugin_proxy_rewrite\nconnection: close\nhost: localhost\n"
            "upgrade: default\nx-real-ip: 127.0.0.1\n", more={"upgrade": "default"}),
    ],
    "proxy-rewrite.t:12-13 disable websocket": [
        pr(uri="/uri/plugin_proxy_rewrite", enable_websocket=False),
        get("/hello", 200, "uri: /uri/plugin_proxy_rewrite\n" + URI_HEADERS,
            more={"upgrade": "default"}),
    ],
    "proxy-rewrite.t:14-15 rewrite headers": [
        pr(uri="/uri/plugin_proxy_rewrite", headers={"X-Api-Version": "v2"}),
        get("/hello", 200, "uri: /uri/plugin_proxy_rewrite\nhost: localhost\nx-api-version: v2\n"
            "x-real-ip: 127.0.0.1\n", more={"X-Api-Version": "v1"}),
    ],
    "proxy-rewrite.t:16-17 add headers": [
        pr(uri="/uri/plugin_proxy_rewrite", headers={"X-Api-Engine": "apisix"}),
        get("/hello", 200, "uri: /uri/plugin_proxy_rewrite\nhost: localhost\nx-api-engine: apisix\n"
            "x-real-ip: 127.0.0.1\n"),
    ],
    "proxy-rewrite.t:18-19 rewrite empty headers": [
        pr(uri="/uri/plugin_proxy_rewrite", headers={"X-Api-Test": "hello"}),
        get("/hello", 200, "uri: /uri/plugin_proxy_rewrite\nhost: localhost\nx-api-test: hello\n"
            "x-real-ip: 127.0.0.1\n", more={"X-Api-Test": ""}),
    ],
    "proxy-rewrite.t:20-21 rewrite uri args": [
        pr(uri="/plugin_proxy_rewrite_args"),
        get("/hello?q=apisix&a=iresty", 200, "uri: /plugin_proxy_rewrite_args\na: iresty\nq: apisix\n"),
    ],
    "proxy-rewrite.t:22-23 rewrite uri empty args": [
        pr(uri="/plugin_proxy_rewrite_args"),
        get("/hello", 200, "uri: /plugin_proxy_rewrite_args\n"),
    ],
    "proxy-rewrite.t:24-25 remove header": [
        pr(uri="/uri/plugin_proxy_rewrite", headers={"X-Api-Engine": "APISIX", "X-Api-Test": ""}),
        get("/hello", 200, "uri: /uri/plugin_proxy_rewrite\nhost: localhost\nx-api-engine: APISIX\n"
            "x-real-ip: 127.0.0.1\n", more={"X-Api-Test": "foo", "X-Api-Engine": "bar"}),
    ],
    "proxy-rewrite.t regex_uri": [
        pr(regex_uri=["^/test/(.*)/(.*)/(.*)", "/$1_$2_$3"]),
        Admin("PUT", "/routes/1", {"plugins": {"proxy-rewrite": {
            "regex_uri": ["^/test/(.*)/(.*)/(.*)", "/$1_$2_$3"]}}, "upstream": UP, "uri": "/test/*"}),
        get("/test/plugin/proxy/rewrite", 200, "uri: /plugin_proxy_rewrite\nhost: localhost\n"
            "scheme: http\n"),
        get("/test/not/found", 404, like="404 Not Found"),
    ],
    "proxy-rewrite.t headers add/set/remove": [
        pr(uri="/uri/plugin_proxy_rewrite", headers={
            "add": {"X-Api-Add": "a"}, "set": {"X-Api-Set": "s"}, "remove": ["X-Api-Gone"]}),
        get("/hello", 200, "uri: /uri/plugin_proxy_rewrite\nhost: localhost\nx-api-add: a\n"
            "x-api-set: s\nx-real-ip: 127.0.0.1\n", more={"X-Api-Gone": "1", "X-Api-Set": "old"}),
    ],
    "key-auth.t sanity": [
        consumer("jack", {"key-auth": {"key": "auth-one"}}),
        route({"key-auth": {}}),
        get("/hello", 200, HELLO, more={"apikey": "auth-one"}),
        get("/hello", 401, msg("Invalid API key in request"), more={"apikey": "123"}),
        get("/hello", 401, msg("Missing API key in request")),
        get("/hello?apikey=auth-one", 200, HELLO),
    ],
    "key-auth.t hide_credentials": [
        consumer("jack", {"key-auth": {"key": "auth-one"}}),
        route({"key-auth": {"hide_credentials": True}}, uri="/uri"),
        get("/uri", 200, "uri: /uri\n" + URI_HEADERS.replace("x-real", "x-consumer-username: jack\nx-real"),
            more={"apikey": "auth-one"}),
    ],
    "basic-auth.t sanity": [
        consumer("foo", {"basic-auth": {"username": "foo", "password": "bar"}}),
        route({"basic-auth": {}}),
        get("/hello", 401, msg("Missing authorization in request")),
        get("/hello", 401, msg("Invalid user authorization"), more=basic("foo", "baz")),
        get("/hello", 200, HELLO, more=basic("foo", "bar")),
    ],
    "limit-count.t sanity": [
        route({"limit-count": {"count": 2, "time_window": 60, "rejected_code": 503,
                               "key": "remote_addr"}}),
        get("/hello", 200, HELLO, headers={"X-RateLimit-Limit": "2", "X-RateLimit-Remaining": "1"}),
        get("/hello", 200, HELLO, headers={"X-RateLimit-Remaining": "0"}),
        get("/hello", 503, like="503 Service Temporarily Unavailable"),
    ],
    "limit-count.t rejected_msg": [
        route({"limit-count": {"count": 1, "time_window": 60, "rejected_code": 503,
                               "rejected_msg": "Requests are too frequent, please try again later."}}),
        get("/hello", 200, HELLO),
        get("/hello", 503, '{"error_msg":"Requests are too frequent, please try again later."}\n'),
    ],
    "response-rewrite.t body and headers": [
        route({"response-rewrite": {"body": "new body\n", "headers": {"X-Server-id": 3,
                                                                      "X-Server-status": "on"}}}),
        get("/hello", 200, "new body\n", headers={"X-Server-id": "3", "X-Server-status": "on"}),
    ],
    "response-rewrite.t status_code": [
        route({"response-rewrite": {"status_code": 403, "body": "forbidden\n"}}),
        get("/hello", 403, "forbidden\n"),
    ],
    "response-rewrite.t body_base64": [
        route({"response-rewrite": {"body": "SGVsbG8K", "body_base64": True}}),
        get("/hello", 200, "Hello\n"),
    ],
    "response-rewrite.t vars": [
        route({"response-rewrite": {"body": "changed\n", "vars": [["status", "==", 200]]}},
              uri="/*"),
        get("/hello", 200, "changed\n"),
        get("/not_exist", 404, like="404 Not Found"),
    ],
    "response-rewrite.t filters": [
        route({"response-rewrite": {"filters": [{"regex": "l", "replace": "L", "scope": "global"}]}}),
        get("/hello", 200, "heLLo worLd\n"),
    ],
    "ip-restriction.t blacklist": [
        route({"ip-restriction": {"blacklist": ["127.0.0.0/24"]}}),
        get("/hello", 403, msg("Your IP address is not allowed")),
    ],
    "ip-restriction.t whitelist": [
        route({"ip-restriction": {"whitelist": ["127.0.0.1"]}}),
        get("/hello", 200, HELLO),
        route({"ip-restriction": {"whitelist": ["10.0.0.0/8"], "message": "Do you want to do something bad?"}}),
        get("/hello", 403, msg("Do you want to do something bad?")),
    ],
    "consumer-restriction.t whitelist": [
        consumer("jack1", {"basic-auth": {"username": "jack2019", "password": "123456"}}),
        consumer("jack2", {"basic-auth": {"username": "jack2020", "password": "123456"}}),
        route({"basic-auth": {}, "consumer-restriction": {"whitelist": ["jack1"]}}),
        get("/hello", 200, HELLO, more=basic("jack2019", "123456")),
        get("/hello", 403, msg("The consumer_name is forbidden."), more=basic("jack2020", "123456")),
    ],
    "consumer-restriction.t no consumer": [
        route({"consumer-restriction": {"whitelist": ["jack1"]}}),
        # APISIX 3.18's t/plugin/consumer-restriction.t (older releases said "Missing authentication...")
        get("/hello", 401, msg("The request is rejected, please check the consumer_name for this request")),
    ],
    "redirect.t uri 301": [
        route({"redirect": {"uri": "/test/add", "ret_code": 301}}),
        get("/hello", 301, like="301 Moved Permanently", headers={"Location": "/test/add"}),
    ],
    "redirect.t uri vars": [
        route({"redirect": {"uri": "$uri/test/add", "ret_code": 301}}),
        get("/hello", 301, headers={"Location": "/hello/test/add"}),
    ],
    "redirect.t default 302": [
        route({"redirect": {"uri": "/hello/${uri}"}}, uri="/*"),
        get("/hello", 302, like="302 Found", headers={"Location": "/hello//hello"}),
    ],
    "redirect.t append_query_string": [
        route({"redirect": {"uri": "/foo", "append_query_string": True}}),
        get("/hello?name=json", 302, headers={"Location": "/foo?name=json"}),
    ],
    "echo.t before_body": [
        route({"echo": {"before_body": "before the body modification "}}),
        get("/hello", 200, "before the body modification hello world\n"),
    ],
    "echo.t body and headers": [
        route({"echo": {"body": "hello upstream", "headers": {"Location": "https://www.iresty.com"}}}),
        get("/hello", 200, "hello upstream", headers={"Location": "https://www.iresty.com"}),
    ],
    "cors.t default": [
        route({"cors": {}}),
        get("/hello", 200, HELLO, headers={
            "Access-Control-Allow-Origin": "*", "Vary": None, "Access-Control-Allow-Methods": "*",
            "Access-Control-Allow-Headers": "*", "Access-Control-Expose-Headers": None,
            "Access-Control-Max-Age": "5", "Access-Control-Allow-Credentials": None}),
    ],
    "cors.t specified origin": [
        route({"cors": {"allow_origins": "http://sub.domain.com,http://sub2.domain.com",
                        "allow_methods": "GET,POST", "allow_headers": "headr1,headr2",
                        "expose_headers": "ex-headr1,ex-headr2", "max_age": 50,
                        "allow_credential": True}}),
        get("/hello", 200, HELLO, more={"Origin": "http://sub2.domain.com"}, headers={
            "Access-Control-Allow-Origin": "http://sub2.domain.com", "Vary": "Origin",
            "Access-Control-Allow-Methods": "GET,POST", "Access-Control-Allow-Headers": "headr1,headr2",
            "Access-Control-Expose-Headers": "ex-headr1,ex-headr2", "Access-Control-Max-Age": "50",
            "Access-Control-Allow-Credentials": "true"}),
        get("/hello", 200, HELLO, more={"Origin": "http://other.com"},
            headers={"Access-Control-Allow-Origin": None}),
    ],
    "cors.t options preflight": [
        route({"cors": {"allow_origins": "**", "allow_methods": "**", "allow_headers": "**"}}),
        Req("OPTIONS", "/hello", 200, "", more={"Origin": "https://a.com",
                                                 "Access-Control-Request-Headers": "x-a"},
            headers={"Access-Control-Allow-Origin": "https://a.com",
                     "Access-Control-Allow-Methods": "GET,POST,PUT,DELETE,PATCH,HEAD,OPTIONS,CONNECT,TRACE",
                     "Access-Control-Allow-Headers": "x-a"}),
    ],
    "request-id.t default header": [
        route({"request-id": {}}, uri="/uri"),
        get("/uri", 200, like=r"x-request-id: [0-9a-f-]{36}\n"),
    ],
}


@pytest.mark.parametrize("steps", params(CASES))
def test_plugin_case(dp: DataPlane, steps: list[Admin | Req]) -> None:
    run_steps(dp, steps)
