"""One-line validation details and the problem+json mapping of Admin API failures."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft4Validator, ValidationError

from apisix_gpt.admin_client import (
    AdminAPIBadResponse,
    AdminAPIError,
    AdminAPIStatusError,
    AdminAPITimeout,
    AdminAPIUnavailable,
)
from apisix_gpt.errors import admin_problem, condense


def first_error(schema: dict, instance: object) -> ValidationError:
    error = next(iter(Draft4Validator(schema).iter_errors(instance)))
    return error


ROUTE = {"type": "object", "additionalProperties": False, "properties": {
    "uri": {"type": "string"},
    "methods": {"type": "array", "items": {"enum": ["GET", "POST"]}},
    "upstream": {"oneOf": [{"type": "object", "required": ["nodes"]},
                           {"type": "object", "required": ["service_name"]}]}}}


def test_enum_error_names_the_item() -> None:
    text = condense(first_error(ROUTE, {"methods": ["GET", "FETCH"]}), "body")
    assert text == "body.methods[1]: 'FETCH' is not one of ['GET', 'POST']"


def test_additional_property_is_one_plain_line() -> None:
    assert condense(first_error(ROUTE, {"uir": "/x"}), "body") == "body: additional property 'uir' is not allowed"


def test_combinator_error_uses_the_best_match_without_a_schema_dump() -> None:
    text = condense(first_error(ROUTE, {"upstream": {"type": "roundrobin"}}), "body")
    assert text.startswith("body.upstream: ") and "\n" not in text and "Failed validating" not in text


def detail(exc: AdminAPIError) -> tuple[int, dict]:
    response = admin_problem(exc)
    return response.status_code, json.loads(response.body)


def test_apisix_4xx_keeps_status_and_text_verbatim() -> None:
    status, body = detail(AdminAPIStatusError(400, "page_size must be between 10 and 500", "x"))
    assert status == 400 and body["detail"] == "page_size must be between 10 and 500"


def test_apisix_500_is_a_502_that_says_apisix_failed_on_the_input() -> None:
    page = ("<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>"
            "<center><h1>500 Internal Server Error</h1></center></body></html>")
    status, body = detail(AdminAPIStatusError(500, page, page, method="PUT", path="/apisix/admin/secrets/vault"))
    assert status == 502
    assert body["detail"].startswith("APISIX failed on this input: it answered 500 (500 Internal Server "
                                     "Error) to PUT /apisix/admin/secrets/vault.")
    assert "<html>" not in body["detail"] and "whether anything was stored" in body["detail"]


def test_apisix_503_keeps_its_own_words_in_a_502() -> None:
    status, body = detail(AdminAPIStatusError(503, "ttl must be integer", {}, method="GET", path="/r"))
    assert status == 502 and "(ttl must be integer)" in body["detail"]
    assert "whether anything was stored" not in body["detail"]


@pytest.mark.parametrize("exc, status, phrase", [
    (AdminAPIUnavailable("cannot connect", method="PUT", path="/r"), 502, "was not sent"),
    (AdminAPIUnavailable("closed", method="PUT", path="/r", maybe_applied=True), 502, "may or may not"),
    (AdminAPITimeout("slow", method="DELETE", path="/r", maybe_applied=True), 504, "may or may not"),
    (AdminAPIBadResponse("garbage", method="GET", path="/r", maybe_applied=False), 502, "garbage"),
])
def test_transport_failures_say_what_happened(exc: AdminAPIError, status: int, phrase: str) -> None:
    got_status, body = detail(exc)
    assert got_status == status and phrase in body["detail"] and body["status"] == status
