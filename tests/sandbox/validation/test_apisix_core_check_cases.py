"""`check_conf` details of upstreams, SSLs, routes and services as APISIX answers them (cases audited
against apisix/{upstream,ssl}.lua and admin/{routes,services}.lua)."""

from __future__ import annotations

import pytest

from tests.sandbox.apisix_t_cases import Step, UPSTREAM, cert, err, params, put, run_case

CRT, KEY = cert("2f6e552db6b4.crt.pem"), cert("8c14756b5cc0.key.pem")
BAD_CRT = cert("4e0bc4ed8374.crt.pem")
R1, S1, U1, SSL1 = "/routes/1", "/services/1", "/upstreams/1", "/ssls/1"
IPV6_MSG = "IPv6 address must be enclosed with '[' and ']'"
# 128+ characters that are neither PEM nor a keyring-encrypted value.
NOT_ENCRYPTED = "x" * 200


def route(**extra: object) -> dict:
    return {"uri": "/hello", "upstream": UPSTREAM, **extra}


def ssl(**extra: object) -> dict:
    return {"cert": CRT, "key": KEY, "sni": "test.com", **extra}


CASES: dict[str, list[Step]] = {
    # upstream.lua check_schema: a bare IPv6 host in array nodes is rejected before the schema runs.
    "upstream ipv6 array host before schema": [
        err("PUT", U1, {"type": "roundrobin", "nodes": [{"host": "::1", "port": 80, "weight": 1}],
                        "bogus": 1}, 400, IPV6_MSG)],
    "upstream ipv6 array host in brackets ok": [
        put(U1, {"type": "roundrobin", "nodes": [{"host": "[::1]", "port": 80, "weight": 1}]}, 201)],
    "route inline upstream ipv6 host": [
        err("PUT", R1, {"uri": "/a", "upstream": {"nodes": [{"host": "::1", "port": 80, "weight": 1}]}},
            400, IPV6_MSG)],
    # upstream.lua: client_cert_id is fetched before the pass_host/rewrite check.
    "upstream client_cert_id checked before pass_host": [
        err("PUT", U1, {**UPSTREAM, "pass_host": "rewrite", "tls": {"client_cert_id": "9"}}, 400,
            "failed to fetch ssl info by ssl id [9], response code: 404")],
    # admin/routes.lua: filter_func must evaluate to a function.
    "route filter_func not a function": [
        err("PUT", R1, route(filter_func="functionality"), 400, "'filter_func' should be a function")],
    "route filter_func function ok": [
        put(R1, route(filter_func="function(vars) return true end"), 201)],
    # admin/routes.lua + services.lua: script must load and return a table.
    "route script load error": [
        err("PUT", R1, route(script="local _M = {} function _M.a() return _M"), 400,
            "failed to load 'script' string: [string \"local _M = {} function _M.a() return _M\"]:1: "
            "'end' expected near '<eof>'")],
    "route script without return": [
        err("PUT", R1, route(script="local _M = {} _M.x = 1"), 400, "'script' should be a Lua object")],
    "route script returning table ok": [put(R1, route(script="local _M = {} \n return _M"), 201)],
    "service script without return": [
        err("PUT", S1, {"upstream": UPSTREAM, "script": "local _M = {} _M.x = 1"}, 400,
            "'script' should be a Lua object")],
    # apisix/ssl.lua validate: a non-PEM key must decrypt with the keyring first.
    "ssl key neither PEM nor encrypted": [
        err("PUT", SSL1, ssl(key=NOT_ENCRYPTED), 400, "failed to decrypt previous encrypted key")],
    # apisix/ssl.lua check_ssl_conf: client.ca must parse.
    "ssl client ca must parse": [
        err("PUT", SSL1, ssl(client={"ca": BAD_CRT}), 400,
            "failed to validate client_cert: failed to parse cert: PEM_read_bio_X509_AUX() failed")],
    "ssl client ca ok": [put(SSL1, ssl(client={"ca": CRT}), 201)],
}


@pytest.mark.parametrize("steps", params(CASES))
def test_core_check(box, steps: list[Step]) -> None:  # noqa: F811
    run_case(box, steps)
