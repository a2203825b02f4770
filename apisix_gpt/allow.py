"""Rebuild the `Allow` header of 405 answers from the spec (Connexion lists one route's methods only)."""

from __future__ import annotations

import re
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from apisix_gpt.spec import operations

_PARAM = re.compile(r"\{([^}]+)\}")


def _deref(spec: dict[str, Any], obj: Any) -> Any:
    ref = obj.get("$ref") if isinstance(obj, dict) else None
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return obj
    target: Any = spec
    for step in ref[2:].split("/"):
        target = target.get(step, {}) if isinstance(target, dict) else {}
    return target


def _path_schemas(spec: dict[str, Any], template: str) -> dict[str, Any]:
    """{name: schema} of the path parameters declared for `template` (any method)."""
    item = spec["paths"].get(template) or {}
    params = list(item.get("parameters") or [])
    for op in item.values():
        if isinstance(op, dict):
            params += op.get("parameters") or []
    resolved = [_deref(spec, p) for p in params]
    return {p["name"]: _deref(spec, p.get("schema", {})) for p in resolved
            if isinstance(p, dict) and p.get("in") == "path" and "name" in p}


def template_regex(template: str, schemas: dict[str, Any]) -> re.Pattern[str]:
    """`/routes/{route_id}` → `/routes/[^/]+$`; a `format: path` parameter may span slashes."""
    pieces, last = [], 0
    for match in _PARAM.finditer(template):
        schema = schemas.get(match.group(1))
        spans = isinstance(schema, dict) and schema.get("format") == "path"
        pieces += [re.escape(template[last:match.start()]), ".+" if spans else "[^/]+"]
        last = match.end()
    pieces.append(re.escape(template[last:]))
    return re.compile("".join(pieces) + "$")


def allowed_methods(spec: dict[str, Any]) -> list[tuple[re.Pattern[str], str]]:
    """(path regex, `Allow` value) per spec path, most specific (fewest parameters) first."""
    methods: dict[str, set[str]] = {}
    for path, method, _ in operations(spec):
        methods.setdefault(path, set()).add(method)
    ordered = sorted(methods, key=lambda p: (p.count("{"), -len(p)))
    return [(template_regex(p, _path_schemas(spec, p)), ", ".join(sorted(methods[p])))
            for p in ordered]


class AllowHeaderMiddleware:
    """On a 405, set `Allow` to every method the spec documents for the requested path."""

    def __init__(self, app: ASGIApp, spec: dict[str, Any]) -> None:
        self.app = app
        self.table = allowed_methods(spec)

    def allow_for(self, path: str) -> str | None:
        return next((allow for regex, allow in self.table if regex.match(path)), None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_allow(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 405:
                allow = self.allow_for(scope["path"])
                if allow:
                    MutableHeaders(scope=message)["Allow"] = allow
            await send(message)
        await self.app(scope, receive, send_with_allow)
