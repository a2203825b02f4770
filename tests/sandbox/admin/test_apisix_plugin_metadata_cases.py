"""Plugin metadata writes as APISIX's own tests expect them: apache/apisix `t/admin/plugin-metadata.t`
(3.x `resource.new` semantics) and `plugin-metadata2.t` (lists)."""

from __future__ import annotations

import pytest

from tests.sandbox.apisix_t_cases import Step, err, like, params, put, run_case, run_probes

EX = "/plugin_metadata/example-plugin"
KA = "/plugin_metadata/key-auth"  # a plugin module without metadata_schema: 3.x injects an empty one

CASES: dict[str, list[Step]] = {
    "plugin-metadata.t TEST 1 (key-auth)": [put(KA, {"skey": "val", "ikey": 1}, 201,
                                                {"key": "/apisix/plugin_metadata/key-auth",
                                                 "value": {"skey": "val", "ikey": 1}})],
    "plugin-metadata.t TEST 2 (key-auth)": [put(KA, {"skey": "val", "ikey": 1}, 201),
                                            put(KA, {"skey": "val2", "ikey": 2}, 200, {"value": {"skey": "val2"}}),
                                            put(KA, {"skey": "val2", "ikey": 2}, 200)],
    "plugin-metadata.t TEST 3 (key-auth)": [put(KA, {"skey": "val2", "ikey": 2}),
                                            Step("GET", KA, None, 200, {"value": {"skey": "val2", "ikey": 2},
                                                                        "key": "/apisix/plugin_metadata/key-auth"})],
    "plugin-metadata.t TEST 4 (key-auth)": [put(KA, {"skey": "val2", "ikey": 2}),
                                            Step("DELETE", KA, None, 200, {"deleted": "1",
                                                                           "key": "/apisix/plugin_metadata/key-auth"},
                                                 "exact")],
    "plugin-metadata.t TEST 5": [Step("DELETE", "/plugin_metadata/not_found", None, 404,
                                      {"message": "Key not found"}, "exact")],
    "plugin-metadata.t TEST 6": [err("PUT", "/plugin_metadata", {"k": "v"}, 400, "missing plugin name")],
    "plugin-metadata.t TEST 7": [err("PUT", "/plugin_metadata/test", {"k": "v"}, 400, "invalid plugin name")],
    "plugin-metadata.t (3.x) POST": [err("POST", "/plugin_metadata/key-auth", {"k": "v"}, 405,
                                         "not supported `POST` method for plugin_metadata")],
    "plugin-metadata.t (3.x) PATCH": [err("PATCH", KA, {"k": "v"}, 405,
                                          "not supported `PATCH` method for plugin_metadata")],
    "plugin-metadata.t (3.x) cors metadata": [
        like("PUT", "/plugin_metadata/cors", {"allow_origins": 1}, 400,
             r'^\{"error_msg":"invalid configuration: property \\"allow_origins\\" validation failed')],
}

EXAMPLE_CASES: dict[str, list[Step]] = {
    "plugin-metadata.t TEST 1": [put(EX, {"skey": "val", "ikey": 1}, 201,
                                     {"value": {"skey": "val", "ikey": 1},
                                      "key": "/apisix/plugin_metadata/example-plugin"})],
    "plugin-metadata.t TEST 8": [like("PUT", EX, {"skey": "val"}, 400,
                                      r'\{"error_msg":"invalid configuration: property \\"ikey\\" is required"\}')],
    "plugin-metadata.t TEST 16-18": [
        put(EX, {"skey": "val", "ikey": 1}, 201, {"key": "/apisix/plugin_metadata/example-plugin",
                                                  "value": {"ikey": 1, "skey": "val"}}),
        Step("GET", EX, None, 200, {"key": "/apisix/plugin_metadata/example-plugin",
                                    "value": {"ikey": 1, "skey": "val"}}),
        Step("DELETE", EX, None, 200, {"deleted": "1", "key": "/apisix/plugin_metadata/example-plugin"}, "exact"),
    ],
}


@pytest.mark.parametrize("steps", params(CASES) + params(EXAMPLE_CASES))
def test_plugin_metadata_t(box, steps: list[Step]) -> None:
    run_case(box, steps)


EMPTY = {"list": [], "total": 0}


# `plugin-metadata2.t`: lists.
# Steps may carry a `Probe` check, so these run with `run_probes`.
PLUGIN_METADATA2_T_CASES: dict[str, list[Step]] = {
    "plugin-metadata2.t TEST 1 empty list": [Step("GET", "/plugin_metadata", None, 200, EMPTY, "exact")],
    "plugin-metadata2.t (3.x) list after PUT": [
        put("/plugin_metadata/example-plugin", {"skey": "val", "ikey": 1}, 201),
        Step("GET", "/plugin_metadata", None, 200, {"total": 1, "list": [
            {"key": "/apisix/plugin_metadata/example-plugin", "value": {"skey": "val", "ikey": 1}}]})],
}


@pytest.mark.parametrize("steps", params(PLUGIN_METADATA2_T_CASES))
def test_plugin_metadata2_t(box, steps: list[Step]) -> None:
    run_probes(box, steps)
