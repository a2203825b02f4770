"""Load the curated OpenAPI spec, filter it through the safety profile, and set its public server."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from apisix_gpt import yamlio
from apisix_gpt.safety.profiles import apply_profile
from config.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SPEC_PATH = ROOT / "openapi" / "openapi.yaml"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class SpecError(RuntimeError):
    """The spec file is missing or malformed; the message names the file."""


def read_spec(path: Path = SPEC_PATH) -> dict[str, Any]:
    """The spec file as a dict (no Jinja2 rendering: the dict is what gets routed)."""
    try:
        data = yamlio.load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SpecError(f"cannot load the OpenAPI spec {path}: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("paths"), dict):
        raise SpecError(f"{path} is not an OpenAPI document with `paths`")
    return data


def with_server(spec: dict[str, Any], public_url: str) -> dict[str, Any]:
    """A copy of `spec` whose only server is the public URL (what ChatGPT calls)."""
    spec = copy.deepcopy(spec)
    spec["servers"] = [{"url": public_url}]
    return spec


def load_spec(settings: Settings, raw: dict[str, Any] | None = None) -> dict[str, Any]:
    """The routed spec: the file (or `raw`), filtered by the safety profile, servers = public URL.

    Components no kept operation refers to are dropped, so a small profile serves a small document
    (the routed spec is still the served spec: the same dict goes to Connexion and to clients).
    """
    spec = copy.deepcopy(raw) if raw is not None else read_spec()
    return with_server(without_unused_components(apply_profile(spec, settings)), settings.public_url)


def _refs(node: Any, found: set[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                found.add(value)
            else:
                _refs(value, found)
    elif isinstance(node, list):
        for value in node:
            _refs(value, found)


def without_unused_components(spec: dict[str, Any]) -> dict[str, Any]:
    """`spec` keeping only the schemas, parameters and responses reachable from its paths.

    Security schemes are kept whole: they are named by `security`, not by `$ref`.
    """
    components = spec.get("components")
    if not isinstance(components, dict):
        return spec
    reached: set[str] = set()
    pending: set[str] = set()
    _refs(spec.get("paths"), pending)
    while pending:
        ref = pending.pop()
        if ref in reached:
            continue
        reached.add(ref)
        parts = ref.split("/")
        if len(parts) == 4 and parts[:2] == ["#", "components"]:
            _refs((components.get(parts[2]) or {}).get(parts[3]), pending)
    spec["components"] = {
        kind: entries if kind == "securitySchemes" or not isinstance(entries, dict)
        else {name: value for name, value in entries.items() if f"#/components/{kind}/{name}" in reached}
        for kind, entries in components.items()}
    return spec


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(path, METHOD, operation) for every operation in the spec."""
    found = []
    for path, item in spec.get("paths", {}).items():
        for method, op in (item or {}).items():
            if method in HTTP_METHODS and isinstance(op, dict):
                found.append((path, method.upper(), op))
    return found
