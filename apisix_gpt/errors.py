"""Errors a model can act on: one-line validation details and problem+json for every failure."""

from __future__ import annotations

import logging
import re
from typing import Any, Iterable

from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from connexion.problem import problem
from jsonschema.exceptions import ValidationError, best_match

from apisix_gpt.admin_client import (
    IDEMPOTENT,
    AdminAPIBadResponse,
    AdminAPIError,
    AdminAPIStatusError,
    AdminAPITimeout,
    AdminAPIUnavailable,
)

logger = logging.getLogger(__name__)

MAX_DETAIL = 500
_ADDITIONAL = re.compile(r"Additional properties are not allowed \((.*) (?:was|were) unexpected\)")
_TITLES = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
           405: "Method Not Allowed", 409: "Conflict", 413: "Payload Too Large",
           429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
           503: "Service Unavailable", 504: "Gateway Timeout"}


def title_for(status: int) -> str:
    return _TITLES.get(status, "Error" if status >= 500 else "Request Failed")


def location(root: str, path: Iterable[Any]) -> str:
    """`body.methods[0]`-style location of a jsonschema error."""
    text = root
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text


def _message(error: ValidationError) -> str:
    match = _ADDITIONAL.fullmatch(error.message)
    if match:
        names = match.group(1)
        noun = "property" if "," not in names else "properties"
        verb = "is" if noun == "property" else "are"
        return f"additional {noun} {names} {verb} not allowed"
    return error.message


def condense(error: ValidationError, root: str) -> str:
    """One line naming the field and the rule; no schema dump."""
    if error.context:
        error = best_match(error.context) or error
    return clip(f"{location(root, error.absolute_path)}: {_message(error)}")


def clip(text: str, limit: int = MAX_DETAIL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_HTML_TITLE = re.compile(r"<title>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def _apisix_failure_detail(exc: AdminAPIStatusError) -> str:
    """An APISIX 5xx in words a model can act on; an nginx error page is reduced to its title."""
    title = _HTML_TITLE.search(exc.message)
    said = title.group(1).strip() if title else clip(exc.message, 300)
    text = (f"APISIX failed on this input: it answered {exc.status} ({said}) to {exc.method} {exc.path}. "
            "This is an error inside APISIX, not a rejection of the request; change the input instead "
            "of retrying it unchanged.")
    if exc.method and exc.method not in IDEMPOTENT:
        text += " Read the resource to see whether anything was stored."
    return text


def _admin_detail(exc: AdminAPIError) -> str:
    call = f"{exc.method} {exc.path}"
    if isinstance(exc, AdminAPIStatusError):
        if exc.status >= 500:
            return _apisix_failure_detail(exc)
        return clip(exc.message, 2000)
    text = f"{exc.message} ({call})."
    if exc.method and exc.method not in IDEMPOTENT:
        if exc.maybe_applied:
            text += (" The write may or may not have been applied and was not retried;"
                     " read the resource before trying again.")
        else:
            text += " The write was not sent, so nothing changed."
    return text


def admin_status(exc: AdminAPIError) -> int:
    if isinstance(exc, AdminAPIStatusError):
        # An APISIX 5xx is a failure of the upstream service from our caller's side: 502, never a 500.
        return exc.status if 400 <= exc.status <= 499 else 502
    if isinstance(exc, AdminAPITimeout):
        return 504
    return 502


def admin_problem(exc: AdminAPIError) -> ConnexionResponse:
    status = admin_status(exc)
    title = title_for(status)
    if isinstance(exc, AdminAPIUnavailable):
        title = "Admin API Unavailable"
    elif isinstance(exc, AdminAPIBadResponse):
        title = "Bad Admin API Response"
    log = logger.warning if status < 500 else logger.error
    log("admin api error %s on %s %s: %s", status, exc.method, exc.path, type(exc).__name__)
    return problem(status, title, _admin_detail(exc))


def admin_error_handler(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    assert isinstance(exc, AdminAPIError)
    return admin_problem(exc)


def unicode_error_handler(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    return problem(400, "Bad Request", "Request body is not valid UTF-8")


def unexpected_error_handler(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    logger.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem(500, "Internal Server Error",
                   "apisix-gpt failed unexpectedly; the error was logged.")


class RequestRejected(Exception):
    """A request apisix-gpt refuses before it reaches APISIX (400): the message says what to change."""


def request_rejected_handler(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    return problem(400, "Bad Request", str(exc))
