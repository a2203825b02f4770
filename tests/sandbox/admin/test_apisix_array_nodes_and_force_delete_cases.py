"""Array-form upstream nodes and `?force=true` deletes as APISIX's own tests expect them: apache/apisix
`t/admin/*-array-nodes.t` and `*-force-delete.t` (3.18 envelopes)."""

from __future__ import annotations

import pytest

from tests.sandbox.apisix_t_cases import Step, UPSTREAM, err, like, params, probe, put, run_probes

NODE = {"host": "127.0.0.1", "port": 8080, "weight": 1}
ARRAY_UP = {"nodes": [NODE], "type": "roundrobin"}
ROUTE = {"methods": ["GET"], "upstream": ARRAY_UP, "desc": "new route", "uri": "/index.html"}
SERVICE = {"upstream": ARRAY_UP, "desc": "new service"}
# The api7/jsonschema shipped with 3.x says "required" (2.x copies of these files say "requireds").
NODES_BAD = 'invalid configuration: property "nodes" validation failed: object matches none of the required'


def bad_node(**change: object) -> Step:
    return err("PUT", "/upstreams", {"id": 1, "nodes": [{**NODE, **change}], "type": "chash"}, 400, NODES_BAD)


ARRAY_CASES: dict[str, list[Step]] = {
    "routes-array-nodes.t TEST 1": [put("/routes/1", ROUTE, 201, {"key": "/apisix/routes/1", "value": ROUTE})],
    "routes-array-nodes.t TEST 2": [put("/routes/1", ROUTE, 201),
                                    Step("GET", "/routes/1", None, 200, {"key": "/apisix/routes/1", "value": ROUTE})],
    "routes-array-nodes.t TEST 2 no node defaults stored": [
        put("/routes/1", ROUTE, 201),
        probe("GET", "/routes/1", None, 200,
              lambda r: None if r.json()["value"]["upstream"]["nodes"] == [NODE] else "node changed")],
    "services-array-nodes.t TEST 1": [put("/services/1", SERVICE, 201, {"key": "/apisix/services/1",
                                                                        "value": SERVICE})],
    "services-array-nodes.t TEST 2": [put("/services/1", SERVICE, 201),
                                      Step("GET", "/services/1", None, 200, {"key": "/apisix/services/1",
                                                                             "value": SERVICE})],
    "upstream-array-nodes.t TEST 1": [put("/upstreams/1", {**ARRAY_UP, "desc": "new upstream"}, 201, {
        "key": "/apisix/upstreams/1", "value": {**ARRAY_UP, "desc": "new upstream"}})],
    "upstream-array-nodes.t TEST 2": [put("/upstreams/1", {**ARRAY_UP, "desc": "new upstream"}, 201),
                                      Step("GET", "/upstreams/1", None, 200, {
                                          "key": "/apisix/upstreams/1",
                                          "value": {**ARRAY_UP, "desc": "new upstream"}})],
    "upstream-array-nodes.t TEST 3": [put("/upstreams/1", ARRAY_UP, 201),
                                      Step("DELETE", "/upstreams/1", None, 200,
                                           {"deleted": "1", "key": "/apisix/upstreams/1"}, "exact")],
    "upstream-array-nodes.t TEST 4": [Step("DELETE", "/upstreams/not_found", None, 404,
                                           {"message": "Key not found"}, "exact")],
    "upstream-array-nodes.t TEST 5": [Step("POST", "/upstreams", ARRAY_UP, 201, {"value": ARRAY_UP}),
                                      like("GET", "/upstreams", None, 200, r'"key":"/apisix/upstreams/\d{20}"')],
    "upstream-array-nodes.t TEST 6 empty nodes": [put("/upstreams/1", {"nodes": [], "type": "roundrobin"}, 201,
                                                      {"value": {"nodes": []}})],
    "upstream-array-nodes.t TEST 7 refer empty nodes": [
        put("/upstreams/1", {"nodes": [], "type": "roundrobin"}, 201),
        put("/routes/1", {"methods": ["GET"], "upstream_id": "1", "uri": "/index.html"}, 201)],
    "upstream-array-nodes.t TEST 9": [err("PUT", "/upstreams", {"id": 1, **ARRAY_UP, "invalid_property": "/index.html"},
                                          400, "invalid configuration: additional properties forbidden, "
                                          "found invalid_property")],
    "upstream-array-nodes.t TEST 10 weight string": [bad_node(weight="1")],
    "upstream-array-nodes.t TEST 11 weight negative": [bad_node(weight=-100)],
    "upstream-array-nodes.t TEST 12 port 0": [bad_node(port=0)],
    "upstream-array-nodes.t TEST 13 bad host": [bad_node(host="127.#.%.1")],
    "upstream-array-nodes.t port too big": [bad_node(port=65536)],
    "upstream-array-nodes.t missing weight": [err("PUT", "/upstreams", {"id": 1, "nodes": [{"host": "127.0.0.1"}],
                                                                        "type": "chash"}, 400, NODES_BAD)],
    "upstream-array-nodes.t priority kept as sent": [
        probe("PUT", "/upstreams/1", {"nodes": [{**NODE, "priority": 1}], "type": "roundrobin"}, 201,
              lambda r: None if r.json()["value"]["nodes"] == [{**NODE, "priority": 1}] else "nodes changed")],
    "upstream-array-nodes.t no priority default": [
        probe("PUT", "/upstreams/1", ARRAY_UP, 201,
              lambda r: None if "priority" not in r.json()["value"]["nodes"][0] else "priority injected")],
}

