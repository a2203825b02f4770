"""YAML in and out through libyaml's C classes when available (about 6× faster), else pure Python."""

from __future__ import annotations

from typing import Any

import yaml

# The C classes parse and emit the same documents as SafeLoader/SafeDumper; only speed differs.
Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load(text: str) -> Any:
    """`yaml.safe_load(text)`, with libyaml when PyYAML was built with it."""
    return yaml.load(text, Loader=Loader)  # noqa: S506 - a safe loader class


def dump(data: Any) -> str:
    """`yaml.safe_dump(data, sort_keys=False, allow_unicode=True)`, with libyaml when available."""
    return yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True)
