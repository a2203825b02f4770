"""Write checks whose answers the recorded APISIX 3.18 exchanges settle."""

from __future__ import annotations

from tests.sandbox.admin_data import ROUTE, error, expect, needs_catalogue

ONE_OF = "value should match only one schema, but matches none"

pytestmark = needs_catalogue


def test_limit_count_and_limit_conn_shapes_are_a_oneof(admin):
    prefix = "failed to check the configuration of plugin"
    error(admin.put("/routes/1", json={**ROUTE, "plugins": {"limit-count": {"count": 2}}}), 400,
          f"{prefix} limit-count err: {ONE_OF}")
    error(admin.put("/routes/1", json={**ROUTE, "plugins": {"limit-count": {"count": -1, "time_window": 60}}}), 400,
          f'{prefix} limit-count err: property "count" validation failed: {ONE_OF}')
    error(admin.put("/routes/1", json={**ROUTE, "plugins": {"limit-conn": {"conn": 1, "burst": 0, "key": "k"}}}), 400,
          f"{prefix} limit-conn err: {ONE_OF}")
    both = {"count": 1, "time_window": 60, "rules": [{"count": 1, "time_window": 1, "key": "k"}]}
    error(admin.put("/routes/1", json={**ROUTE, "plugins": {"limit-count": both}}), 400,
          f"{prefix} limit-count err: count/time_window and rules cannot be specified at the same time")


def test_consumer_group_limit_count_group_must_keep_its_conf(admin):
    group = {"count": 200, "time_window": 60, "rejected_code": 503, "group": "grp_1"}
    expect(admin.put("/consumer_groups/A_b-9", json={"plugins": {"limit-count": group}}), 201)
    expect(admin.put("/consumer_groups/other", json={"plugins": {"limit-count": group}}), 201)
    error(admin.patch("/consumer_groups/A_b-9", json={"plugins": {"limit-count": {"count": 5, "time_window": 10}}}),
          400, "failed to check the configuration of plugin limit-count err: group conf mismatched")
    expect(admin.patch("/consumer_groups/A_b-9", json={"plugins": {"limit-count": None}}), 200)


def test_consumer_group_plugin_confs_are_checked(admin):
    conf = {"plugins": {"uri-blocker": {"block_rules": [], "rejected_code": "abc"}}}
    error(admin.put("/consumer_groups/1", json=conf), 400,
          'failed to check the configuration of plugin uri-blocker err: property "rejected_code" '
          'validation failed: wrong type: expected integer, got string')


def test_consumer_id_is_checked_by_the_consumer_schema(admin):
    expect(admin.put("/consumers/jack", json={"username": "jack", "id": 123}), 201)
    error(admin.put("/consumers", json={"username": "rose", "id": "a b"}), 400,
          'invalid configuration: property "id" validation failed: object matches none of the required')


def test_route_vars_regex_is_not_compiled_at_write_time(admin):
    expect(admin.put("/routes/1", json={**ROUTE, "vars": [["arg_x", "~~", "[a"]]}), 201)


def test_array_body_is_a_lua_table_with_index_keys(admin):
    resp = admin.put("/routes/1", data="[1,2]", headers={"Content-Type": "application/json"})
    error(resp, 400, "invalid configuration: additional properties forbidden, found 1")


def test_secret_patch_without_an_id(admin):
    error(admin.patch("/secrets/vault", json={"prefix": "x"}), 400, "no secret id")


def test_plugin_metadata_for_plugins_with_a_metadata_schema(admin):
    for name in ("http-logger", "splunk-hec-logging", "datadog", "loggly", "lago"):
        body = expect(admin.put(f"/plugin_metadata/{name}", json={"log_format": {"host": "$host"}}), 201)
        assert body["value"] == {"id": name, "log_format": {"host": "$host"}}
    expect(admin.get("/plugin_metadata/datadog"), 200)


def test_upstream_hash_schemas_are_served(admin):
    expect(admin.get("/schema/upstream_hash_header_schema"), 200,
           {"type": "string", "pattern": "^[a-zA-Z0-9-_]+$"})
    assert expect(admin.get("/schema/upstream_hash_vars_schema"), 200)["type"] == "string"


def test_secret_references_skip_string_schemas(admin):
    """core/schema.lua's skip_validation: a `$secret://`/`$env://` string passes a string schema."""
    refs = {"sni": "test.com", "cert": "$secret://vault/test/ssl/test.com.crt",
            "key": "$ENV://APISIX_TEST_SSL_KEY", "certs": ["$env://CERTS"], "keys": ["$secret://vault/k"]}
    expect(admin.put("/ssls/1", json=refs), 201)
    error(admin.put("/ssls/2", json={**refs, "cert": 1}), 400,
          'invalid configuration: property "cert" validation failed: wrong type: expected string, got number')
    error(admin.put("/ssls/3", json={**refs, "cert": "short"}), 400,
          'invalid configuration: property "cert" validation failed: string too short, expected at least 128, got 5')


def test_proto_without_a_message_name_gets_lua_protobufs_text(admin):
    error(admin.post("/protos", json={"content": 'syntax = "proto3"; message {'}), 400,
          "invalid content: /usr/local/apisix//deps/share/lua/5.1/protoc.lua:638: filename for loaded:1:28: "
          "message name expected")
