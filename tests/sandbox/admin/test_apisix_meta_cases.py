"""The non-CRUD endpoints and list filters as APISIX's own tests expect them: apache/apisix
`t/admin/schema.t`, `plugins.t`, `resources.t`, `api.t` and `filter.t` (plugin order, schemas, list filters)."""

from __future__ import annotations

import json

import pytest
import requests

from tests.helpers.procs import PLUGIN_CATALOGUE
from tests.sandbox.apisix_t_cases import (
    Step,
    UPSTREAM,
    err,
    header,
    like,
    list_ids,
    list_len,
    params,
    probe,
    put,
    run_probes,
)

# plugins.t TEST 1 (newest copy): APISIX's default http plugin order; the sandbox ships a subset of it.
APISIX_ORDER = (
    "real-ip ai client-control proxy-control request-id zipkin ext-plugin-pre-req fault-injection mocking "
    "serverless-pre-function cors ip-restriction ua-restriction referer-restriction csrf uri-blocker "
    "request-validation chaitin-waf multi-auth openid-connect cas-auth authz-casbin authz-casdoor wolf-rbac "
    "ldap-auth hmac-auth basic-auth jwt-auth jwe-decrypt key-auth consumer-restriction attach-consumer-label "
    "forward-auth opa authz-keycloak proxy-cache body-transformer ai-request-rewrite ai-prompt-guard "
    "ai-prompt-template ai-prompt-decorator ai-rag ai-aws-content-moderation ai-proxy-multi ai-proxy "
    "ai-rate-limiting ai-aliyun-content-moderation proxy-mirror proxy-rewrite workflow api-breaker limit-conn "
    "limit-count limit-req gzip traffic-split redirect response-rewrite mcp-bridge degraphql kafka-proxy "
    "grpc-transcode grpc-web http-dubbo public-api prometheus datadog etcd-logger lago loki-logger "
    "elasticsearch-logger echo loggly http-logger splunk-hec-logging skywalking-logger google-cloud-logging "
    "sls-logger tcp-logger kafka-logger rocketmq-logger syslog udp-logger file-logger clickhouse-logger "
    "tencent-cloud-cls inspect example-plugin aws-lambda azure-functions openwhisk openfunction "
    "serverless-post-function ext-plugin-post-req ext-plugin-post-resp").split()
# Plugins APISIX enables only through extra_yaml_config in its tests (node-status: plugins.t TEST 4, 12).
OPT_IN = {"node-status"}
META_MARK = "this is a mark for our injected plugin schema"
META = {"additionalProperties": False, "type": "object", "properties": {
    "disable": {"type": "boolean"}, "error_response": {"oneOf": [{"type": "string"}, {"type": "object"}]},
    "filter": {"type": "array"}, "pre_function": {"type": "string"}, "priority": {"type": "integer"}}}
SERVERLESS = {"properties": {"phase": {"enum": ["rewrite", "access", "header_filter", "body_filter", "log",
                                                "before_proxy"], "type": "string"},
                             "functions": {"minItems": 1, "type": "array", "items": {"type": "string"}}},
              "required": ["functions"], "type": "object"}


def in_apisix_order(resp: requests.Response) -> str | None:
    if PLUGIN_CATALOGUE.is_file():  # the recorded 3.18 list, exactly
        recorded = json.loads(PLUGIN_CATALOGUE.read_text())["plugins_list"]
        return None if resp.json() == recorded else f"differs from the recorded list: {resp.json()}"
    names = [n for n in resp.json() if n not in OPT_IN]
    unknown = [n for n in names if n not in APISIX_ORDER]
    if unknown:
        return f"not in APISIX's list: {unknown}"
    positions = [APISIX_ORDER.index(n) for n in names]
    return None if positions == sorted(positions) else f"order differs: {names}"


def auth_priorities(resp: requests.Response) -> str | None:
    apisix = {"multi-auth": 2600, "wolf-rbac": 2555, "ldap-auth-advanced": 2541, "ldap-auth": 2540,
              "hmac-auth": 2530, "basic-auth": 2520, "jwt-auth": 2510, "jwe-decrypt": 2509, "key-auth": 2500}
    got = {k: v["priority"] for k, v in resp.json().items() if v.get("type") == "auth"}
    wrong = {k: p for k, p in got.items() if apisix.get(k) != p}
    return f"auth plugins differ: {wrong}" if wrong or not got else None


