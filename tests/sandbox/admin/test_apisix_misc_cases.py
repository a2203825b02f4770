"""Small APISIX test files, one or a few cases each, with `Probe` checks: apache/apisix
`stream-routes-disable.t`, `protos.t`, `plugin-metadata2.t`, `routes_request_body.t`, `global-rules*.t`,
`consumer-group.t`, `credentials.t` and `t/node/data_encrypt*.t`."""

from __future__ import annotations

import pytest

from tests.sandbox.apisix_t_cases import Step, UPSTREAM, err, like, params, probe, put, run_probes

PROTO = {"content": 'syntax = "proto3";\npackage proto;\nmessage HelloRequest{\n  string name = 1;\n}\n'
                    "message HelloResponse{\n  int32 code = 1;\n  string msg = 2;\n}\n"
                    "service Hello {\n  rpc SayHi (HelloRequest) returns (HelloResponse){}\n}"}
EMPTY = {"list": [], "total": 0}
HELLO_UP = {"type": "roundrobin", "nodes": {"127.0.0.1:1980": 1}}


def body_route(expr: list) -> dict:
    return {"uri": "/hello", "vars": [[expr]], "upstream": HELLO_UP}


CASES: dict[str, list[Step]] = {
    "stream-routes-disable.t TEST 1": [err("PUT", "/stream_routes/1", {"remote_addr": "127.0.0.1", "upstream": UPSTREAM,
                                                                     "desc": "new route"}, 400,
                                           "stream mode is disabled, can not add stream routes")],
    "protos.t TEST 1": [put("/protos/1", PROTO, 201, {"key": "/apisix/protos/1", "value": {"id": "1"}})],
    "protos.t TEST 1 GET": [put("/protos/1", PROTO, 201),
                            Step("GET", "/protos/1", None, 200, {"value": PROTO, "key": "/apisix/protos/1"})],
    "plugin-metadata2.t TEST 1 empty list": [Step("GET", "/plugin_metadata", None, 200, EMPTY, "exact")],
    "plugin-metadata2.t (3.x) list after PUT": [
        put("/plugin_metadata/example-plugin", {"skey": "val", "ikey": 1}, 201),
        Step("GET", "/plugin_metadata", None, 200, {"total": 1, "list": [
            {"key": "/apisix/plugin_metadata/example-plugin", "value": {"skey": "val", "ikey": 1}}]})],
    "routes_request_body.t TEST 1": [put("/routes/1", body_route(["post_arg.model", "==", "deepseek"]), 201),
                                     put("/routes/2", body_route(["post_arg.model", "==", "openai"]), 201)],
    "routes_request_body.t TEST 7": [put("/routes/1", body_route(["post_arg.messages[*].content[*].type", "has",
                                                                  "image_url"]), 201)],
    "routes_request_body.t TEST 10": [like("PUT", "/routes/1", body_route(["post_arg.messages[.content[*].type",
                                                                           "has", "image_url"]), 400,
                                           "failed to validate the 'vars' expression: invalid expression")],
    "routes_request_body.t TEST 11": [put("/routes/1", body_route(["post_arg.model.name", "==", "deepseek"]), 201)],
    "global-rules.t empty list": [Step("GET", "/global_rules", None, 200, EMPTY, "exact")],
    "global-rules.t unknown plugin": [err("PUT", "/global_rules/1", {"plugins": {"nope-x": {}}}, 400,
                                          "unknown plugin [nope-x]")],
    "global-rules.t PATCH sub path": [
        put("/global_rules/1", {"plugins": {"proxy-rewrite": {"uri": "/a"}}}, 201),
        Step("PATCH", "/global_rules/1/plugins", {"proxy-rewrite": {"uri": "/b"}}, 200,
             {"key": "/apisix/global_rules/1", "value": {"plugins": {"proxy-rewrite": {"uri": "/b"}}}})],
    "global-rules.t bad plugin conf": [err("PUT", "/global_rules/1", {"plugins": {"limit-count": {"count": 2}}}, 400,
                                           "failed to check the configuration of plugin limit-count err: "
                                           'value should match only one schema, but matches none')],
    "consumer-group.t GET": [put("/consumer_groups/company_a", {"plugins": {"limit-count": {
        "count": 2, "time_window": 60, "rejected_code": 503, "key": "remote_addr"}}}, 201),
        Step("GET", "/consumer_groups/company_a", None, 200, {"key": "/apisix/consumer_groups/company_a",
                                                              "value": {"id": "company_a"}})],
    "consumer-group.t missing group id on consumer": [
        like("PUT", "/consumers", {"username": "foo", "group_id": "nope"}, 400,
             r"failed to fetch consumer group info by consumer group id \[nope\]")],
    "consumer-group.t consumer joins group": [
        put("/consumer_groups/company_a", {"plugins": {}}, 201),
        put("/consumers", {"username": "foo", "group_id": "company_a"}, 201,
            {"value": {"username": "foo", "group_id": "company_a"}})],
    "consumer-group.t POST": [Step("POST", "/consumer_groups", {"plugins": {}}, 405)],
    "credentials.t list": [put("/consumers", {"username": "jack"}, 201),
                           put("/consumers/jack/credentials/a", {"plugins": {"key-auth": {"key": "k-a"}}}, 201),
                           Step("GET", "/consumers/jack/credentials", None, 200, {"total": 1, "list": [
                               {"key": "/apisix/consumers/jack/credentials/a",
                                "value": {"id": "a", "plugins": {"key-auth": {"key": "k-a"}}}}]})],
    "credentials.t deleted with consumer": [
        put("/consumers", {"username": "jack"}, 201),
        put("/consumers/jack/credentials/a", {"plugins": {"key-auth": {"key": "k-a"}}}, 201),
        Step("DELETE", "/consumers/jack", None, 200),
        put("/consumers", {"username": "jack"}, 201),
        Step("GET", "/consumers/jack/credentials/a", None, 404, {"message": "Key not found"}, "exact"),
        # No credentials dir key exists in etcd for a consumer without credentials, so the list is a 404.
        Step("GET", "/consumers/jack/credentials", None, 404, {"message": "Key not found"}, "exact")],
    "data_encrypt.t GET decrypts": [
        put("/consumers", {"username": "jack", "plugins": {"key-auth": {"key": "auth-one"}}}, 201),
        Step("GET", "/consumers/jack", None, 200, {"value": {"plugins": {"key-auth": {"key": "auth-one"}}}})],
    "data_encrypt.t PUT echoes ciphertext": [
        probe("PUT", "/consumers", {"username": "jack", "plugins": {"basic-auth": {"username": "j",
                                                                                   "password": "p"}}}, 201,
              lambda r: None if r.json()["value"]["plugins"]["basic-auth"]["password"] != "p" else "clear text")],
    "data_encrypt.t credential GET decrypts": [
        put("/consumers", {"username": "jack"}, 201),
        put("/consumers/jack/credentials/a", {"plugins": {"basic-auth": {"username": "j", "password": "p"}}}, 201),
        Step("GET", "/consumers/jack/credentials/a", None, 200,
             {"value": {"plugins": {"basic-auth": {"username": "j", "password": "p"}}}})],
}


@pytest.mark.parametrize("steps", params(CASES))
def test_misc_files(box, steps: list[Step]) -> None:
    run_probes(box, steps)
