"""Service, consumer and global-rule writes as APISIX's own tests expect them: apache/apisix
`consumers2.t`, `services2.t`, `services-string-id.t`, `global-rules2.t` (2.x files translated to the
3.18 v3 envelope: no `action`/`node`, no stored defaults), and `global-rules.t`, `consumer-group.t`,
`credentials.t` and `t/node/data_encrypt*.t` (consumer fields encrypted at rest)."""

from __future__ import annotations

import pytest

from tests.sandbox.apisix_t_cases import Step, UPSTREAM, err, like, params, probe, put, run_case, run_probes

SID = "/services/5eeb3dc90f747328b2930b0b"
LC = {"count": 2, "time_window": 60, "rejected_code": 503, "key": "remote_addr"}
NO_ID = r'^(?!.*"id").*"username":"jack"'  # consumers carry no `id` in their value

CASES: dict[str, list[Step]] = {
    "consumers2.t TEST 1": [put("/consumers", {"username": "jack"}, 201,
                                {"key": "/apisix/consumers/jack", "value": {"username": "jack"}}),
                            like("GET", "/consumers/jack", None, 200, NO_ID)],
    "consumers2.t TEST 2": [put("/consumers", {"username": "jack"}),
                            Step("GET", "/consumers/jack", None, 200,
                                 {"key": "/apisix/consumers/jack", "value": {"username": "jack"}})],
    "consumers2.t TEST 3": [put("/consumers", {"username": "jack"}),
                            Step("DELETE", "/consumers/jack", None, 200,
                                 {"deleted": "1", "key": "/apisix/consumers/jack"}, "exact")],
    "consumers2.t (3.13+) hyphen username": [put("/consumers/jack-1", {"username": "jack-1"}, 201,
                                                 {"value": {"username": "jack-1"}})],
    "consumers2.t wrong username": [err("PUT", "/consumers/jack", {"username": "rose"}, 400, "wrong username")],
    "consumers2.t bad username": [err("PUT", "/consumers", {"username": "jack rose"}, 400,
                                      'invalid configuration: property "username" validation failed: failed to '
                                      'match pattern "^[a-zA-Z0-9_\\\\-]+$" with "jack rose"')],
    "services2.t not unwanted data, POST": [Step("POST", "/services", {"upstream": UPSTREAM}, 201,
                                                 {"value": {"upstream": UPSTREAM}})],
    "services2.t not unwanted data, PUT": [put("/services/1", {"upstream": UPSTREAM}, 201,
                                               {"key": "/apisix/services/1",
                                                "value": {"id": "1", "upstream": UPSTREAM}})],
    "services2.t not unwanted data, PATCH": [put("/services/1", {"upstream": UPSTREAM}),
                                             Step("PATCH", "/services/1", {"desc": "d"}, 200,
                                                  {"key": "/apisix/services/1",
                                                   "value": {"id": "1", "desc": "d", "upstream": UPSTREAM}})],
    "services2.t not unwanted data, DELETE": [put("/services/1", {"upstream": UPSTREAM}),
                                              Step("DELETE", "/services/1", None, 200,
                                                   {"deleted": "1", "key": "/apisix/services/1"}, "exact")],
    "services-string-id.t TEST 1": [put(SID, {"plugins": {"limit-count": LC}, "upstream": UPSTREAM,
                                              "desc": "new service"}, 201,
                                        {"key": "/apisix/services/5eeb3dc90f747328b2930b0b",
                                         "value": {"desc": "new service", "plugins": {"limit-count": LC}}})],
    "services-string-id.t TEST 3": [put(SID, {"upstream": UPSTREAM}), Step("DELETE", SID, None, 200)],
    "services-string-id.t TEST 4": [Step("DELETE", "/services/not_found", None, 404,
                                         {"message": "Key not found"}, "exact")],
    "services-string-id.t invalid id": [err("PUT", "/services/*invalid", {"upstream": UPSTREAM}, 400,
                                            'invalid configuration: property "id" validation failed: '
                                            "object matches none of the required")],
    "services-string-id.t wrong id": [err("PUT", SID, {"id": "5eeb3dc90f747328b2930b0c", "upstream": UPSTREAM},
                                          400, "wrong service id")],
    "services-string-id.t POST with id": [err("POST", SID, {"upstream": UPSTREAM}, 400,
                                              "wrong service id, do not need it")],
    "services-string-id.t upstream_id missing": [err("PUT", SID, {"upstream_id": "not_found"}, 400,
                                                     "failed to fetch upstream info by upstream id [not_found], "
                                                     "response code: 404")],
    "global-rules2.t not unwanted data, PUT": [put("/global_rules/1", {"plugins": {"proxy-rewrite": {
        "uri": "/x"}}}, 201, {"key": "/apisix/global_rules/1", "value": {"id": "1"}})],
    "global-rules2.t not unwanted data, GET list": [
        put("/global_rules/1", {"plugins": {"proxy-rewrite": {"uri": "/x"}}}),
        Step("GET", "/global_rules", None, 200, {"total": 1, "list": [{"key": "/apisix/global_rules/1"}]})],
    "global-rules2.t missing plugins": [err("PUT", "/global_rules/1", {}, 400,
                                            'invalid configuration: property "plugins" is required')],
    "global-rules2.t POST": [err("POST", "/global_rules", {"plugins": {}}, 405,
                                 "not supported `POST` method for global rule")],
}


@pytest.mark.parametrize("steps", params(CASES))
def test_services_consumers_global_rules_2x_files(box, steps: list[Step]) -> None:
    run_case(box, steps)


EMPTY = {"list": [], "total": 0}


# `global-rules.t`.
# Steps may carry a `Probe` check, so these run with `run_probes`.
GLOBAL_RULES_T_CASES: dict[str, list[Step]] = {
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
}


@pytest.mark.parametrize("steps", params(GLOBAL_RULES_T_CASES))
def test_global_rules_t(box, steps: list[Step]) -> None:
    run_probes(box, steps)


# `consumer-group.t`: groups and the consumers that join them.
# Steps may carry a `Probe` check, so these run with `run_probes`.
CONSUMER_GROUP_T_CASES: dict[str, list[Step]] = {
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
}


@pytest.mark.parametrize("steps", params(CONSUMER_GROUP_T_CASES))
def test_consumer_group_t(box, steps: list[Step]) -> None:
    run_probes(box, steps)


# `credentials.t`: listing, and deletion with the consumer.
# Steps may carry a `Probe` check, so these run with `run_probes`.
CREDENTIALS_T_CASES: dict[str, list[Step]] = {
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
}


@pytest.mark.parametrize("steps", params(CREDENTIALS_T_CASES))
def test_credentials_t(box, steps: list[Step]) -> None:
    run_probes(box, steps)


# `t/node/data_encrypt*.t`: auth plugin fields encrypted at rest, decrypted on GET.
# Steps may carry a `Probe` check, so these run with `run_probes`.
DATA_ENCRYPT_T_CASES: dict[str, list[Step]] = {
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


@pytest.mark.parametrize("steps", params(DATA_ENCRYPT_T_CASES))
def test_data_encrypt_t(box, steps: list[Step]) -> None:
    run_probes(box, steps)
