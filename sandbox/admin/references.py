"""DELETE reference checks: which other resources still use the one being deleted."""

from __future__ import annotations

from typing import Any, Callable

from sandbox.admin.exceptions import bad_request
from sandbox.admin.values import lua_tostring

Items = Callable[[str], list[tuple[str, dict]]]

# (resource, name in the message, only the traffic-split plugin counts)
_UPSTREAM_USERS = (
    ("routes", "route", False), ("services", "service", False),
    ("plugin_configs", "plugin_config", True), ("consumers", "consumer", True),
    ("consumer_groups", "consumer_group", True), ("global_rules", "global_rules", True),
)
_PROTO_USERS = (
    ("routes", "route"), ("services", "service"), ("consumers", "consumer"),
    ("plugin_configs", "plugin_config"), ("consumer_groups", "consumer_group"),
    ("global_rules", "global_rule"),
)

def _same(ref: Any, wanted: str) -> bool:
    return ref is not None and lua_tostring(ref) == wanted


def _ident(resource: str, rid: str, value: dict) -> str:
    if resource == "consumers":
        return lua_tostring(value.get("username", rid))
    return lua_tostring(value.get("id", rid))


def _split_uses(plugins: Any, up_id: str) -> bool:
    conf = plugins.get("traffic-split") if isinstance(plugins, dict) else None
    rules = conf.get("rules") if isinstance(conf, dict) else None
    for rule in rules if isinstance(rules, list) else []:
        for wu in rule.get("weighted_upstreams") or [] if isinstance(rule, dict) else []:
            if isinstance(wu, dict) and _same(wu.get("upstream_id"), up_id):
                return True
    return False


def _upstream_users(items: Items, up_id: str) -> None:
    for resource, label, plugin_only in _UPSTREAM_USERS:
        for rid, value in items(resource):
            who = f"{label} [{_ident(resource, rid, value)}]"
            if _split_uses(value.get("plugins"), up_id):
                raise bad_request(f"can not delete this upstream, plugin in {who} is still using it now")
            if not plugin_only and _same(value.get("upstream_id"), up_id):
                raise bad_request(f"can not delete this upstream, {who} is still using it now")


def _field_users(items: Items, resources: tuple[tuple[str, str], ...], field: str,
                 wanted: str, what: str) -> None:
    for resource, label in resources:
        for rid, value in items(resource):
            if _same(value.get(field), wanted):
                who = f"{label} [{_ident(resource, rid, value)}]"
                raise bad_request(f"can not delete this {what}, {who} is still using it now")


def _proto_users(items: Items, proto_id: str) -> None:
    for resource, label in _PROTO_USERS:
        for rid, value in items(resource):
            plugins = value.get("plugins") if isinstance(value.get("plugins"), dict) else {}
            conf = plugins.get("grpc-transcode")
            if isinstance(conf, dict) and _same(conf.get("proto_id"), proto_id):
                who = f"{label} [{_ident(resource, rid, value)}]"
                raise bad_request(f"can not delete this proto, {who} is still using it now")


def check_delete(resource: str, rid: str, items: Items, stream_mode: bool) -> None:
    """Raise APISIX's 400 when another resource still uses `rid` (skipped by `?force=true`)."""
    if resource == "upstreams":
        _upstream_users(items, rid)
    elif resource == "services":
        users = (("routes", "route"),) + ((("stream_routes", "stream_route"),) if stream_mode else ())
        _field_users(items, users, "service_id", rid, "service directly")
    elif resource == "plugin_configs":
        _field_users(items, (("routes", "route"),), "plugin_config_id", rid, "plugin config")
    elif resource == "consumer_groups":
        _field_users(items, (("consumers", "consumer"),), "group_id", rid, "consumer group")
    elif resource == "protos":
        _proto_users(items, rid)

