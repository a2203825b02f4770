"""APISIX's default realip setup: `X-Real-IP` is trusted from 127.0.0.1 (set_real_ip_from), so the
claimed address is the client address for routing, plugins and the upstream."""

from __future__ import annotations

from tests.sandbox.dataplane.conftest import Gateway


def test_trusted_real_ip_is_matched_against_remote_addrs(gw: Gateway) -> None:
    gw.route("inner", "/ip", remote_addrs=["10.0.0.0/8"])
    assert gw.send("GET", "/ip").status == 404
    reply = gw.send("GET", "/ip", {"X-Real-IP": "10.0.0.1"})
    assert reply.status == 200


def test_trusted_real_ip_is_forwarded_as_real_ip_and_forwarded_for(gw: Gateway) -> None:
    gw.route("r", "/*")
    seen = gw.send("GET", "/x", {"X-Real-IP": "10.0.0.1",
                                 "X-Forwarded-For": "192.168.1.1"}).echo["headers"]
    assert seen["x-real-ip"] == "10.0.0.1"
    assert seen["x-forwarded-for"] == "192.168.1.1, 10.0.0.1"


def test_real_ip_feeds_ip_restriction(gw: Gateway) -> None:
    gw.route("r", "/*", {"ip-restriction": {"whitelist": ["10.0.0.1"]}})
    assert gw.send("GET", "/x").status == 403
    assert gw.send("GET", "/x", {"X-Real-IP": "10.0.0.1"}).status == 200


def test_an_invalid_real_ip_is_ignored(gw: Gateway) -> None:
    gw.route("r", "/*")
    seen = gw.send("GET", "/x", {"X-Real-IP": "not-an-ip"}).echo["headers"]
    assert seen["x-real-ip"] == "127.0.0.1"
