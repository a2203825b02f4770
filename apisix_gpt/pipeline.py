"""The forwarding pipeline every handler goes through: one Admin API call with the request's own method."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from connexion.context import operation as current_operation

from apisix_gpt.admin_client import AdminAPIStatusError, AdminResponse
from apisix_gpt.bounds import has_marker, page_envelope
from apisix_gpt.errors import RequestRejected
from apisix_gpt.hazards import check_list_filters
from apisix_gpt.replies import Reply, list_reply, reply
from apisix_gpt.runtime import current
from apisix_gpt.safety.writes import guarded_write

ADMIN_PREFIX = "/apisix/admin"


def admin_path(*segments: str, sub_path: str | None = None) -> str:
    """`/apisix/admin/<segments...>[/<sub_path>]`, every segment URL-quoted (sub-path keeps its `/`)."""
    parts = [quote(str(segment), safe="") for segment in segments]
    if sub_path:
        parts += [quote(part, safe="") for part in sub_path.strip("/").split("/")]
    return "/".join([ADMIN_PREFIX, *parts])


def _params(**values: Any) -> dict[str, str]:
    params = {}
    for name, value in values.items():
        if value is None or value is False:
            continue
        params[name] = "true" if value is True else str(value)
    return params


async def get(path: str, **query: Any) -> Reply:
    """GET one object (or a schema / plugin document) and reply with it."""
    answer = await current().client.request("GET", path, params=_params(**query))
    return reply(answer.body, answer.status)


async def get_list(path: str, page: int, page_size: int | None, **filters: Any) -> Reply:
    """GET one page of a collection: apisix-gpt always pages, APISIX would return everything."""
    page_size = page_size or current().settings.default_page_size
    page = max(page, 1)  # APISIX reads a page below 1 as 1; say so in the envelope too
    check_list_filters(name=filters.get("name"), uri=filters.get("uri"))
    params = _params(page=page, page_size=page_size, **filters)
    answer = await current().client.request("GET", path, params=params)
    return list_reply(page_envelope(answer.body, page, page_size))


async def write(method: str, path: str, body: Any, ttl: int | None = None,
                resource: str | None = None) -> Reply:
    """PUT/POST/PATCH `body` to `path` (`resource`: the whole object, when `path` is a sub-path)."""
    if has_marker(body):
        raise RequestRejected(
            "body: contains a '…[truncated N chars]' marker from a shortened response; "
            "send the full value (or omit the field) instead")
    restorable = None if method == "POST" else (resource or path)
    answer = await _guarded(method, path, body, _params(ttl=ttl), restorable)
    return reply(answer.body, answer.status)


async def delete(path: str, force: bool | None = None) -> Reply:
    """DELETE `path` (`force=true` skips APISIX's still-in-use check)."""
    answer = await _guarded("DELETE", path, None, _params(force=force), path)
    return reply(answer.body, answer.status)


async def head(path: str) -> Reply:
    """HEAD `path`: APISIX's status, no body (`HEAD /apisix/admin` answers 200 when the Admin API is up)."""
    answer = await current().client.request("HEAD", path)
    return None, answer.status, {}  # no body, so no Content-Type either


async def get_body(path: str, **query: Any) -> Any:
    """The parsed answer to GET `path`, for handlers that reply with one part of a larger document."""
    return (await current().client.request("GET", path, params=_params(**query))).body


async def validate(path: str, body: Any) -> Reply:
    """POST to a schema/validate endpoint: APISIX's empty 200 becomes `{"valid": true}`."""
    await current().client.request("POST", path, json_body=body, send_body=True)
    return reply({"valid": True}, 200)


async def fetch_or_none(path: str) -> Any:
    """The stored GET-one envelope at `path`, or None when APISIX answers 404."""
    try:
        return (await current().client.request("GET", path)).body
    except AdminAPIStatusError as exc:
        if exc.status == 404:
            return None
        raise


def _operation_id() -> str:
    try:
        return str(current_operation.operation_id)
    except (RuntimeError, LookupError, AttributeError):
        return ""


async def _guarded(method: str, path: str, body: Any, params: dict[str, str],
                   restorable: str | None) -> AdminResponse:
    client = current().client

    async def send(final_body: Any) -> AdminResponse:
        return await client.request(method, path, params=params, json_body=final_body,
                                    send_body=method != "DELETE")

    async def fetch_current() -> Any:
        return await fetch_or_none(restorable or path)

    return await guarded_write(operation_id=_operation_id(), method=method, admin_path=path,
                               body=body, query=params, send=send, fetch_current=fetch_current,
                               restorable_path=restorable)
