"""Sub-path PATCH bodies checked for the two inputs that crash APISIX 3.18 (README: "Known APISIX hazards").

The spec guards `upstream.nodes` items and `multi-auth.auth_plugins` items in whole bodies, but a
sub-path PATCH (`/upstreams/1/nodes`, `/routes/1/plugins/multi-auth`) carries any JSON value, and
OpenAPI cannot tie the body's schema to the path. So the value is placed where the path puts it in
the object and the same two rules are applied there, before anything reaches APISIX.
"""

from __future__ import annotations

from typing import Any

from apisix_gpt.errors import RequestRejected


def _nest(attribute_path: str, value: Any) -> dict[str, Any]:
    node: Any = value
    for segment in reversed([part for part in attribute_path.split("/") if part]):
        node = {segment: node}
    return node if isinstance(node, dict) else {}


def _objects_only(items: Any, where: str) -> None:
    if isinstance(items, list) and not all(isinstance(item, dict) for item in items):
        raise RequestRejected(f"body: every item of {where} must be an object "
                              "(APISIX 3.18 fails with an internal error on anything else)")


def check_attribute(resource: str, attribute_path: str, value: Any) -> None:
    """Refuse `value` at `attribute_path` of a `resource` object when APISIX would crash on it."""
    whole = _nest(attribute_path, value)
    upstream = whole if resource == "upstreams" else whole.get("upstream")
    if isinstance(upstream, dict):
        _objects_only(upstream.get("nodes"), "nodes")
    plugins = whole.get("plugins")
    multi_auth = plugins.get("multi-auth") if isinstance(plugins, dict) else None
    if isinstance(multi_auth, dict):
        _objects_only(multi_auth.get("auth_plugins"), "multi-auth auth_plugins")
