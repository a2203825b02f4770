"""radixtree_host_uri routing: host routes first (exact, then wildcards), then host-less routes.

The one routing model of the sandbox: the gateway matches with `Router.match`, and
`Router.explain` lists the same walk step by step (for an explainRequestMatch-style feature).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any, Iterator

from sandbox.dataplane import expr
from sandbox.dataplane.context import RequestContext
from sandbox.store import Store


@dataclass
class RouteEntry:
    """One stored route with what matching needs."""

    id: str
    value: dict[str, Any]
    modified_index: int
    order: int

    @property
    def priority(self) -> int:
        return int(self.value.get("priority") or 0)


@dataclass
class UriTable:
    """Routes of one host bucket indexed by uri: exact paths and trailing-`*` prefixes."""

    exact: dict[str, list[RouteEntry]] = field(default_factory=dict)
    prefix: dict[str, list[RouteEntry]] = field(default_factory=dict)

    def add(self, uri: str, route: RouteEntry) -> None:
        if uri.endswith("*"):
            self.prefix.setdefault(uri[:-1], []).append(route)
        else:
            self.exact.setdefault(uri, []).append(route)

    def candidates(self, uri: str) -> list[RouteEntry]:
        """Routes in radixtree order: exact first, then longer prefixes first, by priority."""
        groups = [self.exact.get(uri, [])]
        for pre in sorted((p for p in self.prefix if uri.startswith(p)), key=len, reverse=True):
            groups.append(self.prefix[pre])
        out: list[RouteEntry] = []
        for group in groups:
            out.extend(sorted(group, key=lambda r: (-r.priority, r.order)))
        return out


def _ip_ok(remote: str, allowed: list[str]) -> bool:
    try:
        addr = ipaddress.ip_address(remote)
        return any(addr in ipaddress.ip_network(a, strict=False) for a in allowed)
    except ValueError:
        return False


def filter_failure(route: dict[str, Any], ctx: RequestContext) -> str | None:
    """Why a uri/host candidate is rejected by methods, remote_addrs or vars; None if it passes.
    (hosts are handled by the bucket.)"""
    methods = route.get("methods")
    if methods and ctx.method not in methods:
        return f"method {ctx.method} not in {methods}"
    addrs = route.get("remote_addrs") or ([route["remote_addr"]] if route.get("remote_addr") else [])
    if addrs and not _ip_ok(ctx.remote_addr, addrs):
        return f"client address {ctx.remote_addr} not in {addrs}"
    if route.get("vars") and not expr.evaluate(route["vars"], ctx.var):
        return "vars did not match"
    return None


def filters_pass(route: dict[str, Any], ctx: RequestContext) -> bool:
    return filter_failure(route, ctx) is None


@dataclass
class MatchStep:
    """One candidate the router considered, in order: where it was found and why it lost."""

    route_id: str
    host_pattern: str | None  # None: the host-less table
    rejected: str | None  # None: this route answers the request


def _host_matches(pattern: str, host: str) -> bool:
    if pattern == "*":
        return True
    if pattern.startswith("*"):
        return host.endswith(pattern[1:])
    return host == pattern


@dataclass
class Router:
    """The routing table for one store revision."""

    revision: int
    hosts: dict[str, UriTable] = field(default_factory=dict)
    no_host: UriTable = field(default_factory=UriTable)

    def match(self, ctx: RequestContext) -> RouteEntry | None:
        for route, step in self.walk(ctx):
            if step.rejected is None:
                return route
        return None

    def explain(self, ctx: RequestContext) -> list[MatchStep]:
        """Every candidate in the order the router tries them, up to the one that matches."""
        return [step for _, step in self.walk(ctx)]

    def walk(self, ctx: RequestContext) -> Iterator[tuple[RouteEntry, MatchStep]]:
        """radixtree_host_uri's order: host tables (exact, then wildcards, most specific first),
        then host-less routes; in each, exact uris before prefixes (longest first) by priority.
        Stops after the first candidate whose filters pass."""
        tables = [(p, self.hosts[p]) for p in self._host_order(ctx.host)] + [(None, self.no_host)]
        for pattern, table in tables:
            for route in table.candidates(ctx.uri):
                failure = filter_failure(route.value, ctx)
                yield route, MatchStep(route.id, pattern, failure)
                if failure is None:
                    return

    def _host_order(self, host: str) -> list[str]:
        """Exact host first, then wildcards, longest (most specific) first."""
        hits = [p for p in self.hosts if _host_matches(p, host)]
        return sorted(hits, key=lambda p: (p.startswith("*"), -len(p)))


def _route_hosts(value: dict[str, Any], store: Store) -> list[str]:
    hosts = value.get("hosts") or ([value["host"]] if value.get("host") else [])
    if not hosts and value.get("service_id") is not None:
        svc = store.get(f"{store.prefix}/services/{value['service_id']}")
        if svc and isinstance(svc.value, dict):
            hosts = svc.value.get("hosts") or []
    return [h.lower() for h in hosts]


def build(store: Store) -> Router:
    """Index every enabled route of the store."""
    router = Router(store.revision)
    for order, entry in enumerate(store.children(f"{store.prefix}/routes/")):
        value = entry.value
        if not isinstance(value, dict) or value.get("status", 1) == 0:
            continue
        route = RouteEntry(str(value.get("id", entry.key.rsplit("/", 1)[-1])), value,
                           entry.modified_index, order)
        uris = value.get("uris") or ([value["uri"]] if value.get("uri") else [])
        hosts = _route_hosts(value, store)
        tables = [router.hosts.setdefault(h, UriTable()) for h in hosts] or [router.no_host]
        for table in tables:
            for uri in uris:
                table.add(uri, route)
    return router


class RouterCache:
    """Rebuild the table lazily when the store revision moves."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._router: Router | None = None

    def get(self) -> Router:
        rev = self._store.revision
        if self._router is None or self._router.revision != rev:
            self._router = build(self._store)
        return self._router
