"""mocking: the answer comes from the plugin configuration; the upstream is never reached."""

from __future__ import annotations

import json

from tests.sandbox.dataplane.conftest import Gateway


def test_example_with_default_content_type_and_mock_header(gw: Gateway) -> None:
    gw.route("m", "/m/*", {"mocking": {"response_example": "x",
                                       "response_headers": {"X-Mock": "m"}}})
    reply = gw.send("GET", "/m/a")
    assert (reply.status, reply.body) == (200, b"x")
    assert reply.headers["Content-Type"] == "application/json;charset=utf8"
    assert reply.headers["x-mock-by"] == "APISIX/3.18.0"
    assert reply.headers["X-Mock"] == "m"


def test_status_text_type_gets_nginx_charset_and_mock_header_can_be_off(gw: Gateway) -> None:
    gw.route("m", "/m/*", {"mocking": {"response_example": "plain", "response_status": 202,
                                       "content_type": "text/plain",
                                       "with_mock_header": False}})
    reply = gw.send("POST", "/m/a")
    assert (reply.status, reply.body) == (202, b"plain")
    assert reply.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert "x-mock-by" not in reply.headers


def test_response_schema_uses_examples(gw: Gateway) -> None:
    gw.route("m", "/m/*", {"mocking": {"response_schema": {"type": "object", "properties": {
        "name": {"type": "string", "example": "apisix"},
        "count": {"type": "integer", "example": 3.7},
        "ok": {"type": "boolean", "example": True}}}}})
    assert json.loads(gw.send("GET", "/m/a").body) == {"name": "apisix", "count": 3, "ok": True}
