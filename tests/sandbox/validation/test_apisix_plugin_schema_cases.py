"""Schema checks of the 18 first ported plugins as APISIX's own tests expect them: apache/apisix
`t/plugin/<name>*.t`."""

from __future__ import annotations

from typing import Any

import pytest

from tests.sandbox.apisix_t_cases import Step, err, like, params, put, run_case

UP = {"type": "roundrobin", "nodes": {"127.0.0.1:1980": 1}}
ROUTE_ERR = "failed to check the configuration of plugin {name} err: {err}"
CONSUMER_ERR = "invalid plugins configuration: " + ROUTE_ERR


def route(name: str, conf: Any, path: str = "/routes/1") -> dict[str, Any]:
    body: dict[str, Any] = {"plugins": {name: conf}, "upstream": UP}
    if path.startswith("/routes"):
        body["uri"] = "/hello"
    return body


def ok(name: str, conf: Any, path: str = "/routes/1") -> list[Step]:
    """`plugin.check_schema(conf)` says done / the admin test prints passed."""
    return [put(path, route(name, conf, path), 201)]


def bad(name: str, conf: Any, message: str, path: str = "/routes/1") -> list[Step]:
    """A route (or service) PUT that plugin.lua rejects with `message`."""
    return [err("PUT", path, route(name, conf, path), 400, ROUTE_ERR.format(name=name, err=message))]


def c_ok(name: str, conf: Any) -> list[Step]:
    return [put("/consumers", {"username": "jack", "plugins": {name: conf}}, 201)]


def c_bad(name: str, conf: Any, message: str) -> list[Step]:
    body = {"username": "jack", "plugins": {name: conf}}
    return [err("PUT", "/consumers", body, 400, CONSUMER_ERR.format(name=name, err=message))]


def schema(name: str, expect: dict[str, Any], query: str = "") -> list[Step]:
    return [Step("GET", f"/schema/plugins/{name}{query}", None, 200, expect)]


def typ(prop: str, want: str, got: str) -> str:
    return f'property "{prop}" validation failed: wrong type: expected {want}, got {got}'


def enum(prop: str) -> str:
    return f'property "{prop}" validation failed: matches none of the enum values'


LC = {"count": 2, "time_window": 60, "rejected_code": 503, "key": "remote_addr"}
RULES = [{"count": 1, "time_window": 10, "key": "${http_company}"}]

