"""The context budget (#20), measured on the running app: tools/list over /mcp and the served openapi.json.

Per profile: gpt's tools/list <= 30,000 compact JSON characters with no inputSchema over 2,500 and its
openapi.json <= 40,000; full's tools/list <= 90,000. Every tool schema is portable JSON Schema (valid
Draft 2020-12, one plain type per schema), and the served spec is the routed spec.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any, Iterator

import pytest
import requests

from apisix_gpt.mcp.budget import BUDGETS, compact, fetch_tools_list, figures, portability_problems
from apisix_gpt.spec import load_spec, operations
from config.settings import Settings
from tests.helpers.stack import Sandbox, start_api, start_sandbox

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    running = start_sandbox(tmp_path_factory.mktemp("budget"))
    yield running
    running.stop()


@pytest.fixture(scope="module", params=sorted(BUDGETS))
def served(request: pytest.FixtureRequest, sandbox: Sandbox,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, Any], str]]:
    profile = request.param
    token = secrets.token_urlsafe(16)
    proc, api_url, _ = start_api(tmp_path_factory.mktemp(profile), sandbox, token, secrets.token_urlsafe(16),
                                 APISIX_GPT_PROFILE=profile)
    try:
        spec_text = requests.get(f"{api_url}/openapi.json", timeout=10).text
        yield profile, fetch_tools_list(api_url, token), spec_text
    finally:
        proc.stop()


def test_profile_fits_its_budget(served: tuple[str, dict[str, Any], str]) -> None:
    profile, tools, spec_text = served
    measured = figures(tools, spec_text if BUDGETS[profile].openapi_json else None)
    assert measured.over(BUDGETS[profile]) == [], measured


def test_tool_schemas_are_portable_json_schema(served: tuple[str, dict[str, Any], str]) -> None:
    _, tools, _ = served
    assert portability_problems(tools) == []


def test_one_tool_per_served_operation_and_the_served_spec_is_the_routed_spec(
        served: tuple[str, dict[str, Any], str]) -> None:
    profile, tools, spec_text = served
    spec = json.loads(spec_text)
    expected = {op["operationId"] for _, _, op in operations(spec)} | {"search", "fetch"}
    assert {tool["name"] for tool in tools["tools"]} == expected
    routed = load_spec(Settings(profile=profile, public_url=spec["servers"][0]["url"]))
    assert compact(routed) == spec_text


def test_descriptions_fit_gpt_actions_and_say_what_comes_back(served: tuple[str, dict[str, Any], str]) -> None:
    _, tools, _ = served
    for tool in tools["tools"]:
        assert tool.get("title") and 0 < len(tool["description"]) <= 300, tool["name"]
        if tool["name"] not in ("search", "fetch"):
            assert "Returns" in tool["description"] or "200" in tool["description"], tool["name"]
