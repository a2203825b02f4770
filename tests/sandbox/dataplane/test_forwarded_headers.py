"""What the upstream is told about the client: X-Forwarded-*, X-Real-IP and Content-Length,
as APISIX 3.18's nginx configuration (ngx_tpl.lua) and nginx's proxy module send them."""

from __future__ import annotations

from tests.sandbox.dataplane.conftest import Gateway


def test_forwarded_host_keeps_the_clients_case_and_port(gw: Gateway) -> None:
    gw.route("r", "/*")
    seen = gw.send("GET", "/x", {"Host": "Caps.Test:8080"}).echo["headers"]
    assert seen["x-forwarded-host"] == "Caps.Test:8080"
    assert seen["host"] == "Caps.Test:8080"
    assert seen["x-forwarded-port"] == "8080"


def test_forwarded_port_is_the_listeners_without_a_host_port(gw: Gateway) -> None:
    gw.route("r", "/*")
    seen = gw.send("GET", "/x", {"Host": "api.test"}).echo["headers"]
    assert seen["x-forwarded-port"] == str(gw.port)
    assert seen["x-forwarded-host"] == "api.test"
    assert seen["x-forwarded-proto"] == "http"


def test_client_forwarded_values_are_replaced_and_forwarded_is_dropped(gw: Gateway) -> None:
    gw.route("r", "/*")
    seen = gw.send("GET", "/x", {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil",
                                 "X-Forwarded-Port": "1", "Forwarded": "for=1.2.3.4"}).echo["headers"]
    assert (seen["x-forwarded-proto"], seen["x-forwarded-host"]) == ("http", "api.test")
    assert seen["x-forwarded-port"] == str(gw.port)
    assert "forwarded" not in seen


def test_forwarded_for_appends_the_client_address(gw: Gateway) -> None:
    gw.route("r", "/*")
    seen = gw.send("GET", "/x", {"X-Forwarded-For": "192.168.1.1"}).echo["headers"]
    assert seen["x-forwarded-for"] == "192.168.1.1, 127.0.0.1"
    assert seen["x-real-ip"] == "127.0.0.1"


def test_body_less_requests_carry_no_content_length(gw: Gateway) -> None:
    gw.route("r", "/*")
    for method in ("POST", "DELETE", "PUT", "PATCH", "GET"):
        seen = gw.send(method, "/x").echo
        assert "content-length" not in seen["headers"], method
        assert "transfer-encoding" not in seen["headers"], method


def test_a_body_or_an_explicit_zero_length_is_forwarded_with_its_length(gw: Gateway) -> None:
    gw.route("r", "/*")
    seen = gw.send("POST", "/x", body=b"hello").echo
    assert (seen["headers"]["content-length"], seen["body"]) == ("5", "hello")
    zero = gw.send("POST", "/x", body=b"").echo
    assert zero["headers"]["content-length"] == "0"
