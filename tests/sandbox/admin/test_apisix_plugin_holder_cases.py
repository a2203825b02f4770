"""Writes of the plugin holders (global rules, plugin configs, consumer groups) as APISIX's own tests
expect them: apache/apisix `t/admin/global-rules.t`, `plugin-configs.t`, `consumer-group.t`."""

from __future__ import annotations

import pytest

from tests.sandbox.apisix_t_cases import Step, UPSTREAM, err, params, put, run_case

LC = {"count": 2, "time_window": 60, "rejected_code": 503, "key": "remote_addr"}
LC3 = {**LC, "count": 3}
PLUGINS = {"plugins": {"limit-count": LC}}
NO_COUNT = {"plugins": {"limit-count": {"rejected_code": 503, "time_window": 60, "key": "remote_addr"}}}
# 3.18's limit-count schema is oneOf(count+time_window | rules): its text, as recorded
COUNT_REQUIRED = 'failed to check the configuration of plugin limit-count err: value should match only one schema, but matches none'
LABELS_TYPE = 'invalid configuration: property "labels" validation failed: wrong type: expected object, got string'
EXTRA = {**PLUGINS, "labels": {"你好": "世界"}, "desc": "blah"}


def holder_cases(src: str, base: str, key: str) -> dict[str, list[Step]]:
    """The seven cases that global rules, plugin configs and consumer groups share."""
    path, setup = f"{base}/{key}", put(f"{base}/{key}", PLUGINS, 201)
    etcd_key = "/apisix" + path
    return {
        f"{src} TEST 1": [put(path, PLUGINS, 201, {"value": PLUGINS, "key": etcd_key})],
        f"{src} TEST 2": [setup, Step("GET", path, None, 200, {"value": PLUGINS, "key": etcd_key})],
        f"{src} TEST 3": [setup, Step("GET", base, None, 200, {"total": 1, "list": [
            {"key": etcd_key, "value": PLUGINS}]})],
        f"{src} TEST 4": [setup, Step("PATCH", path, {"plugins": {"limit-count": LC3}}, 200,
                                      {"value": {"plugins": {"limit-count": LC3}}, "key": etcd_key})],
        f"{src} TEST 5": [setup, Step("PATCH", f"{path}/plugins", {"limit-count": LC3}, 200,
                                      {"value": {"plugins": {"limit-count": LC3}}, "key": etcd_key})],
        f"{src} TEST 6": [err("PUT", path, NO_COUNT, 400, COUNT_REQUIRED)],
        f"{src} TEST 7": [put(path, EXTRA, 201, {"value": EXTRA, "key": etcd_key}),
                          Step("GET", path, None, 200, {"value": EXTRA})],
    }


GLOBAL: dict[str, list[Step]] = {
    **{k: v for k, v in holder_cases("global-rules.t", "/global_rules", "1").items() if not k.endswith("7")},
    "global-rules.t TEST 6b delete": [put("/global_rules/1", PLUGINS, 201),
                                      Step("DELETE", "/global_rules/1", None, 200,
                                           {"deleted": "1", "key": "/apisix/global_rules/1"}, "exact")],
    "global-rules.t TEST 7b not found": [Step("DELETE", "/global_rules/1", None, 404,
                                              {"message": "Key not found"}, "exact")],
    "global-rules.t TEST 8": [err("PUT", "/global_rules/1", {"host": "foo.com", **PLUGINS}, 400,
                                  "invalid configuration: additional properties forbidden, found host")],
    "global-rules.t TEST 9": [err("PUT", "/global_rules/1", {}, 400,
                                  'invalid configuration: property "plugins" is required')],
    "global-rules.t TEST 10": [put("/global_rules/a-b-c-ABC_0123", PLUGINS, 201),
                               Step("DELETE", "/global_rules/a-b-c-ABC_0123", None, 200)],
    "global-rules.t TEST 12": [put("/global_rules/1", {"plugins": {"proxy-rewrite": {"uri": "/"}}}, 201,
                                   {"key": "/apisix/global_rules/1",
                                    "value": {"id": "1", "plugins": {"proxy-rewrite": {"uri": "/"}}}})],
    "global-rules.t TEST 15": [put("/global_rules/1", PLUGINS, 201),
                               Step("DELETE", "/global_rules/1", None, 200,
                                    {"deleted": "1", "key": "/apisix/global_rules/1"}, "exact")],
}

PLUGIN_CONFIGS: dict[str, list[Step]] = {
    **holder_cases("plugin-configs.t", "/plugin_configs", "1"),
    "plugin-configs.t TEST 9": [err("PUT", "/plugin_configs/1", {"labels": "a", "plugins": {}}, 400, LABELS_TYPE)],
    "plugin-configs.t TEST 11": [put("/plugin_configs/1", PLUGINS, 201),
                                 put("/routes/1", {"plugin_config_id": 1, "uri": "/index.html",
                                                   "upstream": UPSTREAM}, 201)],
    "plugin-configs.t TEST 12": [put("/plugin_configs/1", PLUGINS, 201),
                                 put("/routes/1", {"plugin_config_id": 1, "uri": "/index.html",
                                                   "upstream": UPSTREAM}, 201),
                                 err("DELETE", "/plugin_configs/1", None, 400,
                                     "can not delete this plugin config, route [1] is still using it now")],
    "plugin-configs.t route with missing plugin config": [
        err("PUT", "/routes/1", {"plugin_config_id": "x", "uri": "/index.html", "upstream": UPSTREAM}, 400,
            "failed to fetch plugin config info by plugin config id [x], response code: 404")],
}

GROUPS: dict[str, list[Step]] = {
    **holder_cases("consumer-group.t", "/consumer_groups", "company_a"),
    "consumer-group.t TEST 9": [err("PUT", "/consumer_groups/company_a", {"labels": "a", "plugins": {}}, 400,
                                    LABELS_TYPE)],
    "consumer-group.t TEST 11": [put("/consumer_groups/company_a", PLUGINS, 201),
                                 put("/consumers/foobar", {"username": "foobar", "group_id": "company_a",
                                                           "plugins": {"key-auth": {"key": "auth-two"}}}, 201)],
    "consumer-group.t TEST 12": [put("/consumer_groups/company_a", PLUGINS, 201),
                                 put("/consumers/foobar", {"username": "foobar", "group_id": "company_a"}, 201),
                                 err("DELETE", "/consumer_groups/company_a", None, 400,
                                     "can not delete this consumer group, consumer [foobar] is still using it now")],
    "consumer-group.t TEST 14": [put("/consumer_groups/company_a", PLUGINS, 201),
                                 put("/consumers/foobar", {"username": "foobar", "group_id": "company_a"}, 201),
                                 Step("DELETE", "/consumers/foobar", None, 200),
                                 Step("DELETE", "/consumer_groups/company_a", None, 200)],
    "consumer-group.t missing group": [
        err("PUT", "/consumers/foobar", {"username": "foobar", "group_id": "nope"}, 400,
            "failed to fetch consumer group info by consumer group id [nope], response code: 404")],
}


@pytest.mark.parametrize("steps", params(GLOBAL))
def test_global_rules_t(box, steps: list[Step]) -> None:
    run_case(box, steps)


@pytest.mark.parametrize("steps", params(PLUGIN_CONFIGS))
def test_plugin_configs_t(box, steps: list[Step]) -> None:
    run_case(box, steps)


@pytest.mark.parametrize("steps", params(GROUPS))
def test_consumer_group_t(box, steps: list[Step]) -> None:
    run_case(box, steps)
