"""Write checks of the plugins beyond the first 18 ported (priorities, subsystems, schema errors), as
APISIX's own cases in apache/apisix `t/plugin/*.t` state them."""

from __future__ import annotations

import pytest

from sandbox.validation import plugins as registry
from sandbox.validation.plugin_check import check_plugins
from tests.sandbox.apisix_t_cases import Step, UPSTREAM, err, params, put, run_case

R1 = "/routes/1"
PRE = "serverless-pre-function"
POST = "serverless-post-function"
FUNC = "return function() ngx.log(ngx.ERR, 'serverless post function'); ngx.exit(201); end"
PREFIX = "failed to check the configuration of plugin "


def route(plugins: dict) -> dict:
    return {"plugins": plugins, "upstream": UPSTREAM, "uri": "/hello"}


def bad(plugin: str, conf: dict, message: str) -> list[Step]:
    """A route PUT that APISIX rejects with `failed to check ... plugin <plugin> err: <message>`."""
    return [err("PUT", R1, route({plugin: conf}), 400, f"{PREFIX}{plugin} err: {message}")]


def good(plugins: dict) -> list[Step]:
    return [put(R1, route(plugins), 201, {"value": {"plugins": plugins}})]


CASES: dict[str, list[Step]] = {
    "serverless.t TEST 4 (invalid phase)": bad(PRE, {"phase": "abc", "functions": [FUNC]},
                                               'property "phase" validation failed: matches none '
                                               "of the enum values"),
    "serverless.t TEST 5 (only accept function)": bad(PRE, {"functions": ["local a = 123;"]},
                                                      "only accept Lua function, the input code "
                                                      "type is nil"),
    "serverless.t TEST 6 (invalid lua code)": bad(PRE, {"functions": ["a"]},
                                                  'failed to loadstring: [string "a"]:1: \'=\' '
                                                  "expected near '<eof>'"),
    "serverless.t TEST 7": good({POST: {"functions": [FUNC]}}),
    "serverless.t TEST 11": good({PRE: {"functions": ["return function() ngx.log(ngx.ERR, "
                                                      "'serverless pre function'); end"]},
                                  POST: {"functions": [FUNC]}}),
    "serverless.t TEST 15": good({PRE: {"phase": "rewrite", "functions": [
        "return function() ngx.log(ngx.ERR, 'one'); end",
        "return function() ngx.log(ngx.ERR, 'two'); end"]}}),
    "serverless.t TEST 17 (closure)": good({PRE: {"phase": "log", "functions": [
        "local count = 1; return function() count = count + 1;ngx.log(ngx.ERR, "
        "'serverless pre function:', count); end"]}}),
    "serverless.t TEST 19 (nested if)": good({PRE: {"functions": [
        'return function() if ngx.var.scheme == "http" and ngx.var.host == "foo.com" then '
        'ngx.header["Location"] = "https://foo.com" .. ngx.var.request_uri; '
        "ngx.exit(ngx.HTTP_MOVED_PERMANENTLY); end; end"]}}),
    # 3.18's phases end with before_proxy (catalogue; t/admin/schema.t), no longer balancer
    "serverless.t TEST 23 (before_proxy phase)": good({PRE: {"phase": "before_proxy", "functions": [
        "return function(conf, ctx) ngx.req.set_header('X-SERVERLESS', ctx.balancer_ip) end"]}}),
    "serverless (sandbox) unbalanced function": bad(PRE, {"functions": ["return function()"]},
                                                    "failed to loadstring: [string \"return "
                                                    "function()\"]:1: 'end' expected near "
                                                    "'<eof>'"),
    "uri-blocker.t TEST 1 (invalid regex)": bad("uri-blocker", {"block_rules": [".+("]},
                                                'pcre_compile() failed: missing ) in ".+("'),
    "uri-blocker.t TEST 2 (multiple valid rules)": good({"uri-blocker": {
        "block_rules": ["^a", "^b"]}}),
    "proxy-mirror.t TEST 13 (sample_ratio 10)": bad("proxy-mirror", {
        "host": "http://127.0.0.1:1986", "sample_ratio": 10},
        'property "sample_ratio" validation failed: expected 10 to be at most 1'),
    "proxy-mirror.t TEST 14": good({"proxy-mirror": {"host": "http://127.0.0.1:1986",
                                                     "sample_ratio": 1}}),
    "ua-restriction.t TEST 29 (empty conf)": bad("ua-restriction", {},
                                                 "value should match only one schema, but "
                                                 "matches none"),
    "ua-restriction.t (allowlist)": good({"ua-restriction": {
        "allowlist": ["my-bot1", "(Twitterspider)/(\\d+)\\.(\\d+)"]}}),
    "example-plugin (plugin.t) i >= 0": bad("example-plugin", {"i": -1},
                                            'property "i" validation failed: expected -1 to be at '
                                            "least 0"),
    "example-plugin (plugin.t) valid": good({"example-plugin": {"i": 1, "s": "s", "t": [1]}}),
    "grpc-transcode.t (required proto_id)": bad("grpc-transcode", {"service": "s", "method": "m"},
                                                'property "proto_id" is required'),
    "fault-injection.t (abort)": good({"fault-injection": {"abort": {"http_status": 200,
                                                                      "body": "Fault Injection!"}}}),
    "fault-injection.t (empty conf)": bad("fault-injection", {},
                                          "expect object to have at least 1 properties"),
    "api-breaker.t TEST 1": good({"api-breaker": {"break_response_code": 502,
                                                  "unhealthy": {"http_statuses": [500, 503],
                                                                "failures": 3},
                                                  "healthy": {"http_statuses": [200],
                                                              "successes": 3}}}),
    "real-ip.t (bad cidr)": bad("real-ip", {"source": "http_x_forwarded_for",
                                            "trusted_addresses": ["1.1.1.1/33"]},
                                'property "trusted_addresses" validation failed: failed to '
                                "validate item 1: object matches none of the required"),
    "node-status (no schema fields)": bad("node-status", {"a": 1},
                                          "additional properties forbidden, found a"),
    "public-api + gzip + referer-restriction": good({
        "public-api": {"uri": "/apisix/prometheus/metrics"}, "gzip": {"types": "*"},
        "referer-restriction": {"whitelist": ["*.xx.com"]}}),
    # api7/jsonschema anyOf-of-required wording (as in the core schemas); not quoted by a .t file
    "request-validation (sandbox) neither schema": bad("request-validation", {},
                                                       'object matches none of the required: '
                                                       '["header_schema"] or ["body_schema"]'),
}


