"""Every operation of the real spec resolves to a handler whose signature takes all its parameters."""

from __future__ import annotations

import inspect

import pytest

from apisix_gpt.resolver import find_handler
from apisix_gpt.spec import operations, read_spec

SPEC = read_spec()
OPS = [(path, method, op) for path, method, op in operations(SPEC) if op["tags"][0] != "audit"]


def _params(spec: dict, path: str, op: dict) -> set[str]:
    def deref(p: dict) -> dict:
        ref = p.get("$ref")
        if not ref:
            return p
        target = spec
        for step in ref[2:].split("/"):
            target = target[step]
        return target
    params = [*(spec["paths"][path].get("parameters") or []), *(op.get("parameters") or [])]
    names = {deref(p)["name"] for p in params}
    return names | ({"body"} if "requestBody" in op else set())


@pytest.mark.parametrize("path, method, op", OPS, ids=[op["operationId"] for _, _, op in OPS])
def test_handler_takes_every_parameter(path: str, method: str, op: dict) -> None:
    handler = find_handler(op["operationId"], op["tags"][0])
    assert inspect.iscoroutinefunction(handler)
    accepted = set(inspect.signature(handler).parameters)
    assert _params(SPEC, path, op) == accepted