def global_scope(resp: requests.Response) -> str | None:
    # plugins.t TEST 12 lists the global plugins its extra_yaml_config enables; with the default
    # plugin list (the recorded 3.18 catalogue) the only global-scope plugin is `ai`.
    got = {k for k, v in resp.json().items() if v.get("scope") == "global"}
    return None if got == {"ai"} else f"global scope plugins: {sorted(got)}"


SCHEMA_CASES: dict[str, list[Step]] = {
    "schema.t TEST 1 route": [like("GET", "/schema/route", None, 200, r'"plugins":\{"type":"object"\}')],
    "schema.t TEST 2 service": [Step("GET", "/schema/service", None, 200, {"type": "object",
                                                                          "additionalProperties": False}),
                                like("GET", "/schema/service", None, 200, r'"properties":\{')],
    "schema.t TEST 3 not exist": [Step("GET", "/schema/noexits", None, 400)],
    "schema.t TEST 4 PUT": [Step("PUT", "/schema/service", None, 404)],
    "schema.t TEST 5 POST": [Step("POST", "/schema/service", None, 404)],
    # 2.x listed `exptime` and typed cert/key as plain strings; 3.x wraps them in oneOf with secret refs.
    "schema.t TEST 6 ssl": [Step("GET", "/schema/ssl", None, 200, {
        "type": "object", "additionalProperties": False,
        "properties": {"snis": {"type": "array", "items": {"type": "string"}}, "sni": {"type": "string"}}})],
    "schema.t TEST 7 limit-count": [like("GET", "/schema/plugins/limit-count", None, 200,
                                         r'"required":\["count","time_window"')],
    # 2.x/early 3.x answered 400; since 3.5 schema/plugins/<x> goes through plugins.get → 404 (as plugins.t TEST 2).
    "schema.t TEST 8 not exist plugin": [err("GET", "/schema/plugins/no-exist", None, 404,
                                             "plugin not found in subsystem http")],
    "schema.t TEST 9 serverless-pre-function": [Step("GET", "/schema/plugins/serverless-pre-function", None, 200,
                                                     SERVERLESS)],
    "schema.t TEST 10 serverless-post-function": [Step("GET", "/schema/plugins/serverless-post-function", None,
                                                       200, SERVERLESS)],
    "schema.t TEST 12 grpc-transcode": [like("GET", "/schema/plugins/grpc-transcode", None, 200, '"proto_id"'),
                                        like("GET", "/schema/plugins/grpc-transcode", None, 200,
                                             "additionalProperties")],
    "schema.t TEST 13 prometheus": [Step("GET", "/schema/plugins/prometheus", None, 200, {"type": "object"})],
    "schema.t consumer": [Step("GET", "/schema/consumer", None, 200, {"required": ["username"]})],
    "schema.t upstream": [Step("GET", "/schema/upstream", None, 200, {"type": "object"}),
                          like("GET", "/schema/upstream", None, 200, '"nodes":')],
}

