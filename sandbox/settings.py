"""Sandbox settings: ports, admin keys, stream mode, state file, keyring (from argv or SANDBOX_* env)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

APISIX_VERSION = "3.18.0"
# APISIX 3.10+ default data_encryption keyring (reference §8); public constants.
DEFAULT_KEYRING = ("qeddd145sfvddff3", "edd1c9f0985e76a2")


@dataclass(frozen=True)
class SandboxSettings:
    host: str = "127.0.0.1"
    admin_port: int = 9180
    gateway_port: int = 9080
    demo_port: int = 9081
    admin_key: str | None = field(default=None, repr=False)  # role admin
    viewer_key: str | None = field(default=None, repr=False)  # role viewer
    admin_key_required: bool = True  # False = APISIX's `admin_key_required: false` (its test setup)
    stream_mode: bool = False  # apisix.proxy_mode includes "stream"
    state_file: Path | None = None
    keyring: tuple[str, ...] = DEFAULT_KEYRING
    enable_encrypt_fields: bool = True
    proxy_timeout: float = 60.0  # nginx default proxy timeouts (reference §10, UNVERIFIED)
    version: str = APISIX_VERSION
    test_upstream_ports: tuple[int, ...] = ()
    # APISIX's plugin catalogue (`plugins?all=true` answers, plugins.json format); None = built-in ports
    plugin_catalogue: Path | None = None  # APISIX's t/lib/server.lua stand-in (its tests use 1980)