AUTH: dict[str, list[Step]] = {
    "key-auth.t TEST 1": c_ok("key-auth", {"key": "test-key"}),
    "key-auth.t TEST 2": c_bad("key-auth", {"key": 123}, typ("key", "string", "number")),
    "key-auth.t TEST 4": ok("key-auth", {}),
    "key-auth.t TEST 9": c_bad("key-auth", {}, 'property "key" is required'),
    "key-auth.t TEST 10": ok("key-auth", {"header": "Authorization"}),
    "key-auth.t TEST 12": ok("key-auth", {"query": "auth"}),
    "key-auth.t TEST 16": ok("key-auth", {"hide_credentials": True}),
    "key-auth.t TEST 20": ok("key-auth", {"query": "auth", "hide_credentials": True}),
    "key-auth.t header wrong type": bad("key-auth", {"header": 1}, typ("header", "string", "number")),
    "key-auth.t anonymous_consumer empty": bad("key-auth", {"anonymous_consumer": ""},
                                               'property "anonymous_consumer" validation failed: '
                                               "string too short, expected at least 1, got 0"),
    "basic-auth.t TEST 1": c_ok("basic-auth", {"username": "foo", "password": "bar"}),
    "basic-auth.t TEST 2": c_bad("basic-auth", {"username": 123, "password": "bar"},
                                 typ("username", "string", "number")),
    "basic-auth.t TEST 4": ok("basic-auth", {}),
    "basic-auth.t TEST 12": c_bad("basic-auth", {"username": "foo"}, 'property "password" is required'),
    "basic-auth.t TEST 13": [like("PUT", "/consumers", {"username": "foo", "plugins": {"basic-auth": {}}}, 400,
                                  r'basic-auth err: property \\"(username|password)\\" is required"')],
    "basic-auth.t TEST 14": [err("PUT", "/consumers", {"username": "foo", "plugins": {"basic-auth": "blah"}}, 400,
                                 'invalid plugins configuration: invalid plugin conf "blah" for plugin [basic-auth]')],
    "basic-auth.t TEST 15": schema("basic-auth", {"title": "work with route or service object", "type": "object"}),
    "basic-auth.t TEST 16": schema("basic-auth", {"title": "work with consumer object",
                                                  "required": ["username", "password"], "type": "object",
                                                  "properties": {"username": {"type": "string"},
                                                                 "password": {"type": "string"}}},
                                   "?schema_type=consumer"),
    "basic-auth.t TEST 17": schema("basic-auth", {"title": "work with route or service object"},
                                   "?schema_type=consumer123123"),
    "basic-auth.t TEST 18": ok("basic-auth", {"hide_credentials": True}),
    "jwt-auth.t consumer sanity": c_ok("jwt-auth", {"key": "user-key", "secret": "my-secret-key"}),
    "jwt-auth.t consumer missing key": c_bad("jwt-auth", {"secret": "s"}, 'property "key" is required'),
    "jwt-auth.t consumer bad algorithm": c_bad("jwt-auth", {"key": "k", "algorithm": "HS1024"},
                                               enum("algorithm")),
    "jwt-auth.t TEST 50 RS256 no public_key": c_bad(
        "jwt-auth", {"key": "user-key-res256", "algorithm": "RS256"},
        'failed to validate dependent schema for "algorithm": value should match only one schema, but matches none'),
    "jwt-auth3.t TEST 7 PS256 secret only": c_bad(
        "jwt-auth", {"key": "user-key", "secret": "my-secret-key", "algorithm": "PS256"},
        'failed to validate dependent schema for "algorithm": value should match only one schema, but matches none'),
    "jwt-auth.t RS256 with public_key": c_ok("jwt-auth", {"key": "k", "algorithm": "RS256",
                                                          "public_key": "-----BEGIN PUBLIC KEY-----"}),
    "jwt-auth.t base64_secret not base64": c_bad("jwt-auth", {"key": "k", "secret": "a!b", "base64_secret": True},
                                                 "base64_secret required but the secret is not in base64 format"),
    "jwt-auth.t exp zero": c_bad("jwt-auth", {"key": "k", "secret": "s", "exp": 0},
                                 'property "exp" validation failed: expected 0 to be at least 1'),
    "jwt-auth.t route": ok("jwt-auth", {}),
    "jwt-auth.t route header": ok("jwt-auth", {"header": "jwt-header", "query": "jwt-query",
                                               "cookie": "jwt-cookie"}),
    "jwt-auth.t route key_claim_name empty": bad("jwt-auth", {"key_claim_name": ""},
                                                 'property "key_claim_name" validation failed: '
                                                 "string too short, expected at least 1, got 0"),
    "hmac-auth.t consumer sanity": c_ok("hmac-auth", {"key_id": "user-key", "secret_key": "my-secret-key"}),
    "hmac-auth.t consumer missing secret_key": c_bad("hmac-auth", {"key_id": "user-key"},
                                                     'property "secret_key" is required'),
    "hmac-auth.t consumer missing key_id": c_bad("hmac-auth", {"secret_key": "skey"},
                                                 'property "key_id" is required'),
    "hmac-auth.t route sanity": ok("hmac-auth", {}),
    "hmac-auth.t allowed_algorithms bad": bad("hmac-auth", {"allowed_algorithms": ["hmac-sha1024"]},
                                              'property "allowed_algorithms" validation failed: '
                                              "failed to validate item 1: matches none of the enum values"),
    "hmac-auth.t clock_skew zero": bad("hmac-auth", {"clock_skew": 0},
                                       'property "clock_skew" validation failed: expected 0 to be at least 1'),
    "hmac-auth.t signed_headers": ok("hmac-auth", {"signed_headers": ["x-custom-header-a"]}),
}

