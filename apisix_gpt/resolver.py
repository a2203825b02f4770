"""operationId → `handlers/<tag>.py::<snake_case(operationId)>`, through Connexion's public Resolver."""

from __future__ import annotations

import importlib
import re
from typing import Any, Callable

from connexion.resolver import Resolver

from apisix_gpt.spec import operations

HANDLER_PACKAGE = "handlers"
_WORD_EDGE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


class HandlerNotFound(AttributeError):
    """No handler function for an operationId; Connexion turns it into a boot-time ResolverError."""


def snake_case(operation_id: str) -> str:
    """`listRoutes` → `list_routes`, `getSSLCert` → `get_ssl_cert`."""
    return _WORD_EDGE.sub("_", operation_id).lower()


def operation_tags(spec: dict[str, Any]) -> dict[str, str]:
    """{operationId: first tag} for every operation; an operation without both is a spec error."""
    tags: dict[str, str] = {}
    for path, method, op in operations(spec):
        op_id, op_tags = op.get("operationId"), op.get("tags") or []
        if not op_id or not op_tags:
            raise HandlerNotFound(f"{method} {path}: every operation needs an operationId and a tag")
        tags[op_id] = op_tags[0]
    return tags


def find_handler(operation_id: str, tag: str, package: str = HANDLER_PACKAGE) -> Callable[..., Any]:
    module_name, name = f"{package}.{tag}", snake_case(operation_id)
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise HandlerNotFound(f"operationId {operation_id!r}: no module {module_name}") from None
    handler = getattr(module, name, None)
    if not callable(handler):
        raise HandlerNotFound(f"operationId {operation_id!r}: {module_name} has no function {name}()")
    return handler


def make_resolver(spec: dict[str, Any], package: str = HANDLER_PACKAGE) -> Resolver:
    """A Resolver mapping each operationId of `spec` to its handler function."""
    tags = operation_tags(spec)

    def lookup(operation_id: str) -> Callable[..., Any]:
        if operation_id not in tags:
            raise HandlerNotFound(f"operationId {operation_id!r} has no tag in the spec")
        return find_handler(operation_id, tags[operation_id], package)
    return Resolver(function_resolver=lookup)
