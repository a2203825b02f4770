"""Data plane: seed scenario, routing rules, upstream resolution, pass_host, balancing, failures."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

import pytest

from tests.helpers.procs import free_port
from tests.sandbox.dataplane.harness import Harness

NOT_FOUND = '{"error_msg":"404 Route Not Found"}\n'


@pytest.fixture(scope="module")
def hx() -> Iterator[Harness]:
    harness = Harness()
    yield harness
    harness.close()


@pytest.fixture(autouse=True)
def clean(hx: Harness) -> None:
    hx.reset()


def up(hx: Harness, **extra: object) -> dict:
    return {"nodes": {hx.demo: 1}, "type": "roundrobin", **extra}


def test_seed_scenario(hx: Harness) -> None:
    hx.put("upstreams", "1", up(hx))
    hx.put("routes", "1", {"uris": ["/speaker/*"], "methods": ["GET"], "upstream_id": "1"})
    resp = hx.get("/speaker/1/sessions")
    assert resp.status_code == 200
    assert resp.headers["Server"] == "APISIX/3.18.0"
    items = resp.json()["collection"]["items"]
    assert items and items[0]["speakerId"] == "1"
    assert hx.get("/speaker/1/topics").json()["collection"]["items"][0]["name"] == "Cloud"
    hx.delete("routes", "1")
    gone = hx.get("/speaker/1/sessions")
    assert gone.status_code == 404 and gone.text == NOT_FOUND
    assert gone.headers["Server"] == "APISIX/3.18.0"
    assert gone.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_exact_beats_prefix_and_deeper_prefix_wins(hx: Harness) -> None:
    hx.put("routes", "p", {"uri": "/echo*", "upstream": up(hx), "plugins": {
        "response-rewrite": {"headers": {"set": {"X-Which": "prefix"}}}}})
    hx.put("routes", "d", {"uri": "/echo/deep*", "upstream": up(hx), "plugins": {
        "response-rewrite": {"headers": {"set": {"X-Which": "deep"}}}}})
    hx.put("routes", "e", {"uri": "/echo", "upstream": up(hx), "plugins": {
        "response-rewrite": {"headers": {"set": {"X-Which": "exact"}}}}})
    assert hx.get("/echo").headers["X-Which"] == "exact"
    assert hx.get("/echo/x").headers["X-Which"] == "prefix"
    assert hx.get("/echo/deeper").headers["X-Which"] == "deep"
    assert hx.get("/nothing").status_code == 404


def test_priority_among_same_uri(hx: Harness) -> None:
    for rid, prio in (("low", 1), ("high", 10)):
        hx.put("routes", rid, {"uri": "/echo", "priority": prio, "upstream": up(hx),
                               "plugins": {"response-rewrite": {"headers": {"X-Route": rid}}}})
    assert hx.get("/echo").headers["X-Route"] == "high"


def test_methods_and_status_zero(hx: Harness) -> None:
    hx.put("routes", "1", {"uri": "/echo", "methods": ["POST"], "upstream": up(hx)})
    assert hx.get("/echo").status_code == 404
    assert hx.get("/echo", "POST", data=b"hi").json()["body"] == "hi"
    hx.put("routes", "1", {"uri": "/echo", "status": 0, "upstream": up(hx)})
    assert hx.get("/echo", "POST").text == NOT_FOUND


def test_hosts_exact_wildcard_and_hostless_fallback(hx: Harness) -> None:
    def tag(rid: str) -> dict:
        return {"response-rewrite": {"headers": {"X-Route": rid}}}
    hx.put("routes", "exact", {"uri": "/echo", "host": "a.example.com", "upstream": up(hx),
                               "plugins": tag("exact")})
    hx.put("routes", "wild", {"uri": "/echo", "hosts": ["*.example.com"], "upstream": up(hx),
                              "plugins": tag("wild")})
    hx.put("routes", "any", {"uri": "/echo", "upstream": up(hx), "plugins": tag("any")})
    assert hx.get("/echo", headers={"Host": "a.example.com"}).headers["X-Route"] == "exact"
    assert hx.get("/echo", headers={"Host": "b.example.com:9080"}).headers["X-Route"] == "wild"
    assert hx.get("/echo", headers={"Host": "example.org"}).headers["X-Route"] == "any"


def test_service_hosts_are_inherited(hx: Harness) -> None:
    hx.put("services", "s", {"hosts": ["svc.test"], "upstream": up(hx)})
    hx.put("routes", "1", {"uri": "/echo", "service_id": "s"})
    assert hx.get("/echo", headers={"Host": "svc.test"}).status_code == 200
    assert hx.get("/echo", headers={"Host": "other.test"}).status_code == 404


def test_remote_addrs_and_vars(hx: Harness) -> None:
    hx.put("routes", "1", {"uri": "/echo", "remote_addrs": ["10.0.0.0/8"], "upstream": up(hx)})
    assert hx.get("/echo").status_code == 404
    hx.put("routes", "1", {"uri": "/echo", "remote_addrs": ["127.0.0.0/24"], "upstream": up(hx)})
    assert hx.get("/echo").status_code == 200
    hx.put("routes", "1", {"uri": "/echo", "upstream": up(hx), "vars": [
        ["arg_name", "==", "jack"], ["http_x_age", ">", 18], ["arg_name", "~~", "^ja"],
        ["arg_city", "in", ["paris", "rome"]], ["arg_city", "!", "==", "oslo"]]})
    assert hx.get("/echo?name=jack&city=rome", headers={"X-Age": "20"}).status_code == 200
    assert hx.get("/echo?name=jack&city=rome", headers={"X-Age": "10"}).status_code == 404
    assert hx.get("/echo?name=jim&city=rome", headers={"X-Age": "20"}).status_code == 404
    assert hx.get("/echo?name=jack&city=oslo", headers={"X-Age": "20"}).status_code == 404


def test_forwarded_headers_and_query(hx: Harness) -> None:
    hx.put("routes", "1", {"uri": "/echo", "upstream": up(hx)})
    body = hx.get("/echo?a=1&b=two", headers={"Host": "client.test"}).json()
    assert body["query"] == {"a": "1", "b": "two"}
    headers = body["headers"]
    assert headers["Host"] == "client.test"
    assert headers["X-Real-IP"] == "127.0.0.1"
    assert headers["X-Forwarded-For"] == "127.0.0.1"
    assert headers["X-Forwarded-Proto"] == "http"
    assert headers["X-Forwarded-Host"] == "client.test"


@pytest.mark.parametrize("mode,expected", [("pass", "client.test"), ("node", None),
                                           ("rewrite", "rewritten.test")])
def test_pass_host(hx: Harness, mode: str, expected: str | None) -> None:
    extra = {"pass_host": mode, **({"upstream_host": "rewritten.test"} if mode == "rewrite" else {})}
    hx.put("routes", "1", {"uri": "/echo", "upstream": up(hx, **extra)})
    host = hx.get("/echo", headers={"Host": "client.test"}).json()["headers"]["Host"]
    assert host == (expected or hx.demo)


def test_service_and_plugin_config_merge(hx: Harness) -> None:
    hx.put("upstreams", "u", up(hx))
    hx.put("services", "s", {"upstream_id": "u", "plugins": {
        "proxy-rewrite": {"headers": {"X-From": "service"}}}})
    hx.put("plugin_configs", "pc", {"plugins": {
        "response-rewrite": {"headers": {"X-Pc": "yes"}}}})
    hx.put("routes", "1", {"uri": "/echo", "service_id": "s", "plugin_config_id": "pc"})
    resp = hx.get("/echo")
    assert resp.json()["headers"]["X-From"] == "service" and resp.headers["X-Pc"] == "yes"
    hx.put("routes", "1", {"uri": "/echo", "service_id": "s", "plugins": {
        "proxy-rewrite": {"headers": {"X-From": "route"}}}})
    assert hx.get("/echo").json()["headers"]["X-From"] == "route"


def test_roundrobin_weights(hx: Harness) -> None:
    a, b = hx.backend_ports
    hx.put("routes", "1", {"uri": "/echo", "upstream": {
        "type": "roundrobin", "nodes": {f"127.0.0.1:{a}": 2, f"127.0.0.1:{b}": 1,
                                        f"127.0.0.1:{free_port()}": 0}}})
    seen = Counter(hx.get("/echo").json()["server_port"] for _ in range(12))
    assert seen == {a: 8, b: 4}


def test_array_nodes_and_single_zero_weight(hx: Harness) -> None:
    port = hx.backend_ports[1]
    hx.put("routes", "1", {"uri": "/echo", "upstream": {
        "type": "roundrobin", "nodes": [{"host": "127.0.0.1", "port": port, "weight": 0}]}})
    assert hx.get("/echo").json()["server_port"] == port


def test_retry_skips_dead_node(hx: Harness) -> None:
    hx.put("routes", "1", {"uri": "/echo", "upstream": {
        "type": "roundrobin", "nodes": {f"127.0.0.1:{free_port()}": 1, hx.demo: 1}}})
    assert all(hx.get("/echo").status_code == 200 for _ in range(4))


def _html(code: str) -> str:
    return (f"<html>\r\n<head><title>{code}</title></head>\r\n<body>\r\n"
            f"<center><h1>{code}</h1></center>\r\n<hr><center>openresty</center>\r\n")


@pytest.mark.parametrize("route,status,title", [
    ({"uri": "/echo", "plugins": {"proxy-rewrite": {"uri": "/x"}}}, 503,
     "503 Service Temporarily Unavailable"),
    ({"uri": "/echo", "upstream_id": "missing"}, 502, "502 Bad Gateway"),
    ({"uri": "/echo", "service_id": "missing"}, 404, "404 Not Found"),
    ({"uri": "/echo", "plugin_config_id": "missing", "upstream": {"nodes": {}, "type": "roundrobin"}},
     503, "503 Service Temporarily Unavailable"),
    ({"uri": "/echo", "upstream": {"nodes": {}, "type": "roundrobin"}}, 502, "502 Bad Gateway"),
])
def test_resolution_failures(hx: Harness, route: dict, status: int, title: str) -> None:
    hx.put("routes", "1", route)
    resp = hx.get("/echo")
    assert resp.status_code == status
    assert resp.text.startswith(_html(title))
    assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
    assert resp.headers["Server"] == "APISIX/3.18.0"


def test_connection_refused_is_502(hx: Harness) -> None:
    hx.put("routes", "1", {"uri": "/echo", "upstream": {
        "type": "roundrobin", "nodes": {f"127.0.0.1:{free_port()}": 1}}})
    resp = hx.get("/echo")
    assert resp.status_code == 502 and resp.text.startswith(_html("502 Bad Gateway"))
    assert resp.headers["X-APISIX-Upstream-Status"] == "502"


def test_timeout_is_504(hx: Harness) -> None:
    hx.put("routes", "1", {"uri": "/delay/*", "timeout": {"connect": 1, "send": 1, "read": 0.3},
                           "upstream": up(hx)})
    resp = hx.get("/delay/2")
    assert resp.status_code == 504 and resp.text.startswith(_html("504 Gateway Time-out"))
    hx.put("routes", "1", {"uri": "/delay/*", "upstream": up(hx, timeout={
        "connect": 1, "send": 1, "read": 2})})
    assert hx.get("/delay/0.1").status_code == 200


def test_upstream_5xx_passes_through_with_status_header(hx: Harness) -> None:
    hx.put("routes", "1", {"uri": "/status/*", "upstream": up(hx)})
    resp = hx.get("/status/503")
    assert resp.status_code == 503 and resp.json() == {"status": 503}
    assert resp.headers["X-APISIX-Upstream-Status"] == "503"
    assert "X-APISIX-Upstream-Status" not in hx.get("/status/201").headers