@pytest.mark.parametrize("steps", params(CASES))
def test_plugin_t(box, steps: list[Step]) -> None:
    run_case(box, steps)


def test_added_plugins_priorities_and_subsystems() -> None:
    http = registry.names("http")
    assert "mqtt-proxy" not in http and http[0] == "real-ip" and http[-1] == POST
    priorities = [registry.get(n).priority for n in http]
    lookup = lambda n: registry.get(n) or registry.get(n, "stream")  # noqa: E731
    assert priorities == sorted(priorities, reverse=True)
    assert registry.names("stream")[:3] == ["ip-restriction", "limit-conn", "mqtt-proxy"]
    expected = {"example-plugin": 0, "grpc-transcode": 506, "mqtt-proxy": 1000, PRE: 10000,
                POST: -2000, "fault-injection": 11000, "proxy-mirror": 1010, "uri-blocker": 2900,
                "request-validation": 2800, "real-ip": 23000, "api-breaker": 1005,
                "ua-restriction": 2999, "referer-restriction": 2990, "node-status": 1000,
                "public-api": 501, "gzip": 995}
    assert {n: lookup(n).priority for n in expected} == expected


def test_subsystem_lookup_and_stream_wording() -> None:
    assert check_plugins({"mqtt-proxy": {"protocol_level": 4}}, subsystem="http") == \
        "unknown plugin [mqtt-proxy]"
    assert check_plugins({"cors": {}}, subsystem="stream") == "unknown plugin [cors]"
    assert check_plugins({"mqtt-proxy": {}}, subsystem="stream") == \
        'failed to check the configuration of stream plugin [mqtt-proxy]: property ' \
        '"protocol_level" is required'
    assert check_plugins({"mqtt-proxy": {"protocol_level": 4}}) is None