LIMITS: dict[str, list[Step]] = {
    "limit-count.t TEST 1": ok("limit-count", LC),
    "limit-count.t TEST 8": bad("limit-count", {"time_window": 60, "rejected_code": 503},
                                'value should match only one schema, but matches none'),  # 3.18 oneOf (recorded)
    "limit-count.t TEST 9": bad("limit-count", {**LC, "count": -100},
                                'property "count" validation failed: value should match only one schema, but matches none'),
    "limit-count.t TEST 11": bad("limit-count", {"time_window": 60, "rejected_code": 503},
                                 'value should match only one schema, but matches none', "/services/1"),
    "limit-count.t TEST 12": bad("limit-count", {**LC, "count": -100},
                                 'property "count" validation failed: value should match only one schema, but matches none',
                                 "/services/1"),
    "limit-count.t missing time_window": bad("limit-count", {"count": 2}, 'value should match only one schema, but matches none'),
    "limit-count.t rejected_code 600": bad("limit-count", {**LC, "rejected_code": 600},
                                           'property "rejected_code" validation failed: expected 600 to be at most 599'),
    "limit-count.t bad policy": bad("limit-count", {**LC, "policy": "memcached"}, enum("policy")),
    "limit-count.t key_type constant": ok("limit-count", {**LC, "key_type": "constant", "key": "x"}),
    "limit-count2.t TEST 1 rejected_msg bool": bad("limit-count", {**LC, "rejected_msg": True},
                                                   typ("rejected_msg", "string", "boolean")),
    "limit-count2.t TEST 2 rejected_msg empty": bad("limit-count", {**LC, "rejected_msg": ""},
                                                    'property "rejected_msg" validation failed: '
                                                    "string too short, expected at least 1, got 0"),
    "limit-count-redis.t TEST 1 no host": bad("limit-count", {**LC, "policy": "redis"}, "then clause did not match"),
    "limit-count-redis.t TEST 2": ok("limit-count", {**LC, "policy": "redis", "redis_host": "127.0.0.1",
                                                     "redis_port": 6379, "redis_timeout": 1001}),
    "limit-count-redis-cluster.t TEST 1": bad("limit-count", {**LC, "policy": "redis-cluster"},
                                              "else clause did not match"),
    "limit-count-redis-cluster.t TEST 2": ok("limit-count", {**LC, "policy": "redis-cluster",
                                                             "redis_cluster_nodes": ["127.0.0.1:5000",
                                                                                     "127.0.0.1:5001"],
                                                             "redis_cluster_name": "redis-cluster-1"}),
    "limit-count-redis-sentinel no sentinels": bad("limit-count", {**LC, "policy": "redis-sentinel"},
                                                   "else clause did not match"),
    "limit-count-rules.t TEST 1": bad("limit-count", {**LC, "rules": RULES},
                                      "count/time_window and rules cannot be specified at the same time"),
    "limit-count-rules.t TEST 2": bad("limit-count", {"rejected_code": 503, "rules": [
        {"count": 5, "time_window": 10, "key": "${http_company}"},
        {"count": 8, "time_window": 20, "key": "${http_company}"}]},
        "duplicate key '${http_company}' in rules"),
    "limit-count-rules.t TEST 3": ok("limit-count", {"rejected_code": 503, "rejected_msg": "rejected", "rules": [
        {"key": "${http_user}", "count": "${http_jack_count}", "time_window": 60},
        {"key": "${http_project}", "count": "${http_apisix_count}", "time_window": 60}]}),
    "limit-count-rules.t group and rules": bad("limit-count", {"group": "g", "rules": RULES},
                                               "group and rules cannot be specified at the same time"),
    "limit-count sync_interval too small": bad("limit-count", {**LC, "policy": "redis", "redis_host": "127.0.0.1",
                                                               "sync_interval": 0.01},
                                               "sync_interval should not be smaller than 0.1"),
    "limit-req.t TEST 1": ok("limit-req", {"rate": 1, "burst": 0, "rejected_code": 503, "key": "remote_addr"}),
    "limit-req.t TEST 5": ok("limit-req", {"rate": 0.1, "burst": 0.1, "rejected_code": 503, "key": "remote_addr"}),
    "limit-req.t TEST 7": bad("limit-req", {"rate": -1, "burst": 0.1, "rejected_code": 503, "key": "remote_addr"},
                              'property "rate" validation failed: expected -1 to be greater than 0'),
    "limit-req.t TEST 11": ok("limit-req", {"rate": 4, "burst": 2, "key": "remote_addr"}),
    "limit-req.t TEST 12": [put("/consumers", {"username": "consumer_limit_req", "plugins": {
        "key-auth": {"key": "auth-jack"},
        "limit-req": {"rate": 2, "burst": 1, "rejected_code": 403, "key": "consumer_name"}}}, 201)],
    "limit-req.t missing key": bad("limit-req", {"rate": 1, "burst": 0}, 'property "key" is required'),
    "limit-req.t burst negative": bad("limit-req", {"rate": 1, "burst": -1, "key": "remote_addr"},
                                      'property "burst" validation failed: expected -1 to be at least 0'),
    "limit-req.t rejected_code 199": bad("limit-req", {"rate": 1, "burst": 0, "key": "remote_addr",
                                                       "rejected_code": 199},
                                         'property "rejected_code" validation failed: expected 199 to be at least 200'),
    "limit-req.t key_type bad": bad("limit-req", {"rate": 1, "burst": 0, "key": "remote_addr", "key_type": "x"},
                                    enum("key_type")),
    "limit-req.t TEST 2 (limit-conn)": bad("limit-conn", {"burst": 0, "rejected_code": 503, "key": "remote_addr"},
                                           'value should match only one schema, but matches none'),
    "limit-conn.t sanity": ok("limit-conn", {"conn": 100, "burst": 50, "default_conn_delay": 0.1,
                                             "rejected_code": 503, "key": "remote_addr"}),
    "limit-conn.t conn zero": bad("limit-conn", {"conn": 0, "burst": 0, "default_conn_delay": 0.1,
                                                 "key": "remote_addr"},
                                  'property "conn" validation failed: value should match only one schema, but matches none'),
    "limit-conn.t missing default_conn_delay": bad("limit-conn", {"conn": 1, "burst": 0, "key": "remote_addr"},
                                                   'value should match only one schema, but matches none'),
    "limit-conn.t only_use_default_delay": ok("limit-conn", {"conn": 1, "burst": 0, "default_conn_delay": 0.1,
                                                             "only_use_default_delay": True, "key": "remote_addr"}),
    "limit-conn.t key_type var_combination": ok("limit-conn", {"conn": 1, "burst": 0, "default_conn_delay": 0.1,
                                                               "key_type": "var_combination",
                                                               "key": "$remote_addr $http_x"}),
}

