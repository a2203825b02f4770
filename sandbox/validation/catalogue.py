"""Load APISIX's plugin catalogue (the `plugins?all=true` answers) as the sandbox's plugin registry.

The moto way: the plugins' schemas, priorities, types and list order are data recorded from a real
APISIX 3.18 (`plugins.json`: keys `http`, `stream`, `plugins_list`), not hand-written code. What a
plugin's Lua `check_schema` checks beyond its JSON schema stays hand-written: when a ported plugin
of the same name exists in `sandbox/validation/plugins/`, its `extra`/`on_error` checks are kept, and
the catalogue's schema replaces its own (and its `pre` checks, which stood in for older schemas).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from sandbox.validation import plugins as registry
from sandbox.validation.encrypt_table import ENCRYPT_FIELDS
from sandbox.validation.plugins.base import Plugin
from sandbox.validation.plugins.extras import EXTRAS, PRES

SCHEMA_KEYS = ("schema", "consumer_schema", "metadata_schema")


class CatalogueError(ValueError):
    """The catalogue file is missing, not JSON, or not in the `plugins.json` shape."""


def read(path: Path) -> dict[str, Any]:
    """Parse and shape-check a catalogue file; CatalogueError says what is wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise CatalogueError(f"cannot read plugin catalogue {path}: {err.strerror}") from None
    except ValueError as err:
        raise CatalogueError(f"plugin catalogue {path} is not JSON: {err}") from None
    if not isinstance(data, dict) or not isinstance(data.get("http"), dict):
        raise CatalogueError(f"plugin catalogue {path}: expected an object with an `http` object")
    for subsystem in ("http", "stream"):
        for name, entry in (data.get(subsystem) or {}).items():
            if not isinstance(entry, dict) or not isinstance(entry.get("schema"), dict):
                raise CatalogueError(f"plugin catalogue {path}: {subsystem} plugin {name!r} "
                                     f"has no `schema` object")
            if not isinstance(entry.get("priority"), int):
                raise CatalogueError(f"plugin catalogue {path}: {subsystem} plugin {name!r} "
                                     f"has no integer `priority`")
    listed = data.get("plugins_list")
    if listed is not None and not (isinstance(listed, list)
                                   and all(isinstance(n, str) for n in listed)):
        raise CatalogueError(f"plugin catalogue {path}: `plugins_list` must be a list of names")
    return data


def _plugin(name: str, entry: dict[str, Any], subsystem: str) -> Plugin:
    """One catalogue entry as a Plugin, with the hand-written port's extra checks when there is one."""
    schemas = {key: copy.deepcopy(entry[key]) for key in SCHEMA_KEYS if isinstance(entry.get(key), dict)}
    for key, fields in ENCRYPT_FIELDS.get(name, {}).items():
        if key in schemas:
            schemas[key]["encrypt_fields"] = list(fields)
    port = registry.PLUGINS.get(name)
    return Plugin(
        name=name, priority=entry["priority"], schema=schemas["schema"],
        version=entry.get("version", 0.1), type=entry.get("type"),
        consumer_schema=schemas.get("consumer_schema"), metadata_schema=schemas.get("metadata_schema"),
        # the port's `pre` stood in for older schemas; the catalogued schema replaces it
        extra=port.extra if port else EXTRAS.get(name), on_error=port.on_error if port else None,
        pre=None if port else PRES.get(name),
        stream=subsystem == "stream", http=subsystem == "http", scope=entry.get("scope"),
    )


def install(data: dict[str, Any]) -> int:
    """Make `data` (a read() result) the active registry; returns the number of catalogued http plugins."""
    http = {name: _plugin(name, entry, "http") for name, entry in data["http"].items()}
    stream = {name: _plugin(name, entry, "stream") for name, entry in (data.get("stream") or {}).items()}
    # Ported plugins APISIX ships but enables only by config (node-status: t/admin/plugins.t's
    # extra_yaml_config) stay usable by name; they are not listed, as in the default config.
    for name, port in registry.PLUGINS.items():
        if port.http and name not in http and name not in stream:
            http[name] = port

    def by_priority(table: dict[str, Plugin]) -> list[str]:
        return [p.name for p in sorted(table.values(), key=lambda p: -p.priority)]

    order = {"http": list(data.get("plugins_list") or by_priority(http)), "stream": by_priority(stream)}
    registry.ACTIVE.use(http, stream, order, data)
    return len(data["http"])


def install_file(path: Path) -> int:
    """read() then install(); returns the number of http plugins."""
    return install(read(path))


def use_builtin() -> None:
    """Back to the hand-written plugins (tests that switch registries restore with this)."""
    registry.ACTIVE.use_builtin()


def raw(subsystem: str) -> dict[str, Any] | None:
    """The catalogue's recorded `plugins?all=true` answer for `subsystem`, or None without one."""
    data = registry.ACTIVE.catalogue
    if data is None:
        return None
    return copy.deepcopy(data.get(subsystem) or {})
