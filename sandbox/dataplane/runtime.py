"""Shared gateway state handed to plugins: the store, settings, consumers index and counters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from multidict import CIMultiDict

from sandbox.plugin_crypto import decrypt_plugin_fields
from sandbox.settings import SandboxSettings
from sandbox.store import Store


@dataclass
class ResponseState:
    """The response as header/body filters see it; `body` None means stream from upstream."""

    status: int
    headers: CIMultiDict[str]
    body: bytes | None
    from_upstream: bool = False


def decrypt_plugins(plugins: dict[str, Any], settings: SandboxSettings) -> dict[str, Any]:
    """Plaintext auth secrets, decrypted with the keyring the Admin API configured."""
    return decrypt_plugin_fields(plugins)


@dataclass
class Runtime:
    """Gateway-wide state: store and settings plus caches keyed by store revision."""

    store: Store
    settings: SandboxSettings
    _counters: dict[str, Any] = field(default_factory=dict)
    _counters_resets: int = 0
    _consumers_rev: int = -1
    _consumers: list[dict[str, Any]] = field(default_factory=list)

    @property
    def counters(self) -> dict[str, Any]:
        """Per-plugin request state (rate-limit windows, round-robin pickers); empty again after a reset."""
        if self._counters_resets != self.store.resets:
            self._counters.clear()
            self._counters_resets = self.store.resets
        return self._counters

    def consumers(self) -> list[dict[str, Any]]:
        """Consumers and credentials as {username, plugins (decrypted), consumer, credential_id}."""
        if self._consumers_rev != self.store.revision:
            self._consumers = self._load_consumers()
            self._consumers_rev = self.store.revision
        return self._consumers

    def _load_consumers(self) -> list[dict[str, Any]]:
        prefix = f"{self.store.prefix}/consumers/"
        users = {e.key[len(prefix):]: e.value for e in self.store.children(prefix)
                 if isinstance(e.value, dict)}
        out = []
        for name, consumer in users.items():
            out.append({"username": name, "consumer": consumer, "credential_id": None,
                        "plugins": decrypt_plugins(consumer.get("plugins") or {}, self.settings)})
            for cred in self.store.children(f"{prefix}{name}/credentials/"):
                if isinstance(cred.value, dict):
                    out.append({"username": name, "consumer": consumer,
                                "credential_id": cred.key.rsplit("/", 1)[-1],
                                "plugins": decrypt_plugins(cred.value.get("plugins") or {},
                                                           self.settings)})
        return out

    def find_consumer(self, plugin: str, field_name: str, value: str) -> dict[str, Any] | None:
        for item in self.consumers():
            conf = item["plugins"].get(plugin)
            if isinstance(conf, dict) and conf.get(field_name) == value:
                return item
        return None