PLUGINS_CASES: dict[str, list[Step]] = {
    "plugins.t TEST 1 list order": [probe("GET", "/plugins/list", None, 200, in_apisix_order)],
    "plugins.t TEST 2 invalid plugin": [err("GET", "/plugins/asdf", None, 404, "plugin not found in subsystem http")],
    "plugins.t TEST 3 limit-req": [Step("GET", "/plugins/limit-req", None, 200, {
        "type": "object", "required": ["rate", "burst", "key"], "properties": {
            "rate": {"type": "number", "exclusiveMinimum": 0},
            "key_type": {"type": "string", "enum": ["var", "var_combination"], "default": "var"},
            "burst": {"type": "number", "minimum": 0}, "nodelay": {"type": "boolean", "default": False},
            "key": {"type": "string"}, "rejected_code": {"type": "integer", "minimum": 200, "maximum": 599,
                                                         "default": 503},
            "rejected_msg": {"type": "string", "minLength": 1},
            "allow_degradation": {"type": "boolean", "default": False}}})],
    "plugins.t TEST 4 node-status": [Step("GET", "/plugins/node-status", None, 200, {"properties": {},
                                                                                     "type": "object"})],
    "plugins.t TEST 5 prometheus": [Step("GET", "/plugins/prometheus", None, 200, {"properties": {},
                                                                                   "type": "object"})],
    "plugins.t TEST 6 basic-auth": [Step("GET", "/plugins/basic-auth", None, 200, {
        "properties": {}, "title": "work with route or service object", "type": "object"})],
    "plugins.t TEST 7 basic-auth consumer": [Step("GET", "/plugins/basic-auth?schema_type=consumer", None, 200, {
        "title": "work with consumer object", "required": ["username", "password"],
        "properties": {"username": {"type": "string"}, "password": {"type": "string"}}, "type": "object"})],
    "plugins.t TEST 8 example-plugin attributes": [Step("GET", "/plugins?all=true", None, 200, {"example-plugin": {
        "metadata_schema": {"properties": {"ikey": {"minimum": 0, "type": "number"}, "skey": {"type": "string"}},
                            "required": ["ikey", "skey"], "type": "object"},
        "priority": 0, "version": 0.1,
        "schema": {"$comment": META_MARK, "required": ["i"], "type": "object", "properties": {
            "_meta": META, "i": {"minimum": 0, "type": "number"}, "ip": {"type": "string"},
            "port": {"type": "integer"}, "s": {"type": "string"}, "t": {"minItems": 1, "type": "array"}}}}})],
    "plugins.t TEST 9 auth plugins": [probe("GET", "/plugins?all=true", None, 200, auth_priorities)],
    "plugins.t TEST 10 consumer_schema": [Step("GET", "/plugins?all=true", None, 200, {"basic-auth": {
        "consumer_schema": {"encrypt_fields": ["password"], "required": ["username", "password"],
                            "title": "work with consumer object", "type": "object",
                            "properties": {"password": {"type": "string"}, "username": {"type": "string"}}}}})],
    "plugins.t TEST 11 stream limit-conn": [Step("GET", "/plugins?all=true&subsystem=stream", None, 200, {
        "limit-conn": {"priority": 1003, "version": 0.1, "schema": {
            "$comment": META_MARK, "required": ["conn", "burst", "default_conn_delay", "key"], "type": "object",
            "properties": {"_meta": META, "burst": {"minimum": 0, "type": "integer"},
                           "conn": {"exclusiveMinimum": 0, "type": "integer"},
                           "default_conn_delay": {"exclusiveMinimum": 0, "type": "number"},
                           "key": {"type": "string"},
                           "key_type": {"default": "var", "enum": ["var", "var_combination"], "type": "string"},
                           "only_use_default_delay": {"default": False, "type": "boolean"}}}}})],
    "plugins.t TEST 12 scope": [probe("GET", "/plugins?all=true", None, 200, global_scope)],
    "plugins.t TEST 13 wrong subsystem": [like("GET", "/plugins?subsystem=asdf", None, 400,
                                               r'\{"error_msg":"unsupported subsystem: asdf"\}')],
    "plugins.t TEST 14 plugin in wrong subsystem": [like("GET", "/plugins/http-logger?subsystem=stream", None, 404,
                                                         r'\{"error_msg":"plugin not found in subsystem stream"\}')],
    "plugins.t TEST 14 http plugin in stream": [like("GET", "/plugins/cors?subsystem=stream", None, 404,
                                                     "plugin not found in subsystem stream")],
    # http-logger is not in the sandbox; limit-count stands in for "a right plugin in the right subsystem".
    "plugins.t TEST 15 (limit-count) right subsystem": [like("GET", "/plugins/limit-count?subsystem=http", None, 200,
                                                             META_MARK)],
    # the recorded 3.18 stream catalogue, by priority
    "plugins.t stream list": [Step("GET", "/plugins/list?subsystem=stream", None, 200,
                                   ["ip-restriction", "limit-conn", "mqtt-proxy", "traffic-split", "syslog"],
                                   "exact")],
    # 3.18 has no `schema_type=metadata` query: the main schema answers (recorded)
    "plugins.t metadata schema_type": [Step("GET", "/plugins/example-plugin?schema_type=metadata", None, 200,
                                            {"required": ["i"]})],
}

