"""Named profiles, read-only mode and allow-lists: filter the spec so left-out operations are not routed."""

from __future__ import annotations

import copy
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import config
from apisix_gpt import yamlio
from config.settings import Settings

from .access import is_write
from .errors import SafetyConfigError

logger = logging.getLogger(__name__)
PROFILES_DIR = Path(config.__file__).resolve().parent / "profiles"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")


@dataclass(frozen=True)
class Profile:
    name: str
    description: str = ""
    read_only: bool = False
    include_tags: tuple[str, ...] = ()
    include_operations: tuple[str, ...] = ()
    exclude_operations: tuple[str, ...] = ()

    def keeps(self, op: "Operation") -> bool:
        if op.operation_id in self.exclude_operations:
            return False
        if self.read_only and op.writes:
            return False
        if not self.include_tags and not self.include_operations:
            return True
        return op.operation_id in self.include_operations or bool(set(op.tags) & set(self.include_tags))


@dataclass(frozen=True)
class Operation:
    path: str
    method: str
    operation_id: str
    tags: tuple[str, ...]

    @property
    def writes(self) -> bool:
        return is_write(self.method, self.path)


def available_profiles(directory: Path = PROFILES_DIR) -> list[str]:
    return sorted(p.stem for p in directory.glob("*.yaml"))


def load_profile(name: str, directory: Path = PROFILES_DIR) -> Profile:
    path = directory / f"{name}.yaml"
    if not _NAME.match(name) or not path.is_file():
        raise SafetyConfigError(f"unknown profile {name!r}; available: {', '.join(available_profiles(directory))}")
    data = yamlio.load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise SafetyConfigError(f"profile {path} must be a mapping")
    unknown = set(data) - {"description", "read_only", "include_tags", "include_operations", "exclude_operations"}
    if unknown:
        raise SafetyConfigError(f"profile {path} has unknown keys: {', '.join(sorted(unknown))}")
    return Profile(name=name, description=str(data.get("description", "")), read_only=bool(data.get("read_only")),
                   include_tags=_names(data, "include_tags", path),
                   include_operations=_names(data, "include_operations", path),
                   exclude_operations=_names(data, "exclude_operations", path))


def _names(data: dict, key: str, path: Path) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SafetyConfigError(f"profile {path}: {key} must be a list of strings")
    return tuple(value)


def operations(spec: dict) -> Iterator[Operation]:
    for path, item in (spec.get("paths") or {}).items():
        for method in HTTP_METHODS:
            op = item.get(method) if isinstance(item, dict) else None
            if isinstance(op, dict):
                yield Operation(path, method.upper(), str(op.get("operationId", "")), tuple(op.get("tags") or ()))


def apply_profile(spec: dict, settings: Settings, directory: Path = PROFILES_DIR) -> dict:
    """A deep copy keeping the profile's operations, minus writes when read-only, then the allow-list."""
    profile = load_profile(settings.profile, directory)
    _warn_unknown(spec, profile)
    allow = set(settings.allow)

    def keep(op: Operation) -> bool:
        return (profile.keeps(op) and not (settings.read_only and op.writes)
                and (not allow or op.operation_id in allow or bool(allow & set(op.tags))))
    return filter_spec(spec, keep)


def filter_spec(spec: dict, keep: Any) -> dict:
    """A deep copy with only the operations `keep(op)` accepts; empty paths and unused tags dropped."""
    result = copy.deepcopy(spec)
    paths: dict = {}
    for op in operations(spec):
        if keep(op):
            item = paths.setdefault(op.path, {k: copy.deepcopy(v) for k, v in spec["paths"][op.path].items()
                                              if k not in HTTP_METHODS})
            item[op.method.lower()] = copy.deepcopy(spec["paths"][op.path][op.method.lower()])
    result["paths"] = paths
    used = {tag for op in operations(result) for tag in op.tags}
    if "tags" in result:
        result["tags"] = [t for t in result["tags"] if isinstance(t, dict) and t.get("name") in used]
    return result


def count_operations(spec: dict) -> int:
    return sum(1 for _ in operations(spec))


def _warn_unknown(spec: dict, profile: Profile) -> None:
    known = {op.operation_id for op in operations(spec)}
    missing = sorted(set(profile.include_operations + profile.exclude_operations) - known)
    if missing:
        logger.warning("profile %r names operations absent from the spec: %s", profile.name, ", ".join(missing))
