"""Route `vars` as lua-resty-expr evaluates them (Lua equality and tonumber rules)."""

from __future__ import annotations

from typing import Any

import pytest

from sandbox.dataplane.expr import evaluate

VARS = {"arg_id": "1", "arg_age": "20", "arg_hex": "0x10", "arg_inf": "inf", "http_x_env": "prod"}


def _eval(rules: list[Any]) -> bool:
    return evaluate(rules, VARS.get)


@pytest.mark.parametrize("rules, result", [
    ([["arg_id", "in", ["1", "2"]]], True),
    ([["arg_id", "in", [1, 2]]], False),          # Lua: "1" == 1 is false
    ([["arg_id", "==", 1]], True),                 # a number on the right converts the left
    ([["arg_age", ">", "18"]], True),
    ([["arg_hex", "==", 16]], True),               # tonumber reads hex
    ([["arg_inf", ">", 1]], False),                # but not "inf"
    ([["arg_missing", "==", None]], True),         # JSON null is nil: a missing var equals it
    ([["arg_missing", "~=", "x"]], True),
    ([["arg_id", "has", "1"]], False),             # `has` needs a multi-value left side
    ([["http_x_env", "IN", ["prod"]]], True),      # operators are case-insensitive
    ([["http_x_env", "!", "~~", "^de"]], True),
    ([["http_x_env", "prod"]], True),              # two elements: shorthand for ==
    ([["OR", ["arg_id", "==", "2"], ["arg_age", "==", "20"]]], True),  # logic inside a list
    (["!AND", ["arg_id", "==", "1"], ["arg_age", "==", "20"]], False),
])
def test_expression(rules: list[Any], result: bool) -> None:
    assert _eval(rules) is result