MISC_CASES: dict[str, list[Step]] = {
    "resources.t TEST 1 routs": [like("PUT", "/routs/1", {"methods": ["GET"], "upstream": UPSTREAM,
                                                          "desc": "new route", "uri": "/index.html"}, 404,
                                      r'\{"error_msg":"Unsupported resource type: routs"\}')],
    "resources.t unknown GET list": [err("GET", "/nothing", None, 404, "Unsupported resource type: nothing")],
    "api.t TEST 1 Server header": [probe("GET", "/routes", None, 200, header("Server", r"^APISIX/"))],
}



def eleven(kind: str = "routes", **extra: object) -> list[Step]:
    """Eleven resources with ids "1".."11", as filter.t creates them."""
    steps = []
    for i in range(1, 12):
        body: dict = {"upstream": {"nodes": {"127.0.0.1:1980": 1}, "type": "roundrobin"}}
        if kind == "routes":
            body["uri"] = extra.get("uri", "/hello{i}").format(i=i)
        if "name" in extra:
            body["name"] = str(i)
        if extra.get("labels"):
            body["labels"] = {str(i): str(i)}
        steps.append(put(f"/{kind}/{i}", body, 201))
    return steps


def created_order(resp: requests.Response) -> str | None:
    items = resp.json()["list"]
    ids = [int(item["value"]["id"]) for item in items]
    return None if ids == sorted(ids) else f"not in creation order: {ids}"


def routes_using(field: str, ids: list[str]) -> list[Step]:
    setup = [put("/services/1", {"upstream": UPSTREAM}, 201), put("/upstreams/1", UPSTREAM, 201)]
    for i in range(1, 12):
        setup.append(put(f"/routes/{i}", {"uri": f"/hello{i}",
                                          ("service_id" if i % 2 == 0 else "upstream_id"): "1"}, 201))
    # etcd lists keys byte-wise ("10" before "2"), as the recorded 3.18 answers show
    return setup + [probe("GET", f"/routes?filter={field}%3D1", None, 200, list_ids(sorted(ids)))]


def stream_using(field: str, ids: list[str]) -> list[Step]:
    setup = [put("/services/1", {"upstream": UPSTREAM}, 201), put("/upstreams/1", UPSTREAM, 201)]
    for i in range(1, 12):
        setup.append(put(f"/stream_routes/{i}", {"server_port": 5432,
                                                 ("service_id" if i % 2 == 0 else "upstream_id"): "1"}, 201))
    return setup + [probe("GET", f"/stream_routes?filter={field}%3D1", None, 200, list_ids(sorted(ids)))]


def two_routes(first: dict, second: dict) -> list[Step]:
    up = {"upstream": {"nodes": {"127.0.0.1:1980": 1}, "type": "roundrobin"}}
    return [put("/routes/1", {**up, **first}, 201), put("/routes/2", {**up, **second}, 201)]


