"""Routing: cases from APISIX's t/router/*.t and t/node/*.t, replayed against the gateway."""

from __future__ import annotations

import pytest

from tests.sandbox.dataplane.apisix_cases import (
    NOT_FOUND, Admin, DataPlane, Req, admin_put, dp, get, params, run_steps,
)

__all__ = ["dp"]


def up(port: int = 1980, **extra: object) -> dict:
    return {"nodes": {f"127.0.0.1:{port}": 1}, "type": "roundrobin", **extra}


def route(rid: str, body: dict, status: int | None = None) -> Admin:
    return admin_put(f"/routes/{rid}", body, status)


HELLO = "hello world\n"

CASES: dict[str, list[Admin | Req]] = {
    "radixtree-uri-sanity.t:1-5": [
        route("1", {"methods": ["GET"], "upstream": up(), "host": "foo.com", "uri": "/hello"}),
        get("/not_found", 404, NOT_FOUND),
        get("/hello", 404, NOT_FOUND),
        get("/hello", 404, NOT_FOUND, more={"Host": "not_found.com"}),
        get("/hello", 200, HELLO, more={"Host": "foo.com"}),
    ],
    "radixtree-uri-sanity.t:6-11": [
        route("1", {"methods": ["GET"], "upstream": up(1981), "uri": "/server_port"}),
        get("/hello", 404, NOT_FOUND),
        get("/server_port", 200, like="1981", more={"Host": "anydomain.com"}),
        route("2", {"methods": ["GET"], "upstream": up(1981), "uri": "/hello"}),
        get("/hello2", 404, NOT_FOUND),
        get("/hello", 200, HELLO, more={"Host": "anydomain.com"}),
    ],
    "radixtree-uri-sanity.t:13-15": [
        route("1", {"upstream": up(), "uri": "/hello"}),
        get("/hello", 200, HELLO),
        get("/hello/", 404, NOT_FOUND),
    ],
    "radixtree-host-uri.t:1-14": [
        route("1", {"uri": "/hello", "host": "foo.com", "upstream": up()}),
        get("/not_found", 404, NOT_FOUND),
        get("/hello", 404, NOT_FOUND),
        get("/hello", 404, NOT_FOUND, more={"Host": "not_found.com"}),
        get("/hello", 200, HELLO, more={"Host": "foo.com"}),
        route("1", {"uri": "/server_port", "upstream": up(1981)}),
        get("/hello", 404, NOT_FOUND),
        get("/server_port", 200, like="1981", more={"Host": "anydomain.com"}),
        route("2", {"uri": "/hello", "upstream": up(1981)}),
        get("/hello2", 404, NOT_FOUND),
        get("/hello", 200, HELLO, more={"Host": "anydomain.com"}),
        Admin("DELETE", "/routes/2"),
        route("1", {"uri": "/hello", "host": "*.foo.com", "upstream": up()}),
        get("/hello", 200, HELLO, more={"Host": "www.foo.com"}),
    ],
    "radixtree-uri-multiple.t:1-7": [
        route("1", {"upstream": up(1980), "uri": "/server_port"}),
        route("2", {"upstream": up(1981), "uri": "/server_port/*"}),
        route("3", {"upstream": up(1982), "uri": "/server_port/hello"}),
        get("/not_found", 404, NOT_FOUND),
        get("/server_port", 200, "1980"),
        get("/server_port/route2", 200, "1981"),
        get("/server_port/hello", 200, "1982"),
    ],
    "radixtree-uri-priority.t:1-6": [
        route("1", {"uri": "/server_port*", "upstream": up(1980), "priority": 2}),
        get("/server_port/aa", 200, "1980"),
        route("2", {"uri": "/server_port*", "upstream": up(1981), "priority": 1}),
        get("/server_port/aa", 200, "1980"),
        route("2", {"uri": "/server_port*", "upstream": up(1981), "priority": 3}),
        get("/server_port/aa", 200, "1981"),
    ],
    "route-status.t:1-8": [
        route("1", {"uri": "/hello", "upstream": up()}),
        get("/hello", 200, HELLO),
        Admin("PATCH", "/routes/1", {"status": 0}),
        get("/hello", 404, NOT_FOUND),
        route("1", {"uri": "/hello", "host": "foo.com", "upstream": up()}),
        get("/hello", 200, HELLO, more={"Host": "foo.com"}),
        Admin("PATCH", "/routes/1", {"status": 0}),
        get("/hello", 404, NOT_FOUND, more={"Host": "foo.com"}),
    ],
    "not-exist-upstream.t:1-3": [
        route("1", {"plugins": {}, "uri": "/hello"}),
        get("/not_found", 404, NOT_FOUND),
        get("/hello", 503, like="503 Service Temporarily Unavailable"),
    ],
    "not-exist-service.t:3-4": [
        route("1", {"upstream": up(), "uri": "/hello"}),
        get("/hello", 200, HELLO),
    ],
    "radixtree-uri-vars.t: vars on header, arg and cookie": [
        route("1", {"uri": "/hello", "upstream": up(),
                    "vars": [["http_k", "==", "header"], ["cookie_k", "==", "cookie"],
                             ["arg_k", "==", "uri_arg"]]}),
        get("/hello", 404, NOT_FOUND),
        get("/hello?k=uri_arg", 404, NOT_FOUND, more={"k": "header"}),
        get("/hello?k=uri_arg", 200, HELLO, more={"k": "header", "Cookie": "k=cookie"}),
    ],
    "radixtree-uri-vars.t: vars regex and in": [
        route("1", {"uri": "/hello", "upstream": up(),
                    "vars": [["arg_name", "~~", "[a-z]+"], ["http_x", "in", ["a", "b"]]]}),
        get("/hello?name=json", 200, HELLO, more={"x": "b"}),
        get("/hello?name=123", 404, NOT_FOUND, more={"x": "b"}),
    ],
    "radixtree-method.t: methods": [
        route("1", {"uri": "/hello", "methods": ["POST", "PUT"], "upstream": up()}),
        get("/hello", 404, NOT_FOUND),
        Req("POST", "/hello", 200, HELLO, data=b"x"),
    ],
    "remote_addrs.t: cidr": [
        route("1", {"uri": "/hello", "remote_addrs": ["127.0.0.0/24"], "upstream": up()}),
        get("/hello", 200, HELLO),
        route("1", {"uri": "/hello", "remote_addrs": ["10.0.0.1"], "upstream": up()}),
        get("/hello", 404, NOT_FOUND),
    ],
    "route-uris.t: uris": [
        route("1", {"uris": ["/hello", "/hello1"], "upstream": up()}),
        get("/hello", 200, HELLO),
        get("/hello1", 200, "hello1 world\n"),
        get("/hello2", 404, NOT_FOUND),
    ],
    "upstream: upstream_id and missing upstream": [
        admin_put("/upstreams/1", up()),
        route("1", {"uri": "/hello", "upstream_id": "1"}),
        get("/hello", 200, HELLO),
        route("1", {"uri": "/hello", "upstream": up(1),
                    "plugins": {"proxy-rewrite": {"uri": "/hello1"}}}),
        get("/hello", 502, like="502 Bad Gateway"),
    ],
    "merge-route.t: service upstream and plugins": [
        admin_put("/services/1", {"upstream": up(), "plugins": {
            "response-rewrite": {"headers": {"X-From": "service"}}}}),
        route("1", {"uri": "/hello", "service_id": "1"}),
        get("/hello", 200, HELLO, headers={"X-From": "service"}),
        route("1", {"uri": "/hello", "service_id": "1", "plugins": {
            "response-rewrite": {"headers": {"X-From": "route"}}}}),
        get("/hello", 200, HELLO, headers={"X-From": "route"}),
    ],
    "radixtree-uri-with-parameter.t:10-11 service hosts": [
        admin_put("/services/1", {"hosts": ["bar.com"]}),
        route("1", {"methods": ["GET"], "upstream": up(), "service_id": "1", "uri": "/john/hello",
                    "plugins": {"proxy-rewrite": {"uri": "/hello1"}}}),
        route("2", {"methods": ["GET"], "upstream": up(), "uri": "/john/hello", "priority": -1,
                    "plugins": {"proxy-rewrite": {"uri": "/hello"}}}),
        get("/john/hello", 200, HELLO, more={"Host": "www.foo.com"}),
        get("/john/hello", 200, "hello1 world\n", more={"Host": "bar.com"}),
    ],
    "upstream: proxy to upstream 404 page": [
        route("1", {"uri": "/*", "upstream": up()}),
        get("/not_exist", 404, like="404 Not Found"),
        get("/hello_chunked", 200, HELLO),
        get("/server_error", 500, like="500 Internal Server Error", headers={
            "X-APISIX-Upstream-Status": "500"}),
    ],
}


@pytest.mark.parametrize("steps", params(CASES))
def test_router_case(dp: DataPlane, steps: list[Admin | Req]) -> None:
    run_steps(dp, steps)


def test_rr_balance_weights(dp: DataPlane) -> None:
    """rr-balance.t: weights 2:1 over 1980/1981 give two answers from 1980 for one from 1981."""
    run_steps(dp, [route("1", {"uri": "/server_port", "upstream": {
        "type": "roundrobin", "nodes": {"127.0.0.1:1980": 2, "127.0.0.1:1981": 1}}})])
    ports = sorted(dp.request(get("/server_port"))[2] for _ in range(6))
    assert ports == sorted([str(dp.ports[0])] * 4 + [str(dp.ports[1])] * 2)
