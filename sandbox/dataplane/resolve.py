"""Turn a matched route into its effective config: plugin_config, service and upstream merges."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from sandbox.store import Store


class Exit(Exception):
    """Stop the request with `core.response.exit(status, body)`."""

    def __init__(self, status: int, body: Any = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or {}


def fetch(store: Store, kind: str, item_id: Any) -> dict[str, Any] | None:
    entry = store.get(f"{store.prefix}/{kind}/{item_id}")
    return entry.value if entry and isinstance(entry.value, dict) else None


def _merge_plugin_config(route: dict[str, Any], store: Store) -> dict[str, Any]:
    conf = fetch(store, "plugin_configs", route["plugin_config_id"])
    if conf is None:
        raise Exit(503)  # "failed to fetch plugin config by id"
    merged = copy.deepcopy(route)
    plugins = dict(conf.get("plugins") or {})
    plugins.update(route.get("plugins") or {})  # the route's own plugin wins
    merged["plugins"] = plugins
    return merged


def _merge_service(route: dict[str, Any], service: dict[str, Any]) -> dict[str, Any]:
    """plugin.merge_service_route: the service is the base, route fields override it."""
    merged = copy.deepcopy(service)
    merged["service_id"] = service.get("id", route.get("service_id"))
    merged["id"] = route.get("id")
    plugins = dict(service.get("plugins") or {})
    plugins.update(route.get("plugins") or {})
    merged["plugins"] = plugins
    if route.get("upstream"):
        merged["upstream"] = route["upstream"]
        merged.pop("upstream_id", None)  # the route's inline upstream overrides the service's
    if route.get("upstream_id") is not None:
        merged["upstream_id"] = route["upstream_id"]
    for key in ("timeout", "name", "enable_websocket"):
        if route.get(key) is not None:
            merged[key] = route[key]
    return merged


@dataclass
class Effective:
    """The route after merges, with the ids APISIX keeps in api_ctx."""

    value: dict[str, Any]
    conf_type: str
    conf_version: str
    service_id: str | None
    parents: dict[str, str] = field(default_factory=dict)  # plugin -> key of the object it came from


def _parents(route: dict[str, Any], route_key: str, store: Store) -> dict[str, str]:
    """Which stored object each effective plugin configuration comes from (its `_meta.parent`):
    the route's own win over its plugin_config's, which win over its service's."""
    out: dict[str, str] = {}
    if route.get("service_id") is not None:
        service = fetch(store, "services", route["service_id"]) or {}
        for name in service.get("plugins") or {}:
            out[name] = f"{store.prefix}/services/{route['service_id']}"
    if route.get("plugin_config_id") is not None:
        conf = fetch(store, "plugin_configs", route["plugin_config_id"]) or {}
        for name in conf.get("plugins") or {}:
            out[name] = f"{store.prefix}/plugin_configs/{route['plugin_config_id']}"
    for name in route.get("plugins") or {}:
        out[name] = route_key
    return out


def effective_route(route: dict[str, Any], modified_index: int, store: Store) -> Effective:
    """Apply plugin_config_id then service_id, exiting like APISIX when either is missing."""
    value = route
    parents = _parents(route, f"{store.prefix}/routes/{route.get('id')}", store)
    if route.get("plugin_config_id") is not None:
        value = _merge_plugin_config(route, store)
    if value.get("service_id") is None:
        return Effective(value, "route", str(modified_index), None, parents)
    entry = store.get(f"{store.prefix}/services/{value['service_id']}")
    if entry is None or not isinstance(entry.value, dict):
        raise Exit(404)  # "failed to fetch service configuration by id"
    merged = _merge_service(value, entry.value)
    version = f"{modified_index}&{entry.modified_index}"
    return Effective(merged, "route&service", version, str(merged["service_id"]), parents)


def upstream_for(route: dict[str, Any], store: Store) -> dict[str, Any]:
    """handle_upstream + set_by_route: the upstream config, or Exit(502/503)."""
    if route.get("upstream_id") is not None:
        upstream = fetch(store, "upstreams", route["upstream_id"])
        if upstream is None:
            raise Exit(502)
        return upstream
    upstream = route.get("upstream")
    if not upstream:
        raise Exit(503)  # "missing upstream configuration in Route or Service"
    return upstream


def global_rules(store: Store) -> list[tuple[str, dict[str, Any]]]:
    """(etcd key, plugins) of each global rule, in the rules' order."""
    out = []
    for entry in store.children(f"{store.prefix}/global_rules/"):
        if isinstance(entry.value, dict) and isinstance(entry.value.get("plugins"), dict):
            out.append((entry.key, entry.value["plugins"]))
    return out
