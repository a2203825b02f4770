"""Lint the curated spec: OAS 3.0.3 validity and the per-operation rules a model relies on."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from openapi_spec_validator import validate

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi" / "openapi.yaml"
METHODS = ("get", "put", "post", "patch", "delete", "head")
CAMEL = re.compile(r"^[a-z][a-zA-Z0-9]*$")

# The fixed contract with handlers/: (tag, operationId, method, path).
TABLE: list[tuple[str, str, str, str]] = []


def _crud(tag: str, sing: str, plural: str, base: str, item: str, ops: str) -> None:
    rows = {"list": ("list" + plural, "get", base), "create": ("create" + sing, "post", base),
            "get": ("get" + sing, "get", item), "put": ("put" + sing, "put", item),
            "patch": ("patch" + sing, "patch", item), "delete": ("delete" + sing, "delete", item),
            "attr": ("patch" + sing + "Attribute", "patch", item + "/{attribute_path}"),
            "bodyput": ("put" + sing + "InBody", "put", base)}
    TABLE.extend((tag, *rows[op]) for op in ops.split())


A = "/apisix/admin"
_crud("routes", "Route", "Routes", f"{A}/routes", f"{A}/routes/{{route_id}}", "list create bodyput get put patch delete attr")
_crud("services", "Service", "Services", f"{A}/services", f"{A}/services/{{service_id}}",
      "list create bodyput get put patch delete attr")
_crud("upstreams", "Upstream", "Upstreams", f"{A}/upstreams", f"{A}/upstreams/{{upstream_id}}",
      "list create bodyput get put patch delete attr")
_crud("consumers", "Consumer", "Consumers", f"{A}/consumers", f"{A}/consumers/{{username}}", "list bodyput get put delete")
_crud("credentials", "Credential", "Credentials", f"{A}/consumers/{{username}}/credentials",
      f"{A}/consumers/{{username}}/credentials/{{credential_id}}", "list bodyput get put delete")
_crud("ssls", "Ssl", "Ssls", f"{A}/ssls", f"{A}/ssls/{{ssl_id}}", "list create get put patch delete attr")
_crud("global_rules", "GlobalRule", "GlobalRules", f"{A}/global_rules", f"{A}/global_rules/{{global_rule_id}}",
      "list bodyput get put patch delete attr")
_crud("plugin_configs", "PluginConfig", "PluginConfigs", f"{A}/plugin_configs",
      f"{A}/plugin_configs/{{plugin_config_id}}", "list bodyput get put patch delete attr")
_crud("consumer_groups", "ConsumerGroup", "ConsumerGroups", f"{A}/consumer_groups",
      f"{A}/consumer_groups/{{consumer_group_id}}", "list get put patch delete attr")
_crud("plugin_metadata", "PluginMetadata", "PluginMetadata", f"{A}/plugin_metadata",
      f"{A}/plugin_metadata/{{plugin_name}}", "list get put delete")
_crud("stream_routes", "StreamRoute", "StreamRoutes", f"{A}/stream_routes", f"{A}/stream_routes/{{stream_route_id}}",
      "list create get put delete")
_crud("protos", "Proto", "Protos", f"{A}/protos", f"{A}/protos/{{proto_id}}", "list create bodyput get put delete")
_crud("secrets", "Secret", "Secrets", f"{A}/secrets", f"{A}/secrets/{{manager}}/{{secret_id}}",
      "list get put patch delete")
TABLE += [
    ("plugins", "listPlugins", "get", f"{A}/plugins/list"),
    ("plugins", "getPlugin", "get", f"{A}/plugins/{{plugin_name}}"),
    ("plugins", "getAllPlugins", "get", f"{A}/plugins"),
    ("plugins", "getPluginSchema", "get", f"{A}/schema/plugins/{{plugin_name}}"),
    ("admin", "pingAdmin", "head", A),
    ("secrets", "listSecretsOfManager", "get", f"{A}/secrets/{{manager}}"),
    ("schema", "getSchema", "get", f"{A}/schema/{{schema_name}}"),
    ("schema", "validateSchema", "post", f"{A}/schema/validate/{{resource}}"),
    ("audit", "listChanges", "get", "/audit/changes"),
]


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text())


def operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def node_ref(ref: str) -> list[str]:
    assert ref.startswith("#/"), f"non-local $ref {ref}"
    return ref[2:].split("/")


def deref(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    seen = 0
    while "$ref" in node:
        target: Any = spec
        for part in node_ref(node["$ref"]):
            target = target[part]
        node, seen = target, seen + 1
        assert seen < 10, "reference chain too long"
    return node


def test_spec_is_valid_openapi_303(spec: dict[str, Any]) -> None:
    assert spec["openapi"] == "3.0.3"
    validate(spec)


def test_info_servers_security(spec: dict[str, Any]) -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", spec["info"]["version"])
    assert str(spec["info"]["x-apisix-version"]) == "3.18"
    for needle in ("page_size", "**REDACTED**", "validateSchema", "PUT"):
        assert needle in spec["info"]["description"]
    assert spec["servers"] == [{"url": "http://127.0.0.1:5000"}]
    assert spec["security"] == [{"bearerAuth": []}]
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        **spec["components"]["securitySchemes"]["bearerAuth"], "type": "http", "scheme": "bearer"}


def test_operation_table_is_exact(spec: dict[str, Any]) -> None:
    found = sorted((op["tags"][0], op["operationId"], method, path) for path, method, op in operations(spec))
    assert found == sorted(TABLE)


def test_operation_ids_unique_and_camel_case(spec: dict[str, Any]) -> None:
    ids = [op["operationId"] for _, _, op in operations(spec)]
    assert len(ids) == len(set(ids))
    assert [i for i in ids if not CAMEL.match(i)] == []


def test_every_operation_has_one_declared_tag(spec: dict[str, Any]) -> None:
    declared = {tag["name"] for tag in spec["tags"]}
    assert all(tag.get("description") for tag in spec["tags"])
    for path, method, op in operations(spec):
        assert len(op["tags"]) == 1 and op["tags"][0] in declared, (method, path)
        assert "x-openapi-router-controller" not in op


def test_consequential_flag_matches_method(spec: dict[str, Any]) -> None:
    for path, method, op in operations(spec):
        read = method in ("get", "head") or op["operationId"] == "validateSchema"
        assert op["x-openai-isConsequential"] is (not read), op["operationId"]


def test_default_problem_response_and_json_success(spec: dict[str, Any]) -> None:
    for path, method, op in operations(spec):
        assert op["responses"]["default"] == {"$ref": "#/components/responses/Problem"}, op["operationId"]
        for status, response in op["responses"].items():
            if status.startswith("2") and method != "head":  # a HEAD answer has no body
                assert list(deref(spec, response)["content"]) == ["application/json"], op["operationId"]
    problem = spec["components"]["responses"]["Problem"]
    assert list(problem["content"]) == ["application/problem+json"]


def test_description_lengths(spec: dict[str, Any]) -> None:
    for path, method, op in operations(spec):
        assert op.get("summary") and len(op["summary"]) <= 300, op["operationId"]
        assert op.get("description") and len(op["description"]) <= 300, op["operationId"]
        assert "Returns" in op["description"], op["operationId"]  # what the model gets back
        for param in op.get("parameters", []):
            param = deref(spec, param)
            assert param.get("description") and len(param["description"]) <= 700, param["name"]


def test_no_header_parameters(spec: dict[str, Any]) -> None:
    params = list(spec["components"]["parameters"].values())
    params += [p for _, _, op in operations(spec) for p in op.get("parameters", []) if "$ref" not in p]
    assert [p["name"] for p in params if p["in"] not in ("path", "query")] == []


def test_only_local_refs_and_no_jinja(spec: dict[str, Any]) -> None:
    text = SPEC_PATH.read_text()
    refs = re.findall(r"\$ref: *'?([^'\s}]+)", text)
    assert refs and all(ref.startswith("#/") for ref in refs)
    for marker in ("{{", "{%", "{#"):
        assert marker not in text


def test_path_parameters_follow_the_table(spec: dict[str, Any]) -> None:
    id_schema = spec["components"]["schemas"]["Id"]
    assert (id_schema["type"], id_schema["pattern"]) == ("string", "^[a-zA-Z0-9._-]{1,64}$")
    # Ids in bodies are APISIX's id schema: a string as above, or an integer >= 1.
    assert spec["components"]["schemas"]["RefId"]["anyOf"] == [
        {"type": "string", "pattern": "^[a-zA-Z0-9._-]{1,64}$"}, {"type": "integer", "minimum": 1}]
    manager = spec["components"]["parameters"]["manager"]["schema"]
    assert manager["enum"] == ["vault", "aws", "gcp"]
    assert spec["components"]["parameters"]["attribute_path"]["schema"]["format"] == "path"
    for path, method, op in operations(spec):
        names = {deref(spec, p)["name"] for p in op.get("parameters", []) if deref(spec, p)["in"] == "path"}
        assert names == set(re.findall(r"{(\w+)}", path)), (method, path)


def test_list_write_and_delete_query_parameters(spec: dict[str, Any]) -> None:
    for path, method, op in operations(spec):
        names = {deref(spec, p)["name"] for p in op.get("parameters", [])}
        oid = op["operationId"]
        if oid.startswith("list") and oid not in ("listPlugins", "listChanges"):
            assert {"page", "page_size", "name", "label"} <= names, oid
            assert ({"uri", "filter"} <= names) == (oid in ("listRoutes", "listStreamRoutes")), oid
        if method in ("put", "post", "patch") and oid != "validateSchema":
            assert "ttl" in names, oid
        if method == "delete":
            assert "force" in names, oid
    page_size = spec["components"]["parameters"]["page_size"]["schema"]
    assert (page_size["minimum"], page_size["maximum"], page_size["default"]) == (10, 500, 20)


def test_links_chain_crud_operations(spec: dict[str, Any]) -> None:
    ids = {op["operationId"] for _, _, op in operations(spec)}
    for sing, param in (("Route", "route_id"), ("Service", "service_id"), ("Upstream", "upstream_id"),
                        ("Consumer", "username")):
        put = next(op for _, _, op in operations(spec) if op["operationId"] == f"put{sing}")
        links = put["responses"]["201"]["links"]
        assert links[f"Get{sing}"]["parameters"][param] == f"$request.path.{param}"
        assert f"Delete{sing}" in links
        if sing != "Consumer":
            create = next(op for _, _, op in operations(spec) if op["operationId"] == f"create{sing}")
            get_link = create["responses"]["201"]["links"][f"Get{sing}"]
            assert get_link["parameters"][param] == "$response.body#/value/id"
    for _, _, op in operations(spec):
        for response in op["responses"].values():
            for link in response.get("links", {}).values():
                assert link["operationId"] in ids
