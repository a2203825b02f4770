"""Resource logic over the Store: ids, timestamps, envelopes, PATCH, references, lists and secrets."""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass
from typing import Any

from sandbox import validation
from sandbox.admin import listing, references, values
from sandbox.admin.exceptions import AdminError, bad_request, key_not_found, not_supported
from sandbox.admin.resources import ResourceSpec
from sandbox.settings import SandboxSettings
from sandbox.store import Entry
from sandbox.store import Store

ETCD_MIN_TTL = 2.0  # etcd's minimum lease: 1.5 x election timeout (1 s by default), rounded up
MISSING: Any = object()  # no request body at all (APISIX's `conf == nil`)


@dataclass(frozen=True)
class Target:
    """What a URL names: the resource, its etcd directory (without prefix), the id and the sub-path."""

    spec: ResourceSpec
    directory: str
    id: str | None = None
    sub_path: str = ""
    sub_type: str | None = None  # secrets: the manager (vault, aws, gcp)
    consumer: str | None = None  # credentials: the owning consumer


Reply = tuple[int, Any]


class AdminBackend:
    """The Admin API's resource operations; every method returns (status, body) or raises AdminError."""

    def __init__(self, store: Store, settings: SandboxSettings) -> None:
        self.store = store
        self.settings = settings

    # ---- store access -------------------------------------------------------------------------
    def key(self, directory: str, rid: Any = None) -> str:
        base = f"{self.store.prefix}/{directory}"
        return base if rid is None else f"{base}/{rid}"

    def items(self, resource: str) -> list[tuple[str, dict]]:
        """(id, decrypted value) of every stored item of `resource` (credentials: all consumers')."""
        if resource == "credentials":
            entries = [e for e in self.store.children(self.key("consumers") + "/", direct=False)
                       if "/credentials/" in e.key]
        else:
            entries = self.store.children(self.key(resource) + "/", direct=resource != "secrets")
        base = self.key("consumers" if resource == "credentials" else resource) + "/"
        return [(e.key.removeprefix(base), values.decrypt_value(resource, e.value))
                for e in entries if isinstance(e.value, dict)]

    def lookup(self, resource: str, rid: str) -> dict | None:
        entry = self.store.get(self.key(resource, rid))
        if entry is None or not isinstance(entry.value, dict):
            return None
        return values.decrypt_value(resource, entry.value)

    def context(self, consumer: str | None = None) -> validation.CheckContext:
        return validation.CheckContext(get=self.lookup, items=self.items,
                                       stream_mode=self.settings.stream_mode, consumer=consumer)

    # ---- GET ----------------------------------------------------------------------------------
    def get(self, t: Target, args: dict[str, str]) -> Reply:
        self._allowed(t, "get")
        if t.id is None:
            return 200, self._list(t, args)
        entry = self.store.get(self.key(t.directory, t.id))
        if entry is None:
            raise self._not_found(self.key(t.directory, t.id))
        body = entry.envelope()
        body["value"] = values.present(t.spec.name, body["value"])
        return 200, body

    def _list(self, t: Target, args: dict[str, str]) -> dict[str, Any]:
        dir_key = self.key(t.directory) + "/"
        if not self.store.has_dir(dir_key):
            raise key_not_found()
        entries = self.store.children(dir_key, direct=t.spec.name != "secrets")
        entries.sort(key=lambda e: e.key.encode())  # etcd range order: keys byte-wise
        return listing.list_body(t.spec.name, entries, args, lambda entry: self._present(t, entry))

    @staticmethod
    def _present(t: Target, entry: Entry) -> dict[str, Any]:
        item = entry.envelope()
        item["value"] = values.present(t.spec.name, item["value"])
        return item

    # ---- writes -------------------------------------------------------------------------------
    def put(self, t: Target, body: Any, args: dict[str, str]) -> Reply:
        self._allowed(t, "put")
        if t.spec.name == "secrets" and t.id is None:
            raise bad_request("missing secret id")
        conf = self._check_conf(t, body, need_id=t.spec.has_id, allow_time=False)
        rid = self._write_id(t, conf)
        if t.spec.name == "credentials" and self.store.get(self.key("consumers", t.consumer)) is None:
            raise AdminError(404, {"error_msg": "consumer not found"})
        key = self.key(t.directory, rid)
        if t.spec.name == "plugin_metadata" and isinstance(conf, dict):
            conf["id"] = rid  # plugin_metadata.lua stores the plugin name as the id
        stored = values.encrypt_value(t.spec.name, conf)
        if t.spec.name != "plugin_metadata":
            prev = self.store.get(key)
            self._stamp(stored, prev.value if prev else None, None)
        entry, prev_entry = self.store.put(key, stored, ttl=self._ttl(args))
        return (200 if prev_entry else 201), {"key": entry.key, "value": copy.deepcopy(entry.value)}

    def post(self, t: Target, body: Any, args: dict[str, str]) -> Reply:
        self._allowed(t, "post")
        conf = self._check_conf(t, body, need_id=False, allow_time=False)
        stored = values.encrypt_value(t.spec.name, conf)
        rid = self.store.next_id()
        stored["id"] = rid
        self._stamp(stored, None, None)
        entry, _ = self.store.put(self.key(t.directory, rid), stored, ttl=self._ttl(args))
        return 201, {"key": entry.key, "value": copy.deepcopy(entry.value)}

    def patch(self, t: Target, body: Any, args: dict[str, str]) -> Reply:
        self._allowed(t, "patch")
        t = self._secret_patch_target(t)
        if t.id is None:
            raise bad_request(f"missing {t.spec.kind} id")
        if body is MISSING:
            raise bad_request("missing new configuration")
        if not t.sub_path and not isinstance(body, dict):
            raise bad_request("invalid configuration")
        key = self.key(t.directory, t.id)
        old = self.store.get(key)
        if old is None:
            raise self._not_found(key)
        node = values.decrypt_value(t.spec.name, old.value)
        if t.sub_path:
            node = values.patch_path(node, t.sub_path, copy.deepcopy(body))
        else:
            node = values.merge(node, body)
        if isinstance(node, dict):
            self._stamp(node, node, True if t.sub_path else body)
        conf = self._check_conf(t, node, need_id=True, allow_time=True)
        entry, _ = self.store.put(key, values.encrypt_value(t.spec.name, conf), ttl=self._ttl(args))
        return 200, {"key": entry.key, "value": copy.deepcopy(entry.value)}

    def delete(self, t: Target, args: dict[str, str]) -> Reply:
        self._allowed(t, "delete")
        if t.id is None:
            raise bad_request(f"missing {t.spec.kind} id")
        if args.get("force") != "true":
            references.check_delete(t.spec.name, t.id, self.items, self.settings.stream_mode)
        key = self.key(t.directory, t.id)
        if self.store.delete(key) is None:
            raise key_not_found()
        if t.spec.name == "consumers":
            self.store.delete_prefix(key + "/credentials/")
        return 200, {"deleted": "1", "key": key}

    # ---- helpers ------------------------------------------------------------------------------
    def _not_found(self, key: str) -> AdminError:
        """etcd.get reads a key as a prefix range: when only longer keys match, APISIX's 404
        keeps etcd's `kvs` of them beside `message` (core/etcd.lua get_format)."""
        longer = [e for e in self.store.range_prefix(key) if e.key != key]
        if not longer:
            return key_not_found()
        kvs = [{"key": e.key, "value": copy.deepcopy(e.value), "version": str(e.version),
                "create_revision": str(e.created_index), "mod_revision": str(e.modified_index)}
               for e in longer]
        return AdminError(404, {"kvs": kvs, "message": "Key not found"})

    def _allowed(self, t: Target, method: str) -> None:
        if method in t.spec.unsupported:
            raise not_supported(method, t.spec.kind)

    def _secret_patch_target(self, t: Target) -> Target:
        if t.spec.name != "secrets":
            return t
        if t.id is None:
            raise bad_request("no secret id")  # resource.lua patch: no segment after the manager
        return t

    def _check_conf(self, t: Target, conf: Any, *, need_id: bool, allow_time: bool) -> Any:
        if conf is MISSING:
            raise bad_request("missing configurations")
        conf = copy.deepcopy(conf)
        rid = self._full_id(t)
        if t.spec.has_id and isinstance(conf, dict):
            rid = self._resolve_id(t, conf, rid, need_id)
        if not allow_time and isinstance(conf, dict):
            values.check_forbidden_time(conf)
        self._validate(t, conf, rid, need_id)
        return conf

    def _full_id(self, t: Target) -> str | None:
        if t.spec.name == "secrets" and t.id is not None:
            return f"{t.sub_type}/{t.id}"
        return t.id

    def _resolve_id(self, t: Target, conf: dict, rid: Any, need_id: bool) -> Any:
        kind = t.spec.kind
        rid = rid if rid is not None else conf.get("id")
        if need_id and rid is None:
            raise bad_request(f"missing {kind} id")
        if not need_id and rid is not None:
            raise bad_request(f"wrong {kind} id, do not need it")
        if need_id and conf.get("id") is not None and values.lua_tostring(conf["id"]) != values.lua_tostring(rid):
            raise bad_request(f"wrong {kind} id")
        if rid is not None:
            conf["id"] = rid
        return rid

    def _validate(self, t: Target, conf: Any, rid: Any, need_id: bool) -> None:
        check_id = None if rid is None else values.lua_tostring(rid)
        if t.spec.name == "plugin_metadata" and t.id is None:
            raise bad_request("missing plugin name")
        try:
            validation.check(t.spec.name, conf, id=check_id, need_id=need_id,
                             ctx=self.context(t.consumer), sub_type=t.sub_type)
        except validation.ValidationError as err:
            raise bad_request(err.message) from None

    def _write_id(self, t: Target, conf: Any) -> str:
        if t.spec.name == "consumers":
            return str(conf["username"])
        if t.spec.name == "plugin_metadata":
            return str(t.id)
        if t.spec.name == "secrets":
            return str(t.id)
        return values.lua_tostring(conf["id"])

    def _stamp(self, conf: dict, prev: dict | None, patch: Any) -> None:
        """utils.inject_timestamp: keep create_time, refresh update_time unless a PATCH body sets it."""
        now = int(time.time())
        if isinstance(prev, dict) and prev.get("create_time") is not None:
            conf["create_time"] = prev["create_time"]
        elif conf.get("create_time") is None:
            conf["create_time"] = now
        patch_resets = patch is True or (isinstance(patch, dict) and patch.get("update_time") is None)
        if conf.get("update_time") is None or patch_resets:
            conf["update_time"] = now

    def _ttl(self, args: dict[str, str]) -> float | None:
        """The lease for `?ttl=`: lua-resty-etcd refuses fractions (503, nothing stored); etcd
        grants a zero or negative TTL its minimum lease instead (the key is there at first)."""
        ttl = listing.lua_tonumber(args.get("ttl"))
        if ttl is None:
            return None
        if ttl != int(ttl):
            raise AdminError(503, {"error_msg": "ttl must be integer"})
        return ttl if ttl > 0 else ETCD_MIN_TTL