TRANSFORM: dict[str, list[Step]] = {
    "proxy-rewrite.t TEST 1": ok("proxy-rewrite", {"uri": "/apisix/home", "host": "apisix.iresty.com"}),
    "proxy-rewrite.t bad method": bad("proxy-rewrite", {"method": "GET1"}, enum("method")),
    "proxy-rewrite.t method": ok("proxy-rewrite", {"method": "POST"}),
    "proxy-rewrite.t uri no slash": bad("proxy-rewrite", {"uri": "home"},
                                        'property "uri" validation failed: failed to match pattern "^\\\\/.*" '
                                        'with "home"'),
    "proxy-rewrite.t regex_uri odd": bad("proxy-rewrite", {"regex_uri": ["^/a", "/b", "^/c"]},
                                         "The length of regex_uri should be an even number"),
    "proxy-rewrite.t regex_uri too short": bad("proxy-rewrite", {"regex_uri": ["^/a"]},
                                               'property "regex_uri" validation failed: '
                                               "expect array to have at least 2 items"),
    "proxy-rewrite.t regex_uri ok": ok("proxy-rewrite", {"regex_uri": ["^/test/(.*)/(.*)/(.*)", "/$1_$2_$3"]}),
    "proxy-rewrite.t headers add/set/remove": ok("proxy-rewrite", {"headers": {
        "add": {"X-Api-Version": "v1"}, "set": {"X-Api-Engine": "apisix"}, "remove": ["X-Forwarded-For"]}}),
    "proxy-rewrite.t TEST 14 headers map": ok("proxy-rewrite", {"uri": "/uri/plugin_proxy_rewrite",
                                                                "headers": {"X-Api-Version": "v2"}}),
    "proxy-rewrite.t host bad": bad("proxy-rewrite", {"host": "a/b"},
                                    'property "host" validation failed: failed to match pattern '
                                    '"^[0-9a-zA-Z-.]+(:\\\\d{1,5})?$" with "a/b"'),
    "proxy-rewrite.t use_real_request_uri_unsafe": ok("proxy-rewrite", {"use_real_request_uri_unsafe": True}),
    "response-rewrite.t TEST 1": ok("response-rewrite", {"body": "Hello world", "headers": {"X-Server-id": 3}}),
    "response-rewrite.t TEST 2": bad("response-rewrite", {"status_code": 599},
                                     'property "status_code" validation failed: expected 599 to be at most 598'),
    "response-rewrite.t TEST 3": bad("response-rewrite", {"body": 2, "headers": {"X-Server-id": "3"}},
                                     typ("body", "string", "number")),
    "response-rewrite.t TEST 4": ok("response-rewrite", {"headers": {"X-Server-id": 3, "X-Server-status": "on",
                                                                     "Content-Type": ""}, "body": "new body\n"}),
    "response-rewrite.t TEST 12": ok("response-rewrite", {"body": "SGVsbG8K", "body_base64": True}),
    "response-rewrite.t TEST 14": bad("response-rewrite", {"body": "1", "body_base64": True},
                                      "invalid base64 content"),
    "response-rewrite.t TEST 17": ok("response-rewrite", {"vars": [["status", "==", 200]]}),
    "response-rewrite.t TEST 18": ok("response-rewrite", {"body": "new body3\n", "status_code": 403,
                                                          "vars": [["status", "==", 500]]}),
    "response-rewrite.t bad vars": bad("response-rewrite", {"vars": [["status", "=", 200]]},
                                       "failed to validate the 'vars' expression: invalid operator '='"),
    "response-rewrite2.t filters ok": ok("response-rewrite", {"filters": [{"regex": "hello", "replace": "test"}]}),
    "response-rewrite2.t filters missing replace": bad(
        "response-rewrite", {"filters": [{"regex": "hello"}]},
        'property "filters" validation failed: failed to validate item 1: property "replace" is required'),
    "response-rewrite2.t filters bad scope": bad(
        "response-rewrite", {"filters": [{"regex": "hello", "replace": "x", "scope": "two"}]},
        'property "filters" validation failed: failed to validate item 1: '
        'property "scope" validation failed: matches none of the enum values'),
    "response-rewrite2.t filters empty": bad("response-rewrite", {"filters": []},
                                             'property "filters" validation failed: '
                                             "expect array to have at least 1 items"),
    "response-rewrite2.t filters bad regex": [like("PUT", "/routes/1", route("response-rewrite", {"filters": [
        {"regex": "(", "replace": "x"}]}), 400, r'response-rewrite err: regex \\"\(\\" validation failed: ')],
    "redirect.t TEST 1": ok("redirect", {"ret_code": 302, "uri": "/foo"}),
    "redirect.t TEST 2": ok("redirect", {"uri": "/foo"}),
    "redirect.t TEST 5": ok("redirect", {"uri": "$uri/test/add", "ret_code": 301}),
    "redirect.t TEST 7": ok("redirect", {"uri": "$uri/test/a${arg_name}c", "ret_code": 302}),
    "redirect.t TEST 9": ok("redirect", {"uri": "/foo$$uri", "ret_code": 302}),
    "redirect.t TEST 17": ok("redirect", {"http_to_https": True}),
    "redirect.t TEST 21": [like("PUT", "/routes/1", {"uri": "/hello", "host": "foo.com", "plugins": {
        "redirect": {"http_to_https": True, "uri": "/hello"}}}, 400,
        "failed to check the configuration of plugin redirect err: value should match only one schema, "
        "but matches both schemas 1 and 3")],
    "redirect.t nothing": bad("redirect", {"ret_code": 302},
                              "value should match only one schema, but matches none"),
    "redirect.t ret_code 100": bad("redirect", {"uri": "/foo", "ret_code": 100},
                                   'property "ret_code" validation failed: expected 100 to be at least 200'),
    "redirect.t regex_uri ok": ok("redirect", {"regex_uri": ["^/test/(.*)", "/$1"]}),
    "redirect.t regex_uri one": bad("redirect", {"regex_uri": ["^/test/(.*)"]},
                                    'property "regex_uri" validation failed: expect array to have at least 2 items'),
    "redirect.t https + append_query_string": bad(
        "redirect", {"http_to_https": True, "append_query_string": True},
        "only one of `http_to_https` and `append_query_string` can be configured."),
    "redirect.t uri too short": bad("redirect", {"uri": "/"},
                                    'property "uri" validation failed: string too short, expected at least 2, got 1'),
    "echo.t sanity": ok("echo", {"before_body": "before the body modification "}),
    "echo.t body wrong type": bad("echo", {"before_body": 123}, typ("before_body", "string", "number")),
    "echo.t headers only": bad("echo", {"headers": {"Location": "https://www.iresty.com"}},
                               'object matches none of the required: ["before_body"] or ["body"] or ["after_body"]'),
    "echo.t body and headers": ok("echo", {"body": "hello upstream", "headers": {"Location": "/x"}}),
    "echo.t empty": bad("echo", {}, "expect object to have at least 1 properties"),
}

