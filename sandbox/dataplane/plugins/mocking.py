"""mocking: answer from the plugin configuration without reaching the upstream."""

from __future__ import annotations

import asyncio
import json
import random
import string
from typing import Any

from sandbox.dataplane.context import RequestContext
from sandbox.dataplane.plugins._util import resolve_vars
from sandbox.dataplane.resolve import Exit
from sandbox.dataplane.runtime import Runtime
from sandbox.settings import APISIX_VERSION

NAME = "mocking"
PRIORITY = 10900
DEFAULT_CONTENT_TYPE = "application/json;charset=utf8"


def _gen(prop: dict[str, Any]) -> Any:
    """gen_by_property: the example when it has the right type, else a random value."""
    typ, example = str(prop.get("type", "")).lower(), prop.get("example")
    if typ == "array":
        items = prop.get("items")
        return None if items is None else [_gen(items) for _ in range(random.randint(1, 3))]
    if typ == "object":
        return {k: _gen(v) for k, v in (prop.get("properties") or {}).items()}
    if typ == "string":
        return example if isinstance(example, str) else "".join(
            random.choice(string.ascii_lowercase) for _ in range(random.randint(1, 10)))
    if typ in ("number", "integer"):
        if isinstance(example, (int, float)) and not isinstance(example, bool):
            return int(example // 1) if typ == "integer" else example
        return random.randint(1, 10000) if typ == "integer" else random.random() * 10000
    if typ == "boolean":
        return example if isinstance(example, bool) else random.choice([True, False])
    return None


def _xml(value: Any, tag: str) -> str:
    if isinstance(value, dict):
        inner = "".join(_xml(v, k) for k, v in value.items())
    elif isinstance(value, list):
        return "".join(_xml(v, tag) for v in value)
    else:
        inner = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    return f"<{tag}>{inner}</{tag}>"


def _content(conf: dict[str, Any], content_type: str) -> str:
    if conf.get("response_example") is not None:
        return str(conf["response_example"])
    schema = conf.get("response_schema") or {}
    output = {k: _gen(v) for k, v in (schema.get("properties") or {}).items()}  # gen_object
    typ = content_type.split(";", 1)[0]
    if typ in ("application/xml", "text/xml"):
        return _xml(output, "data")
    if typ in ("application/json", "text/plain"):
        return json.dumps(output, separators=(",", ":"))
    return ""  # APISIX logs "json schema body only support xml and json content type"


async def access(conf: dict[str, Any], ctx: RequestContext, rt: Runtime) -> None:
    content_type = conf.get("content_type", DEFAULT_CONTENT_TYPE)
    headers = {"Content-Type": content_type}
    if conf.get("with_mock_header", True):
        headers["x-mock-by"] = f"APISIX/{APISIX_VERSION}"
    for name, value in (conf.get("response_headers") or {}).items():
        headers[name] = resolve_vars(str(value), ctx)
    if conf.get("delay"):
        await asyncio.sleep(int(conf["delay"]))
    raise Exit(int(conf.get("response_status", 200)), resolve_vars(_content(conf, content_type), ctx),
               headers)
