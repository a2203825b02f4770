"""docs/mcp-tools.md must match what scripts/gen-mcp-tools-doc renders from the spec and profiles."""

from __future__ import annotations

import pytest

from apisix_gpt.mcp import tooldoc
from apisix_gpt.spec import SPEC_PATH, read_spec

from tests.unit.mini_spec import SPEC as MINI_SPEC


def test_render_lists_each_profile_with_operations_plus_search_and_fetch() -> None:
    text = tooldoc.render(MINI_SPEC)
    readonly = text.split("## Profile `readonly`")[1].split("## Profile")[0]
    assert "`putRoute` | PUT | `/apisix/admin/routes/{route_id}` | D I |" in text
    assert "`listRoutes` | GET | `/apisix/admin/routes` | R I |" in readonly
    assert "putRoute" not in readonly and "`search`" in readonly and "`fetch`" in readonly
    assert tooldoc.render(MINI_SPEC) == text  # deterministic


@pytest.mark.skipif(not SPEC_PATH.exists(), reason="openapi/openapi.yaml is not written yet")
def test_docs_mcp_tools_md_is_up_to_date() -> None:
    assert tooldoc.DOC_PATH.exists(), "docs/mcp-tools.md is missing: run scripts/gen-mcp-tools-doc"
    current = tooldoc.DOC_PATH.read_text(encoding="utf-8")
    assert current == tooldoc.render(read_spec()), "docs/mcp-tools.md is stale: run scripts/gen-mcp-tools-doc"