USING = "can not delete this upstream, route [1] is still using it now"
SET_UP = put("/upstreams/1", UPSTREAM, 201)
SET_ROUTE = put("/routes/1", {"upstream_id": 1, "uri": "/index.html"}, 201)
SVC_USING = "can not delete this service directly, route [1] is still using it now"
SET_SVC = put("/services/1", {"upstream": UPSTREAM}, 201)
SVC_ROUTE = put("/routes/1", {"service_id": 1, "uri": "/index.html"}, 201)
PC_USING = "can not delete this plugin config, route [1] is still using it now"
SET_PC = put("/plugin_configs/1", {"plugins": {}}, 201)
PC_ROUTE = put("/routes/1", {"plugin_config_id": 1, "uri": "/index.html", "upstream": UPSTREAM}, 201)
CG_USING = "can not delete this consumer group, consumer [jack] is still using it now"
SET_CG = put("/consumer_groups/1", {"plugins": {}}, 201)
CG_CONSUMER = put("/consumers", {"username": "jack", "group_id": "1"}, 201)

FORCE_CASES: dict[str, list[Step]] = {
    "upstream-force-delete.t TEST 1-2": [SET_UP, SET_ROUTE],
    "upstream-force-delete.t TEST 3 wrong header": [
        SET_UP, SET_ROUTE, probe("DELETE", "/upstreams/1", None, 400, headers={"X-Force-Delete": "any-value"}),
        err("DELETE", "/upstreams/1", None, 400, USING)],
    "upstream-force-delete.t TEST 4 no force": [SET_UP, SET_ROUTE, err("DELETE", "/upstreams/1", None, 400, USING)],
    "upstream-force-delete.t TEST 4 force=false": [SET_UP, SET_ROUTE,
                                                   err("DELETE", "/upstreams/1?force=false", None, 400, USING)],
    "upstream-force-delete.t TEST 5 force query": [SET_UP, SET_ROUTE,
                                                   Step("DELETE", "/upstreams/1?force=true", None, 200,
                                                        {"deleted": "1", "key": "/apisix/upstreams/1"}, "exact")],
    "upstream-force-delete.t TEST 5 force header": [
        SET_UP, SET_ROUTE, probe("DELETE", "/upstreams/1", None, 200, headers={"X-Force-Delete": "true"})],
    "upstream-force-delete.t TEST 6 delete route": [SET_UP, SET_ROUTE, Step("DELETE", "/routes/1", None, 200),
                                                    Step("DELETE", "/upstreams/1", None, 200)],
    "services-force-delete.t no force": [SET_SVC, SVC_ROUTE, err("DELETE", "/services/1", None, 400, SVC_USING)],
    "services-force-delete.t force query": [SET_SVC, SVC_ROUTE, Step("DELETE", "/services/1?force=true", None, 200)],
    "services-force-delete.t force header": [
        SET_SVC, SVC_ROUTE, probe("DELETE", "/services/1", None, 200, headers={"X-Force-Delete": "true"})],
    "plugin-configs-force-delete.t no force": [SET_PC, PC_ROUTE,
                                               err("DELETE", "/plugin_configs/1", None, 400, PC_USING)],
    "plugin-configs-force-delete.t force": [SET_PC, PC_ROUTE, Step("DELETE", "/plugin_configs/1?force=true", None,
                                                                   200)],
    "consumer-group-force-delete.t no force": [SET_CG, CG_CONSUMER,
                                               err("DELETE", "/consumer_groups/1", None, 400, CG_USING)],
    "consumer-group-force-delete.t force": [SET_CG, CG_CONSUMER,
                                            Step("DELETE", "/consumer_groups/1?force=true", None, 200)],
    "delete-upstream.t used by service": [
        SET_UP, put("/services/1", {"upstream_id": 1}, 201),
        err("DELETE", "/upstreams/1", None, 400,
            "can not delete this upstream, service [1] is still using it now")],
    "delete-service.t unused": [SET_SVC, Step("DELETE", "/services/1", None, 200,
                                              {"deleted": "1", "key": "/apisix/services/1"}, "exact")],
}


@pytest.mark.parametrize("steps", params(ARRAY_CASES))
def test_array_nodes(box, steps: list[Step]) -> None:
    run_probes(box, steps)


@pytest.mark.parametrize("steps", params(FORCE_CASES))
def test_force_delete(box, steps: list[Step]) -> None:
    run_probes(box, steps)
