"""Inputs known to freeze or crash a real APISIX: one table, a detector per row, a log of what was seen.

The sandbox cannot hang or hit a Lua error the way APISIX does, so without this table a client that
forwards such an input would look healthy here and take a real gateway down. Each row names the
input, what it does to APISIX, and the versions it was seen in. The Admin dispatcher calls
`HazardLog.check` after the token and resource checks (where APISIX would reach the faulty code) and
answers a match with 500 and a body naming the hazard. `GET /__sandbox/hazards` lists the table and
every request that matched; tests assert that count stays 0 for traffic sent through apisix-gpt.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from sandbox.admin.listing import lua_tonumber

DOUBLE_EXACT = 2.0 ** 53  # past this, i + 1 == i for a Lua number: the paging loop never ends
RECENT = 100


@dataclass(frozen=True)
class AdminCall:
    """An Admin API request as the dispatcher split it (path after /apisix/admin)."""

    method: str
    resource: str
    seg_id: str | None
    sub_path: str
    args: dict[str, str]
    body: Any  # parsed JSON, or None when there was no body


@dataclass(frozen=True)
class Hazard:
    id: str
    input: str
    effect: str
    versions: str
    source: str
    detect: Callable[[AdminCall], bool] = field(repr=False, compare=False)

    def describe(self) -> dict[str, str]:
        return {"id": self.id, "input": self.input, "effect": self.effect,
                "versions": self.versions, "source": self.source}


def _is_list_get(call: AdminCall) -> bool:
    if call.method != "GET" or call.resource in ("plugins", "schema", "plugin_metadata"):
        return False
    if call.resource == "consumers" and call.seg_id and call.sub_path.strip("/") == "credentials":
        return True
    if call.resource == "secrets":  # /secrets and /secrets/{manager} list; /secrets/{manager}/{id} reads
        return not call.sub_path.strip("/")
    return call.seg_id is None


def page_overflow(call: AdminCall) -> bool:
    """v3_adapter.lua pagination: `for i = from, to` in doubles spins forever once to >= 2^53."""
    if not _is_list_get(call):
        return False
    page, size = lua_tonumber(call.args.get("page")), lua_tonumber(call.args.get("page_size"))
    if page is None or size is None or page != page or not 10 <= size <= 500:
        return False  # no paging, NaN (the loop never starts), or APISIX's own 400 on page_size
    return max(page, 1) * size >= DOUBLE_EXACT


def _not_a_table(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def upstream_node_not_object(call: AdminCall) -> bool:
    """upstream.lua check_schema reads node.host on each nodes[i] before the schema check runs."""
    if call.resource != "upstreams" or call.method not in ("PUT", "POST", "PATCH"):
        return False
    sub = call.sub_path.strip("/")
    if call.method == "PATCH" and sub == "nodes":
        nodes = call.body
    elif not sub and isinstance(call.body, dict):
        nodes = call.body.get("nodes")
    else:
        return False
    # A string element indexes the string library (nil host), so only numbers, booleans and null crash.
    return isinstance(nodes, list) and any(n is None or isinstance(n, (bool, int, float)) for n in nodes)


PLUGIN_HOLDERS = ("routes", "services", "plugin_configs", "global_rules", "consumer_groups")


def _plugins_in(call: AdminCall) -> dict | None:
    if call.resource not in PLUGIN_HOLDERS or call.method not in ("PUT", "POST", "PATCH"):
        return None
    sub = call.sub_path.strip("/")
    if not sub and isinstance(call.body, dict):
        plugins = call.body.get("plugins")
    elif sub == "plugins":
        plugins = call.body
    elif sub == "plugins/multi-auth":
        plugins = {"multi-auth": call.body}
    else:
        return None
    return plugins if isinstance(plugins, dict) else None


def multi_auth_entry_not_object(call: AdminCall) -> bool:
    """multi-auth.lua check_schema: `pairs(auth_plugin)` on each auth_plugins entry, unchecked by its schema."""
    conf = (_plugins_in(call) or {}).get("multi-auth")
    entries = conf.get("auth_plugins") if isinstance(conf, dict) else None
    if not isinstance(entries, list) or len(entries) < 2:
        return False  # the schema's type/minItems answer 400 first
    for entry in entries:  # pairs() visits an array in order; a non-empty table entry errors with a 400 first
        if _not_a_table(entry):
            return True
        if isinstance(entry, list) and entry:
            return False
    return False


def secret_put_without_id(call: AdminCall) -> bool:
    """resource.lua check_conf concatenates `typ .. "/" .. id` with id nil for PUT /secrets/{manager}."""
    return call.method == "PUT" and call.resource == "secrets" and not call.sub_path.strip("/")


HAZARDS: tuple[Hazard, ...] = (
    Hazard("list-page-overflow",
           "GET on any list with page × page_size ≥ 2^53 (e.g. page=1000000000000000&page_size=10)",
           "the nginx worker loops forever at 100% CPU; the Admin API and the data plane on that worker "
           "stop answering",
           "3.x through 3.18.0", "apisix/admin/v3_adapter.lua pagination", page_overflow),
    Hazard("upstream-node-not-object",
           "PUT/POST/PATCH of an upstream whose nodes array holds a number, boolean or null",
           "Lua error, 500 (the same nodes inline in a route get a proper 400)",
           "3.18.0", "apisix/upstream.lua check_schema", upstream_node_not_object),
    Hazard("multi-auth-entry-not-object",
           "multi-auth with an auth_plugins entry that is not an object",
           "Lua error, 500", "3.18.0", "apisix/plugins/multi-auth.lua check_schema",
           multi_auth_entry_not_object),
    Hazard("secret-put-without-id",
           "PUT /apisix/admin/secrets/{manager} with no secret id",
           "Lua error, 500", "3.18.0", "apisix/admin/resource.lua check_conf", secret_put_without_id),
)


class HazardLog:
    """Counts requests that matched a hazard; survives `/__sandbox/reset` on purpose."""

    def __init__(self, hazards: tuple[Hazard, ...] = HAZARDS) -> None:
        self.hazards = hazards
        self._lock = threading.Lock()
        self._count = 0
        self._recent: list[dict[str, Any]] = []

    def check(self, call: AdminCall, path: str) -> Hazard | None:
        """The first hazard `call` matches (recorded), or None."""
        for hazard in self.hazards:
            if hazard.detect(call):
                with self._lock:
                    self._count += 1
                    self._recent = (self._recent + [{"hazard": hazard.id, "method": call.method,
                                                     "path": path, "query": call.args,
                                                     "time": time.time()}])[-RECENT:]
                return hazard
        return None

    def clear(self) -> None:
        with self._lock:
            self._count, self._recent = 0, []

    def as_dict(self) -> dict[str, Any]:
        with self._lock:
            return {"count": self._count, "recent": list(self._recent),
                    "hazards": [h.describe() for h in self.hazards]}


def hazard_answer(hazard: Hazard) -> dict[str, str]:
    return {"error_msg": f"sandbox hazard [{hazard.id}]: a real APISIX ({hazard.versions}) answers this "
                         f"request with: {hazard.effect} ({hazard.source}). The sandbox refused it and "
                         f"counted it at GET /__sandbox/hazards."}
