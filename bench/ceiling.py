"""Ceiling app: apisix-gpt's own app factory and middleware, every operationId answering a constant.

It measures the framework's limit (routing, validation, auth, safety middleware) with no Admin API call.
Only the last step of the resolver (operationId → function) is swapped; what the three benchmarked
operations answer is replayed from `BENCH_CEILING_CANNED` (captured from the real apisix-gpt).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, Callable

import apisix_gpt.resolver as resolver
from apisix_gpt.spec import operations, read_spec

Handler = Callable[..., Any]
JSON_HEADERS = {"Content-Type": "application/json"}


def _template_regex(path: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$")


def canned_by_operation(canned: dict[str, dict], spec: dict[str, Any]) -> dict[str, dict]:
    """{operationId: canned reply} by matching each captured (method, path) to the spec's paths."""
    found = {}
    for path, method, op in operations(spec):
        rx = _template_regex(path)
        for reply in canned.values():
            if reply["method"] == method and rx.match(reply["path"]):
                found[op["operationId"]] = reply
    return found


def constant_handler(status: int, body: Any) -> Handler:
    async def handler(**_params: Any) -> tuple[Any, int, dict[str, str]]:
        return body, status, dict(JSON_HEADERS)
    return handler


def install(canned_file: Path | None) -> None:
    """Make the resolver hand out constant handlers instead of `handlers/<tag>.py` functions."""
    canned = json.loads(canned_file.read_text()) if canned_file else {}
    by_op = canned_by_operation(canned, read_spec())

    def find_handler(operation_id: str, _tag: str, _package: str = "") -> Handler:
        reply = by_op.get(operation_id, {"status": 200, "body": {}})
        return constant_handler(reply["status"], reply["body"])
    resolver.find_handler = find_handler


def build() -> Any:
    install(Path(os.environ["BENCH_CEILING_CANNED"]) if os.environ.get("BENCH_CEILING_CANNED")
            else None)
    from apisix_gpt.asgi import app  # noqa: PLC0415 - after the resolver is swapped
    return app


app = build()
