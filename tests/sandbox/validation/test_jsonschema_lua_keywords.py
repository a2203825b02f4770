"""api7/jsonschema keyword checks and messages, case by case, as read from lib/jsonschema.lua.

The rows are in tests/data/jsonschema_lua_keywords.yaml, grouped by keyword family; each is
[schema, value, expected message or null]. Expectations follow the code the Lua
generator emits (newest stored lib/jsonschema.lua, the one whose texts APISIX's tests assert, e.g.
"matches none of the enum values", "expected 0 to be at least 1") and the library's own data in
spec/extra/*.json. Lua string literals in the generated code are parsed back, so property names,
patternProperties patterns and dependency names come out raw, while the `pattern` message keeps
LuaJIT's %q form because it sits in a [[long string]].
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from sandbox.validation.jsonschema_lua import validate

CASES_FILE = Path(__file__).resolve().parents[2] / "data" / "jsonschema_lua_keywords.yaml"


def load_cases(path: Path = CASES_FILE) -> list[tuple[Any, Any, str | None]]:
    """Every row of every keyword family, in file order."""
    families = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    return [tuple(row) for rows in families.values() for row in rows]


ALL_CASES = load_cases()


@pytest.mark.parametrize(("schema", "value", "expected"), ALL_CASES)
def test_keyword(schema: object, value: object, expected: str | None) -> None:
    assert validate(schema, value) == expected
