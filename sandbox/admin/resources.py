"""The Admin API resource table: etcd directory, singular kind and disabled methods per resource."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ResourceSpec:
    """One etcd-backed resource as `resource.new{...}` declares it in APISIX."""

    name: str  # plural Admin name and etcd directory
    kind: str  # singular, space-separated: used in error texts
    unsupported: frozenset[str] = field(default_factory=frozenset)
    has_id: bool = True  # False for consumers and plugin_metadata (APISIX's no_id_res)


def _spec(name: str, kind: str, *unsupported: str, has_id: bool = True) -> ResourceSpec:
    return ResourceSpec(name, kind, frozenset(unsupported), has_id)


RESOURCES: dict[str, ResourceSpec] = {
    spec.name: spec for spec in (
        _spec("routes", "route"),
        _spec("services", "service"),
        _spec("upstreams", "upstream"),
        _spec("consumers", "consumer", "post", "patch", has_id=False),
        _spec("credentials", "credential", "post", "patch"),
        _spec("ssls", "ssl"),
        _spec("global_rules", "global rule", "post"),
        _spec("plugin_configs", "plugin config", "post"),
        _spec("consumer_groups", "consumer group", "post"),
        _spec("plugin_metadata", "plugin_metadata", "post", "patch", has_id=False),
        _spec("stream_routes", "stream route", "patch"),
        _spec("protos", "proto", "patch"),
        _spec("secrets", "secret", "post"),
    )
}

# Resources whose list GET supports the v3 `filter=` argument (3.13+).
FILTERABLE = frozenset({"routes", "stream_routes"})
FILTER_KEYS = ("service_id", "upstream_id")
