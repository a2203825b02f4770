"""problem+json responses sent directly from ASGI middleware (they run outside Connexion's error handling)."""

from __future__ import annotations

import json
from typing import Any, Mapping

from starlette.types import Send

TITLES = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 413: "Payload Too Large",
          429: "Too Many Requests"}


def problem_body(status: int, detail: str) -> dict[str, Any]:
    return {"type": "about:blank", "title": TITLES.get(status, "Error"), "status": status, "detail": detail}


async def send_problem(send: Send, status: int, detail: str,
                       headers: Mapping[str, str] | None = None) -> None:
    body = json.dumps(problem_body(status, detail)).encode()
    raw_headers = [(b"content-type", b"application/problem+json"),
                   (b"content-length", str(len(body)).encode())]
    raw_headers += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body})