EVENS, ODDS = [str(i) for i in range(2, 12, 2)], [str(i) for i in range(1, 12, 2)]
FILTER_CASES: dict[str, list[Step]] = {
    # v3_adapter answers this one as plain text, not {"error_msg": ...}.
    "filter.t TEST 1 bad page_size": [Step("GET", "/routes/?page=1&page_size=2", None, 400,
                                           "page_size must be between 10 and 500", "text")],
    "filter.t TEST 2 bad page uses 1": [*eleven(), probe("GET", "/routes/?page=-1&page_size=10", None, 200,
                                                         list_len(10))],
    "filter.t TEST 3 sort by createdIndex": [*eleven(), probe("GET", "/routes/?page=1&page_size=10", None, 200,
                                                              created_order)],
    "filter.t TEST 4 routes pagination": [*eleven(),
                                          probe("GET", "/routes/?page=1&page_size=10", None, 200, list_len(10)),
                                          probe("GET", "/routes/?page=2&page_size=10", None, 200, list_ids(["11"])),
                                          probe("GET", "/routes/?page=3&page_size=10", None, 200, list_len(0))],
    "filter.t TEST 5 services pagination": [*eleven("services"),
                                            probe("GET", "/services/?page=1&page_size=10", None, 200, list_len(10)),
                                            probe("GET", "/services/?page=2&page_size=10", None, 200, list_len(1)),
                                            probe("GET", "/services/?page=3&page_size=10", None, 200, list_len(0))],
    "filter.t TEST 6 name or labels": [*eleven("services", name=True, labels=True),
                                       probe("GET", "/services/?name=1", None, 200, list_ids(["1", "10", "11"])),
                                       probe("GET", "/services/?label=1", None, 200, list_ids(["1"]))],
    "filter.t TEST 7 services filter": [*eleven("services", name=True),
                                        probe("GET", "/services/?name=1", None, 200, list_ids(["1", "10", "11"]))],
    "filter.t TEST 8 routes filter": [*eleven("routes", name=True, uri="{i}"),
                                      probe("GET", "/routes/?name=1", None, 200, list_ids(["1", "10", "11"]))],
    "filter.t TEST 9 filter with pagination": [*eleven("services", name=True),
                                               probe("GET", "/services/?name=1&page=1&page_size=10", None, 200,
                                                     list_ids(["1", "10", "11"], total=3))],
    "filter.t TEST 10 uri": [*eleven("routes", name=True, uri="{i}"),
                             probe("GET", "/routes/?uri=1", None, 200, list_ids(["1", "10", "11"]))],
    "filter.t TEST 11 labels keys only": [*two_routes({"uri": "/hello", "labels": {"env": "production"}},
                                                      {"uri": "/hello2", "labels": {"env2": "production"}}),
                                          probe("GET", "/routes/?label=env", None, 200, list_ids(["1"])),
                                          probe("GET", "/routes/?label=production", None, 200, list_len(0))],
    "filter.t TEST 12 uris": [*two_routes({"uris": ["/hello", "/world"]}, {"uris": ["/foo", "/bar"]}),
                              probe("GET", "/routes/?uri=world", None, 200, list_ids(["1"]))],
    "filter.t TEST 13 uris and labels": [*two_routes({"uris": ["/hello", "/world"], "labels": {"env": "production"}},
                                                     {"uris": ["/hello", "/world"], "labels": {"build": "16"}}),
                                         probe("GET", "/routes/?uri=world&label=env", None, 200, list_ids(["1"]))],
    "filter.t TEST 14 uri and labels": [*two_routes({"uri": "/hello", "labels": {"env": "production"}},
                                                    {"uri": "/hello", "labels": {"env2": "production"}}),
                                        probe("GET", "/routes/?uri=hello&label=env", None, 200, list_ids(["1"]))],
    "filter.t TEST 15 filtered total": [*eleven(), probe("GET", "/routes", None, 200, list_len(11, total=11)),
                                        probe("GET", "/routes/?label=", None, 200, list_len(0, total=0))],
    "filter.t TEST 16 pagination total": [*eleven(),
                                          probe("GET", "/routes?page=1&page_size=10", None, 200, list_len(10, 11)),
                                          probe("GET", "/routes?page=10&page_size=10", None, 200, list_len(0, 11))],
    "filter.t TEST 17 route service_id": routes_using("service_id", EVENS),
    "filter.t TEST 17 route upstream_id": routes_using("upstream_id", ODDS),
    "filter.t TEST 18 stream route service_id": stream_using("service_id", EVENS),
    "filter.t TEST 18 stream route upstream_id": stream_using("upstream_id", ODDS),
}


@pytest.mark.parametrize("steps", params({**SCHEMA_CASES, **PLUGINS_CASES, **MISC_CASES}))
def test_meta(box, steps: list[Step]) -> None:
    run_probes(box, steps)


@pytest.mark.parametrize("steps", params(FILTER_CASES))
def test_filter(stream_box, steps: list[Step]) -> None:
    run_probes(stream_box, steps)
