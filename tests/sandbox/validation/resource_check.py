"""Helpers for the resource-check tests: a stored-state context and the check's error text."""

from __future__ import annotations

from sandbox.validation import CheckContext, ValidationError, check

UPSTREAM = {"nodes": {"127.0.0.1:9081": 1}, "type": "roundrobin"}


def make_ctx(stored: dict[str, dict[str, dict]] | None = None,
             stream_mode: bool = False) -> CheckContext:
    data = stored if stored is not None else {"upstreams": {"1": UPSTREAM}}
    return CheckContext(get=lambda d, i: data.get(d, {}).get(i),
                        items=lambda d: list(data.get(d, {}).items()),
                        stream_mode=stream_mode)


def error_of(resource: str, conf: object, rid: str | None = "1",
             ctx: CheckContext | None = None, sub_type: str | None = None) -> str | None:
    try:
        check(resource, conf, id=rid, need_id=True, ctx=ctx or make_ctx(), sub_type=sub_type)
    except ValidationError as exc:
        return exc.message
    return None
