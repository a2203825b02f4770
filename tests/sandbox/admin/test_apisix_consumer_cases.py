"""Consumer and credential writes as APISIX's own tests expect them: apache/apisix
`t/admin/consumers.t` and `t/admin/credentials.t`."""

from __future__ import annotations

import pytest

from tests.sandbox.apisix_t_cases import Step, err, like, params, put, run_case

JACK = {"username": "jack", "desc": "new consumer"}
KA = {"key-auth": {"key": "auth-one"}}
LABELS = {"build": "16", "env": "production", "version": "v2"}
CRED = "/consumers/jack/credentials"
BASIC = {"basic-auth": {"username": "the-user", "password": "the-password"}}
# 3.18 rejects a credential whose auth key equals the consumer's own plugin key, so jack has no plugins here.
ADD_JACK = put("/consumers", JACK, 201)

CONSUMERS: dict[str, list[Step]] = {
    "consumers.t TEST 1": [put("/consumers", JACK, 201, {"key": "/apisix/consumers/jack", "value": JACK})],
    # 3.10+ encrypts key-auth `key` at rest: the PUT answer echoes the stored ciphertext, GET decrypts.
    "consumers.t TEST 2": [put("/consumers", JACK, 201),
                           put("/consumers", {**JACK, "plugins": KA}, 200, {"value": JACK})],
    "consumers.t TEST 3": [put("/consumers", {**JACK, "plugins": KA}, 201),
                           Step("GET", "/consumers/jack", None, 200, {"value": {**JACK, "plugins": KA}})],
    "consumers.t TEST 4": [put("/consumers", JACK, 201),
                           Step("DELETE", "/consumers/jack", None, 200,
                                {"deleted": "1", "key": "/apisix/consumers/jack"}, "exact")],
    "consumers.t TEST 5": [Step("DELETE", "/consumers/not_found", None, 404, {"message": "Key not found"},
                                "exact")],
    "consumers.t TEST 6": [put("/consumers", {"id": "jack"}, 400)],
    "consumers.t TEST 7": [put("/consumers", {**JACK, "labels": LABELS}, 201, {"value": {"labels": LABELS}})],
    "consumers.t TEST 8": [err("PUT", "/consumers", {**JACK, "labels": {"env": ["production", "release"]}}, 400,
                               'invalid configuration: property "labels" validation failed: failed to '
                               'validate env (matching ".*"): wrong type: expected string, got table')],
    "consumers.t TEST 9": [err("POST", "/consumers", "", 405, "not supported `POST` method for consumer")],
    "consumers.t TEST 10": [like("PUT", "/consumers", {"username": "pony", "create_time": 1602883670,
                                                       "update_time": 1602893670}, 400,
                                 "the property is forbidden:.*create_time")],
    "consumers2.t duplicate key (3.18)": [put("/consumers", {"username": "jack", "plugins": {"key-auth": {
        "key": "the-key"}}}, 201),
        err("PUT", "/consumers", {"username": "jack2", "plugins": {"key-auth": {"key": "the-key"}}}, 400,
            "duplicate key of plugin key-auth found with consumer: jack")],
    "data_encrypt.t PUT echoes ciphertext": [like("PUT", "/consumers", {"username": "jack", "plugins": {
        "key-auth": {"key": "auth-one"}}}, 201, '"key":"4y\\+JvURBE6ZwRbbgaryrhg=="')],
    "consumers.t wrong username": [err("PUT", "/consumers/jack", {"username": "rose"}, 400, "wrong username")],
}

