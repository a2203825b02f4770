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
    """The routed spec: the file (or `raw`), filtered by the safety profile, servers = public URL."""
    spec = copy.deepcopy(raw) if raw is not None else read_spec()
    return with_server(apply_profile(spec, settings), settings.public_url)


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(path, METHOD, operation) for every operation in the spec."""
    found = []
    for path, item in spec.get("paths", {}).items():
        for method, op in (item or {}).items():
            if method in HTTP_METHODS and isinstance(op, dict):
                found.append((path, method.upper(), op))
    return found
