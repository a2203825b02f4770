"""The recorded APISIX 3.18 plugin catalogue drives the sandbox's plugin endpoints and checks."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from sandbox.__main__ import plugins_line
from sandbox.settings import SandboxSettings
from sandbox.validation.plugins.extras import PRES
from tests.helpers.procs import PLUGIN_CATALOGUE, PYTHON, ROOT
from tests.sandbox.admin_data import error, expect

pytestmark = pytest.mark.skipif(not PLUGIN_CATALOGUE.is_file(), reason="no recorded catalogue beside the repo")


def recorded() -> dict:
    return json.loads(PLUGIN_CATALOGUE.read_text())


def test_plugins_list_is_apisix_list_in_its_order(admin):
    listed = expect(admin.get("/plugins/list"), 200)
    assert listed == recorded()["plugins_list"] and len(listed) == 107


def test_plugins_all_answers_the_catalogue(admin):
    cat = recorded()
    assert expect(admin.get("/plugins?all=true"), 200) == cat["http"]
    assert expect(admin.get("/plugins?all=true&subsystem=stream"), 200) == cat["stream"]


@pytest.mark.parametrize("name", ["openid-connect", "ai-proxy", "http-logger", "workflow"])
def test_plugin_schema_is_the_catalogued_one(admin, name):
    assert expect(admin.get(f"/plugins/{name}"), 200) == recorded()["http"][name]["schema"]
    assert expect(admin.get(f"/schema/plugins/{name}"), 200) == recorded()["http"][name]["schema"]


def test_consumer_schema_and_subsystem_queries(admin):
    cat = recorded()
    assert expect(admin.get("/plugins/jwt-auth?schema_type=consumer"), 200) == cat["http"]["jwt-auth"]["consumer_schema"]
    error(admin.get("/plugins/cors?schema_type=consumer"), 400, "not found schema")
    assert expect(admin.get("/plugins/syslog?subsystem=stream"), 200) == cat["stream"]["syslog"]["schema"]
    error(admin.get("/plugins/cors?subsystem=stream"), 404, "plugin not found in subsystem stream")


def _required_missing(schema: dict) -> tuple[dict, str] | None:
    """An empty conf, and the jsonschema text for one missing required field (when there is one).

    Which required field is named first follows Lua's table order, so any of them is accepted.
    """
    required = schema.get("required") or []
    if not required:
        return None
    return {}, "|".join(f'property "{name}" is required' for name in required)


def test_every_catalogued_plugin_is_checked_against_its_schema(admin):
    """A conf missing the first required field is refused with the jsonschema text, on routes."""
    cat = recorded()["http"]
    checked = 0
    for name, entry in cat.items():
        missing = _required_missing(entry["schema"])
        if missing is None or entry["schema"].get("anyOf") or entry["schema"].get("oneOf") or name in PRES:
            continue  # combinators and check_schema preludes word it otherwise
        conf, text = missing
        resp = admin.put("/global_rules/1", json={"plugins": {name: conf}})
        assert resp.status_code == 400, (name, resp.text)
        prefix = f"failed to check the configuration of plugin {name} err: "
        message = resp.json()["error_msg"]
        assert message.startswith(prefix) and message[len(prefix):] in text.split("|"), resp.text
        checked += 1
    assert checked >= 40


def test_metadata_schema_plugins_take_plugin_metadata(admin):
    for name in ("http-logger", "datadog", "lago"):
        expect(admin.put(f"/plugin_metadata/{name}", json={}), 201)
    error(admin.put("/plugin_metadata/datadog", json={"host": 1}), 400,
          'invalid configuration: property "host" validation failed: wrong type: expected string, got number')


def test_start_line_says_where_plugins_come_from() -> None:
    assert "no plugin catalogue" in plugins_line(SandboxSettings(), 34)
    assert "from catalogue" in plugins_line(SandboxSettings(plugin_catalogue=Path("x.json")), 107)


@pytest.mark.parametrize("content, message", [(None, "cannot read plugin catalogue"),
                                              ("{not json", "is not JSON"),
                                              ('{"http": {"x": {"schema": {}}}}', "no integer `priority`")])
def test_unusable_catalogue_stops_the_start_with_a_message(tmp_path: Path, content, message) -> None:
    path = tmp_path / "plugins.json"
    if content is not None:
        path.write_text(content)
    run = subprocess.run([PYTHON, "-m", "sandbox", "--plugin-catalogue", str(path), "--admin-port", "1"],
                         cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert run.returncode == 2 and message in run.stderr and "Traceback" not in run.stderr