CREDENTIALS: dict[str, list[Step]] = {
    "credentials.t TEST 1": [err("PUT", f"{CRED}/credential_a", {"plugins": {"key-auth": {"key": "the-key"}}},
                                 404, "consumer not found")],
    "credentials.t TEST 2": [put("/consumers", {**JACK, "plugins": BASIC}, 201, {
        "key": "/apisix/consumers/jack", "value": {**JACK, "plugins": {"basic-auth": {"username": "the-user"}}}})],
    "credentials.t TEST 3": [ADD_JACK, put(f"{CRED}/credential_a", {"desc": "basic-auth for jack", "plugins": BASIC},
                                           201, {"value": {"desc": "basic-auth for jack", "id": "credential_a"},
                                                 "key": "/apisix/consumers/jack/credentials/credential_a"})],
    "credentials.t TEST 4": [ADD_JACK, put(f"{CRED}/credential_b", {"desc": "key-auth for jack",
                                                                     "plugins": {"key-auth": {"key": "the-key"}}},
                                           201, {"value": {"id": "credential_b"},
                                                 "key": "/apisix/consumers/jack/credentials/credential_b"})],
    "credentials.t TEST 5": [ADD_JACK, err("PUT", f"{CRED}/credential_b", {"plugins": {"limit-conn": {
        "conn": 1, "burst": 0, "default_conn_delay": 0.1, "rejected_code": 503, "key_type": "var",
        "key": "http_a"}}}, 400, "only supports auth type plugins in consumer credential")],
    "credentials.t TEST 6": [ADD_JACK, put(f"{CRED}/a", {"plugins": {"key-auth": {"key": "k"}}}, 201),
                             Step("GET", "/consumers", None, 200,
                                  {"total": 1, "list": [{"key": "/apisix/consumers/jack"}]})],
    "credentials.t TEST 7": [ADD_JACK, put(f"{CRED}/credential_a", {"plugins": BASIC}, 201),
                             put(f"{CRED}/credential_b", {"plugins": {"key-auth": {"key": "k"}}}, 201),
                             Step("GET", CRED, None, 200, {"total": 2, "list": [
                                 {"key": "/apisix/consumers/jack/credentials/credential_a"},
                                 {"key": "/apisix/consumers/jack/credentials/credential_b"}]})],
    "credentials.t TEST 8": [ADD_JACK, put(f"{CRED}/credential_b", {"desc": "key-auth for jack",
                                                                     "plugins": {"key-auth": {"key": "the-key"}}},
                                           201),
                             Step("GET", f"{CRED}/credential_b", None, 200, {
                                 "key": "/apisix/consumers/jack/credentials/credential_b",
                                 "value": {"desc": "key-auth for jack", "plugins": {"key-auth": {"key": "the-key"}}}})],
    "credentials.t TEST 9": [ADD_JACK, put(f"{CRED}/credential_b", {"plugins": {"key-auth": {"key": "k"}}}, 201),
                             put(f"{CRED}/credential_b", {"desc": "new description",
                                                          "plugins": {"key-auth": {"key": "new-key"}}}, 200,
                                 {"value": {"desc": "new description"}})],
    "credentials.t TEST 10": [ADD_JACK, put(f"{CRED}/credential_a", {"plugins": BASIC}, 201),
                              Step("DELETE", f"{CRED}/credential_a", None, 200),
                              Step("GET", CRED, None, 404, {"message": "Key not found"}, "exact")],
    "credentials.t TEST 11": [ADD_JACK, err("PUT", f"{CRED}/xxx-yyy-zzz", {"plugins": {
        "key-auth": {"key": "the-key"}, "basic-auth": {"username": "u", "password": "p"}}}, 400,
        'invalid configuration: property "plugins" validation failed: expect object to have at most 1 properties')],
    "credentials.t TEST 13": [ADD_JACK, put(f"{CRED}/a", {"plugins": {"key-auth": {"key": "k"}}}, 201),
                              Step("DELETE", "/consumers/jack", None, 200),
                              Step("GET", CRED, None, 404, {"message": "Key not found"}, "exact")],
    "credentials.t TEST 15": [put("/consumers", {"username": "jack"}, 201),
                              put(CRED, {"id": "d79a5aa3", "desc": "key-auth for jack",
                                         "plugins": {"key-auth": {"key": "the-key"}}}, 201,
                                  {"value": {"id": "d79a5aa3"},
                                   "key": "/apisix/consumers/jack/credentials/d79a5aa3"})],
    "credentials.t TEST 16": [put("/consumers", {"username": "jack"}, 201),
                              err("PUT", CRED, {"desc": "key-auth for jack",
                                                "plugins": {"key-auth": {"key": "the-key"}}}, 400,
                                  "missing credential id")],
}


@pytest.mark.parametrize("steps", params(CONSUMERS))
def test_consumers_t(box, steps: list[Step]) -> None:
    run_case(box, steps)


@pytest.mark.parametrize("steps", params(CREDENTIALS))
def test_credentials_t(box, steps: list[Step]) -> None:
    run_case(box, steps)
