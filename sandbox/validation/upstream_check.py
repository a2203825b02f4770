"""Port of apisix/upstream.lua `check_upstream_conf` (admin side)."""

from __future__ import annotations

import ipaddress
from typing import Callable

from sandbox.validation import schema_def
from sandbox.validation.cert_check import validate_pair
from sandbox.validation.jsonschema_lua import validate

GetFn = Callable[[str, str], "dict | None"]


def _key_schema(hash_on: str) -> tuple[dict | None, str | None]:
    if hash_on == "vars":
        return schema_def.upstream_hash_vars_schema, None
    if hash_on in ("header", "cookie"):
        return schema_def.upstream_hash_header_schema, None
    if hash_on == "consumer":
        return None, None
    if hash_on == "vars_combinations":
        return schema_def.upstream_hash_vars_combinations_schema, None
    return None, "invalid hash_on type " + str(hash_on)


def _split_addr(addr: str) -> tuple[str, str | None]:
    if addr.startswith("["):
        host, _, rest = addr[1:].partition("]")
        return host, rest[1:] if rest.startswith(":") else None
    if addr.count(":") == 1:
        host, _, port = addr.partition(":")
        return host, port
    return addr, None


def _check_array_ipv6(nodes: object) -> str | None:
    """upstream.lua check_schema: a bare IPv6 host in array nodes, checked before the schema."""
    if not isinstance(nodes, list):
        return None
    for node in nodes:
        host = node.get("host") if isinstance(node, dict) else None
        if isinstance(host, str) and not host.startswith("[") and _is_ipv6(host):
            return "IPv6 address must be enclosed with '[' and ']'"
    return None


def _is_ipv6(host: str) -> bool:
    try:
        ipaddress.IPv6Address(host)
    except ValueError:
        return False
    return True


def _check_nodes(nodes: object) -> str | None:
    if not isinstance(nodes, dict):
        return None
    for addr in nodes:
        if addr.count(":") > 1 and not addr.startswith("["):
            return "IPv6 address must be enclosed with '[' and ']'"
        _, port = _split_addr(addr)
        if port is not None and port.isdigit() and not 1 <= int(port) <= 65535:
            return "invalid port " + str(int(port))
    return None


def _check_cert_id(tls: dict, get: GetFn) -> str | None:
    cert_id = tls.get("client_cert_id")
    if cert_id is None:
        return None
    sid = str(cert_id)
    stored = get("ssls", sid)
    if stored is None:
        return f"failed to fetch ssl info by ssl id [{sid}], response code: 404"
    if stored.get("type") != "client":
        return f"failed to fetch ssl info by ssl id [{sid}], wrong ssl type"
    return None


def check_upstream_conf(conf: dict, get: GetFn) -> str | None:
    """IPv6 hosts, schema, node ports, client_cert_id, pass_host rewrite, tls pair, chash key."""
    err = _check_array_ipv6(conf.get("nodes")) if isinstance(conf, dict) else None
    if err is not None:
        return err
    err = validate(schema_def.upstream, conf)
    if err is not None:
        return "invalid configuration: " + err
    err = _check_nodes(conf.get("nodes"))
    tls = conf.get("tls") if isinstance(conf.get("tls"), dict) else {}
    if err is None:
        err = _check_cert_id(tls, get)
    if err is None and conf.get("pass_host") == "rewrite" and not conf.get("upstream_host"):
        err = "`upstream_host` can't be empty when `pass_host` is `rewrite`"
    if err is None and tls.get("client_cert") is not None:
        err = validate_pair(tls.get("client_cert"), tls.get("client_key"))
    return err if err is not None else _check_chash(conf)


def _check_chash(conf: dict) -> str | None:
    if conf.get("type") != "chash":
        return None
    hash_on = conf.get("hash_on")
    if hash_on != "consumer" and conf.get("key") is None:
        return "missing key"
    schema, err = _key_schema(hash_on)
    if err is not None:
        return "type is chash, err: " + err
    if schema is not None:
        err = validate(schema, conf.get("key"))
        if err is not None:
            return "invalid configuration: " + err
    return None
