"""nginx's $uri: percent-decoding, slashes merged before '..' is resolved, 400 above the root."""

from __future__ import annotations

import pytest

from sandbox.dataplane.context import nginx_refuses, normalize_uri
from tests.sandbox.dataplane.conftest import Gateway


@pytest.mark.parametrize("raw, uri", [
    ("/a//../orders", "/orders"),           # merge first: /a/../orders
    ("/v1/items//../search", "/v1/search"),
    ("/docs//../health?q=1", "/health"),
    ("//", "/"),
    ("/a/./b/", "/a/b/"),
    ("/a/b/..", "/a/"),
    ("/pr1/v1/x%2Fy", "/pr1/v1/x/y"),
    ("/%20x", "/ x"),
    ("/a/%2E%2E/b", "/b"),
])
def test_normalize_uri_in_nginx_order(raw: str, uri: str) -> None:
    assert normalize_uri(raw) == uri


@pytest.mark.parametrize("raw, escapes", [
    ("/../x", True), ("/a/../../x", True), ("/..", True),
    ("/a/../x", False), ("/a//../x", False), ("/x/..", False),
    ("/a%zz", True), ("/a%2", True), ("/a%00b", True), ("/a%2Fb?q=%zz", False),
])
def test_paths_nginx_refuses(raw: str, escapes: bool) -> None:
    assert nginx_refuses(raw) is escapes


def test_merged_slashes_change_which_route_matches(gw: Gateway) -> None:
    gw.route("any", "/*", {"proxy-rewrite": {"headers": {"X-Route": "any"}}})
    gw.route("orders", "/a/orders", {"proxy-rewrite": {"headers": {"X-Route": "orders"}}})
    seen = gw.send("GET", "/a//../orders").echo
    assert seen["headers"]["x-route"] == "any"
    assert seen["path"] == "/orders"


def test_a_path_above_the_root_is_nginxs_400(gw: Gateway) -> None:
    gw.route("any", "/*")
    reply = gw.send("GET", "/../etc/passwd")
    assert reply.status == 400
    assert b"<title>400 Bad Request</title>" in reply.body
    assert reply.headers["Server"] == "openresty"  # answered before APISIX runs
