"""fault-injection: abort with status, body and headers, gated by `vars` and `percentage`."""

from __future__ import annotations

import time

from tests.sandbox.dataplane.conftest import Gateway


def test_abort_answers_with_status_and_body(gw: Gateway) -> None:
    gw.route("m", "/m/*", {"fault-injection": {"abort": {"http_status": 418, "body": "teapot"}}})
    reply = gw.send("POST", "/m/x")
    assert (reply.status, reply.body) == (418, b"teapot")
    assert reply.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_abort_vars_any_expression_matching_aborts(gw: Gateway) -> None:
    gw.route("m", "/m/*", {"fault-injection": {"abort": {
        "http_status": 400, "body": "bad",
        "vars": [[["arg_fail", "==", "1"]], [["http_x_fail", "==", "yes"]]]}}})
    assert gw.send("GET", "/m/x?fail=1").body == b"bad"
    assert gw.send("GET", "/m/x", {"X-Fail": "yes"}).status == 400
    assert gw.send("GET", "/m/x?fail=2").status == 200


def test_abort_headers_resolve_variables_and_body_less_abort_is_an_nginx_page(gw: Gateway) -> None:
    gw.route("m", "/m/*", {"fault-injection": {"abort": {
        "http_status": 503, "headers": {"X-Fault": "$arg_who", "X-Num": 7}}}})
    reply = gw.send("GET", "/m/x?who=me")
    assert reply.status == 503
    assert (reply.headers["X-Fault"], reply.headers["X-Num"]) == ("me", "7")
    assert b"<title>503 Service Temporarily Unavailable</title>" in reply.body


def test_zero_percentage_never_aborts(gw: Gateway) -> None:
    gw.route("m", "/m/*", {"fault-injection": {"abort": {"http_status": 500, "percentage": 0}}})
    assert all(gw.send("GET", "/m/x").status == 200 for _ in range(5))


def test_delay_sleeps_before_proxying(gw: Gateway) -> None:
    gw.route("m", "/m/*", {"fault-injection": {"delay": {"duration": 0.2}}})
    start = time.monotonic()
    assert gw.send("GET", "/m/x").status == 200
    assert time.monotonic() - start >= 0.2