ACCESS: dict[str, list[Step]] = {
    "cors.t TEST 3": ok("cors", {}),
    "cors.t max_age string": bad("cors", {"max_age": "600"}, typ("max_age", "integer", "string")),
    "cors.t TEST 4": ok("cors", {"allow_origins": "**", "allow_methods": "**", "allow_headers": "request-h",
                                 "expose_headers": "expose-h", "madx_age": 5, "allow_credential": True}),
    "cors.t TEST 8": ok("cors", {"allow_origins": "http://sub.domain.com,http://sub2.domain.com",
                                 "allow_methods": "GET,POST", "allow_headers": "headr1,headr2",
                                 "expose_headers": "ex-headr1,ex-headr2", "max_age": 50,
                                 "allow_credential": True}),
    "cors.t TEST 24": [err("PUT", "/routes/1", {"plugins": {"cors": {"allow_origins": "*",
                                                                     "allow_credential": True}},
                                                "uri": "/hello"}, 400,
                           "failed to check the configuration of plugin cors err: you can not set '*' for other "
                           "option when 'allow_credential' is true")],
    "cors.t allow_methods * with credential": bad("cors", {"allow_origins": "http://a.com", "allow_methods": "*",
                                                           "allow_credential": True},
                                                  "you can not set '*' for other option when 'allow_credential' "
                                                  "is true"),
    "cors.t bad origin": bad("cors", {"allow_origins": "domain.com"},
                             'property "allow_origins" validation failed: failed to match pattern '
                             '"^(\\\\*|\\\\*\\\\*|null|\\\\w+://[^,]+(,\\\\w+://[^,]+)*)$" with "domain.com"'),
    "cors.t allow_origins_by_regex": ok("cors", {"allow_origins_by_regex": [".*\\.test.com$"]}),
    "cors.t allow_origins_by_regex empty": bad("cors", {"allow_origins_by_regex": []},
                                               'property "allow_origins_by_regex" validation failed: '
                                               "expect array to have at least 1 items"),
    "cors.t allow_origins_by_metadata": ok("cors", {"allow_origins_by_metadata": ["key_1"]}),
    "ip-restriction.t whitelist": ok("ip-restriction", {"whitelist": ["127.0.0.0/24", "113.74.26.106"]}),
    "ip-restriction.t blacklist": ok("ip-restriction", {"blacklist": ["127.0.0.1", "::1", "fe80::/32"]}),
    "ip-restriction.t both": bad("ip-restriction", {"whitelist": ["127.0.0.1"], "blacklist": ["127.0.0.2"]},
                                 "value should match only one schema, but matches both schemas 1 and 2"),
    "ip-restriction.t none": bad("ip-restriction", {}, "value should match only one schema, but matches none"),
    "ip-restriction.t empty list": bad("ip-restriction", {"whitelist": []},
                                       'property "whitelist" validation failed: expect array to have at least 1 items'),
    "ip-restriction.t bad ip": bad("ip-restriction", {"whitelist": ["10.255.256.0/24"]},
                                   'property "whitelist" validation failed: failed to validate item 1: '
                                   "object matches none of the required"),
    "ip-restriction.t message": ok("ip-restriction", {"whitelist": ["127.0.0.1"], "message": "Do you want to do"}),
    "ip-restriction.t message too long": bad("ip-restriction", {"whitelist": ["127.0.0.1"], "message": "a" * 1025},
                                             'property "message" validation failed: '
                                             "string too long, expected at most 1024, got 1025"),
    "ip-restriction.t response_code 405": bad("ip-restriction", {"whitelist": ["127.0.0.1"], "response_code": 405},
                                              'property "response_code" validation failed: '
                                              "expected 405 to be at most 404"),
    "consumer-restriction.t whitelist": ok("consumer-restriction", {"whitelist": ["jack1", "jack2"]}),
    "consumer-restriction.t blacklist": ok("consumer-restriction", {"blacklist": ["jack1"]}),
    "consumer-restriction.t none": bad("consumer-restriction", {},
                                       'object matches none of the required: ["blacklist"] or ["whitelist"] '
                                       'or ["allowed_by_methods"]'),
    "consumer-restriction.t empty whitelist": bad("consumer-restriction", {"whitelist": []},
                                                  'property "whitelist" validation failed: '
                                                  "expect array to have at least 1 items"),
    "consumer-restriction.t bad type": bad("consumer-restriction", {"type": "x", "whitelist": ["a"]}, enum("type")),
    "consumer-restriction.t service_id": ok("consumer-restriction", {"type": "service_id", "whitelist": ["1"]}),
    "consumer-restriction.t allowed_by_methods": ok("consumer-restriction", {"allowed_by_methods": [
        {"user": "jack1", "methods": ["POST"]}]}),
    "consumer-restriction.t bad method": bad("consumer-restriction", {"allowed_by_methods": [
        {"user": "jack1", "methods": ["FETCH"]}]},
        'property "allowed_by_methods" validation failed: failed to validate item 1: property "methods" '
        "validation failed: failed to validate item 1: matches none of the enum values"),
    "consumer-restriction.t rejected_code 100": bad("consumer-restriction", {"whitelist": ["a"], "rejected_code": 100},
                                                    'property "rejected_code" validation failed: '
                                                    "expected 100 to be at least 200"),
}

