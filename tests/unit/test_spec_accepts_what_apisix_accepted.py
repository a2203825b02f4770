"""The spec accepts every request APISIX 3.18 accepted, on the answers recorded from a real APISIX.

For each recorded request that APISIX answered with 2xx, the operation it maps to must exist in the
spec (every documented endpoint and method) and its body and known query parameters must validate
against the spec's own schemas. The few refusals that are deliberate are listed with their reason.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from openapi_schema_validator import OAS30Validator, oas30_format_checker

ROOT = Path(__file__).resolve().parents[2]
SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi" / "openapi.yaml").read_text())
EXCHANGES = ROOT.parent / "shared" / "testdata" / "apisix-3.18" / "exchanges.jsonl"
pytestmark = pytest.mark.skipif(not EXCHANGES.exists(), reason=f"recorded answers not found at {EXCHANGES}")

# Query values refused on purpose, though APISIX answers 200 (it then ignores paging and returns the
# whole collection, which apisix-gpt must not do: replies are bounded and always paged).
DELIBERATE = {
    ("page_size", "5"): "outside 10-500, APISIX drops paging and returns everything",
    ("page_size", "501"): "outside 10-500, APISIX drops paging and returns everything",
    ("page", "abc"): "not a number, APISIX drops paging and returns everything",
}


def _operations() -> list[tuple[str, re.Pattern[str], str, dict[str, Any]]]:
    found = []
    for path, item in SPEC["paths"].items():
        pattern = re.sub(r"\\\{(\w+)\\\}", lambda m: "(.+)" if m.group(1) == "attribute_path" else "([^/]+)",
                         re.escape(path))
        for method, op in item.items():
            found.append((method.upper(), re.compile(f"^{pattern}$"), path, op))
    return found


OPERATIONS = _operations()


def operation_for(method: str, path: str) -> dict[str, Any] | None:
    """The spec operation serving `method path` (the most specific template wins)."""
    full = "/apisix/admin" + path
    matches = [(template.count("{"), op) for verb, rx, template, op in OPERATIONS
               if verb == method and rx.match(full)]
    return min(matches, key=lambda m: m[0])[1] if matches else None


def schema_errors(schema: dict[str, Any], instance: Any) -> list[str]:
    validator = OAS30Validator({**SPEC, **schema}, format_checker=oas30_format_checker)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


def _parameters(op: dict[str, Any]) -> dict[str, dict[str, Any]]:
    shared = SPEC["components"]["parameters"]
    params = [shared[p["$ref"].rsplit("/", 1)[-1]] if "$ref" in p else p for p in op.get("parameters", [])]
    return {p["name"]: p for p in params}


def _query_value(schema: dict[str, Any], text: str) -> Any:
    kind = schema.get("type")
    if kind == "integer":
        return int(text)
    if kind == "boolean":
        return {"true": True, "false": False}[text]
    return text


def accepted_requests() -> Iterator[dict[str, Any]]:
    with EXCHANGES.open(encoding="utf-8") as lines:
        for line in lines:
            step = json.loads(line)
            if 200 <= step["expected_status"] < 300 and "auth" not in step and "raw_body" not in step:
                step["path"] = re.sub(r"\{\w+\}", "generated-id", step["path"])
                yield step


def refusals(step: dict[str, Any]) -> list[str]:
    """Why the spec would refuse `step` (empty when it accepts it or the refusal is deliberate)."""
    op = operation_for(step["method"], step["path"])
    if op is None:
        return [f"no operation for {step['method']} {step['path']}"]
    found = []
    if step["body"] is not None and "requestBody" in op:
        found += schema_errors(op["requestBody"]["content"]["application/json"]["schema"], step["body"])
    params = _parameters(op)
    for name, text in (step["query"] or {}).items():
        if name not in params or (name, text) in DELIBERATE:
            continue  # unknown query parameters are ignored, as APISIX does
        try:
            value = _query_value(params[name]["schema"], text)
        except (ValueError, KeyError):
            found.append(f"query.{name}={text!r} is not a {params[name]['schema'].get('type')}")
            continue
        found += [f"query.{name}: {error}" for error in schema_errors(params[name]["schema"], value)]
    return found


def test_every_request_apisix_accepted_is_accepted_by_the_spec() -> None:
    steps = list(accepted_requests())
    assert len(steps) > 1000  # the recording holds about 1,900 accepted requests
    refused = [(step["sequence"], step["step"], step["method"], step["path"], problems)
               for step in steps if (problems := refusals(step))]
    assert refused == []


def test_deliberate_refusals_are_still_refused() -> None:
    page_size = SPEC["components"]["parameters"]["page_size"]["schema"]
    assert schema_errors(page_size, 5) and schema_errors(page_size, 501)
    assert SPEC["components"]["parameters"]["page"]["schema"]["type"] == "integer"