TS_UP = {"type": "roundrobin", "nodes": {"127.0.0.1:1981": 1}}

ROUTING: dict[str, list[Step]] = {
    "traffic-split.t sanity": ok("traffic-split", {"rules": [{"match": [{"vars": [["arg_name", "==", "jack"]]}],
                                                             "weighted_upstreams": [{"upstream": TS_UP,
                                                                                     "weight": 2},
                                                                                    {"weight": 1}]}]}),
    "traffic-split.t bad vars": bad("traffic-split", {"rules": [{"match": [{"vars": [["arg_name", "=", "jack"]]}],
                                                                "weighted_upstreams": [{"weight": 1}]}]},
                                    "failed to validate the 'vars' expression: invalid operator '='"),
    "traffic-split.t weight negative": bad("traffic-split", {"rules": [{"weighted_upstreams": [{"weight": -1}]}]},
                                           'property "rules" validation failed: failed to validate item 1: '
                                           'property "weighted_upstreams" validation failed: failed to validate '
                                           'item 1: property "weight" validation failed: expected -1 to be at '
                                           "least 0"),
    "traffic-split.t empty weighted_upstreams": bad("traffic-split", {"rules": [{"weighted_upstreams": []}]},
                                                    'property "rules" validation failed: failed to validate item 1: '
                                                    'property "weighted_upstreams" validation failed: '
                                                    "expect array to have at least 1 items"),
    "traffic-split.t rules empty table": ok("traffic-split", {"rules": {}}),
    "traffic-split.t rules not array": bad("traffic-split", {"rules": "x"}, typ("rules", "array", "string")),
    "traffic-split.t upstream_id": ok("traffic-split", {"rules": [{"weighted_upstreams": [{"upstream_id": 1,
                                                                                           "weight": 1}]}]}),
    "proxy-cache.t sanity": ok("proxy-cache", {"cache_zone": "disk_cache_one", "cache_key": ["$host", "$uri"],
                                               "cache_bypass": ["$arg_bypass"], "cache_method": ["GET"],
                                               "cache_http_status": [200], "hide_cache_headers": True,
                                               "no_cache": ["$arg_no_cache"]}),
    "proxy-cache.t default": ok("proxy-cache", {}),
    "proxy-cache.t bad zone": bad("proxy-cache", {"cache_zone": "invalid_disk_cache"},
                                  "cache_zone invalid_disk_cache not found"),
    "proxy-cache.t request_method key": bad("proxy-cache", {"cache_key": ["$host", "$request_method"]},
                                            "cache_key variable $request_method unsupported"),
    "proxy-cache.t bad status": bad("proxy-cache", {"cache_http_status": [1]},
                                    'property "cache_http_status" validation failed: failed to validate item 1: '
                                    "expected 1 to be at least 200"),
    "proxy-cache.t bad method": bad("proxy-cache", {"cache_method": ["PUT"]},
                                    'property "cache_method" validation failed: failed to validate item 1: '
                                    "matches none of the enum values"),
    "proxy-cache.t memory on disk zone": bad("proxy-cache", {"cache_strategy": "memory",
                                                             "cache_zone": "disk_cache_one"},
                                             "invalid or empty cache_zone for cache_strategy: memory"),
    "proxy-cache.t memory zone": ok("proxy-cache", {"cache_strategy": "memory", "cache_zone": "memory_cache",
                                                    "cache_ttl": 10}),
    "proxy-cache.t bad cache_key": bad("proxy-cache", {"cache_key": ["$"]},
                                       'property "cache_key" validation failed: failed to validate item 1: '
                                       'failed to match pattern "(^[^\\\\$].+$|^\\\\$[0-9a-zA-Z_]+$)" with "$"'),
    "proxy-cache.t cache_ttl zero": bad("proxy-cache", {"cache_strategy": "memory", "cache_zone": "memory_cache",
                                                        "cache_ttl": 0},
                                        'property "cache_ttl" validation failed: expected 0 to be at least 1'),
    "request-id.t sanity": ok("request-id", {}),
    "request-id.t header_name": ok("request-id", {"header_name": "Custom-Header-Name"}),
    "request-id.t bad algorithm": bad("request-id", {"algorithm": "bad"}, enum("algorithm")),
    "request-id.t range_id": ok("request-id", {"algorithm": "range_id",
                                               "range_id": {"char_set": "abcdefg", "length": 6}}),
    "request-id.t range_id short char_set": bad("request-id", {"algorithm": "range_id",
                                                               "range_id": {"char_set": "abc", "length": 6}},
                                                'property "range_id" validation failed: property "char_set" '
                                                "validation failed: string too short, expected at least 6, got 3"),
    "request-id.t include_in_response": bad("request-id", {"include_in_response": "yes"},
                                            typ("include_in_response", "boolean", "string")),
    "prometheus.t sanity": ok("prometheus", {}),
    "prometheus.t prefer_name": ok("prometheus", {"prefer_name": True}),
    "prometheus.t prefer_name wrong type": bad("prometheus", {"prefer_name": "true"},
                                               typ("prefer_name", "boolean", "string")),
}

ALL = {**AUTH, **LIMITS, **TRANSFORM, **ACCESS, **ROUTING}


@pytest.mark.parametrize("steps", params(ALL))
def test_plugin_schema_t(box, steps: list[Step]) -> None:
    run_case(box, steps)
