"""Data plane plugins: proxy-rewrite, key-auth, limit-count, response-rewrite and the extras."""

from __future__ import annotations

import base64
from typing import Iterator

import pytest

from tests.sandbox.dataplane.harness import Harness, encrypt


@pytest.fixture(scope="module")
def hx() -> Iterator[Harness]:
    harness = Harness(backends=1)
    yield harness
    harness.close()


@pytest.fixture(autouse=True)
def clean(hx: Harness) -> None:
    hx.reset()


def route(hx: Harness, plugins: dict, uri: str = "/echo*", **extra: object) -> None:
    hx.put("routes", "1", {"uri": uri, "plugins": plugins, **extra,
                           "upstream": {"nodes": {hx.demo: 1}, "type": "roundrobin"}})


def test_proxy_rewrite_uri_keeps_args_and_headers(hx: Harness) -> None:
    route(hx, {"proxy-rewrite": {"uri": "/echo/$arg_to", "method": "PUT", "host": "new.test",
                                 "headers": {"add": {"X-Add": "a"}, "set": {"X-Set": "$uri"},
                                             "remove": ["X-Drop"]}}})
    body = hx.get("/echo/old?to=there", headers={"X-Drop": "1"}).json()
    assert body["path"] == "/echo/there" and body["query"] == {"to": "there"}
    assert body["method"] == "PUT"
    assert body["headers"]["Host"] == "new.test"
    assert body["headers"]["X-Add"] == "a" and body["headers"]["X-Set"] == "/echo/old"
    assert "X-Drop" not in body["headers"]


def test_proxy_rewrite_regex_uri_and_legacy_headers(hx: Harness) -> None:
    route(hx, {"proxy-rewrite": {"regex_uri": ["^/api/(.*)/(.*)", "/echo/$2/$1"],
                                 "headers": {"X-Legacy": "yes"}}}, uri="/api/*")
    body = hx.get("/api/a/b").json()
    assert body["path"] == "/echo/b/a" and body["headers"]["X-Legacy"] == "yes"


def _consumer(hx: Harness) -> None:
    hx.put("consumers", "jack", {"username": "jack",
                                 "plugins": {"key-auth": {"key": encrypt("auth-one")}}})
    hx.put("consumers", "rose", {"username": "rose"})
    hx.put("consumers", "rose/credentials/c1", {"id": "c1",
                                                "plugins": {"key-auth": {"key": encrypt("auth-two")}}})


def test_key_auth(hx: Harness) -> None:
    _consumer(hx)
    route(hx, {"key-auth": {}})
    missing = hx.get("/echo")
    assert missing.status_code == 401
    assert missing.text == '{"message":"Missing API key in request"}\n'
    assert hx.get("/echo", headers={"apikey": "nope"}).json() == {
        "message": "Invalid API key in request"}
    ok = hx.get("/echo", headers={"apikey": "auth-one"}).json()
    assert ok["headers"]["X-Consumer-Username"] == "jack" and ok["headers"]["apikey"] == "auth-one"
    cred = hx.get("/echo", headers={"apikey": "auth-two"}).json()["headers"]
    assert cred["X-Consumer-Username"] == "rose" and cred["X-Credential-Identifier"] == "c1"


def test_key_auth_query_and_hide_credentials(hx: Harness) -> None:
    _consumer(hx)
    route(hx, {"key-auth": {"query": "k", "header": "X-Key", "hide_credentials": True}})
    assert hx.get("/echo?k=auth-one&x=1").json()["query"] == {"x": "1"}
    assert "X-Key" not in hx.get("/echo", headers={"X-Key": "auth-one"}).json()["headers"]


def test_key_auth_with_consumer_restriction(hx: Harness) -> None:
    _consumer(hx)
    route(hx, {"key-auth": {}, "consumer-restriction": {"whitelist": ["jack"]}})
    assert hx.get("/echo", headers={"apikey": "auth-one"}).status_code == 200
    denied = hx.get("/echo", headers={"apikey": "auth-two"})
    assert denied.status_code == 403
    assert denied.json() == {"message": "The consumer_name is forbidden."}


def test_global_rule_key_auth_runs_before_404(hx: Harness) -> None:
    hx.put("global_rules", "1", {"plugins": {"key-auth": {}}})
    assert hx.get("/nowhere").status_code == 401


def test_limit_count(hx: Harness) -> None:
    route(hx, {"limit-count": {"count": 2, "time_window": 60}})
    first = hx.get("/echo")
    assert first.headers["X-RateLimit-Limit"] == "2"
    assert first.headers["X-RateLimit-Remaining"] == "1"
    assert 0 < int(first.headers["X-RateLimit-Reset"]) <= 60
    assert hx.get("/echo").headers["X-RateLimit-Remaining"] == "0"
    rejected = hx.get("/echo")
    assert rejected.status_code == 503 and "503 Service Temporarily Unavailable" in rejected.text


def test_limit_count_custom_rejection_and_constant_key(hx: Harness) -> None:
    route(hx, {"limit-count": {"count": 1, "time_window": 60, "rejected_code": 429,
                               "rejected_msg": "slow down", "key_type": "constant",
                               "key": "all", "show_limit_quota_header": False}})
    assert "X-RateLimit-Limit" not in hx.get("/echo").headers
    rejected = hx.get("/echo")
    assert rejected.status_code == 429 and rejected.text == '{"error_msg":"slow down"}\n'


def test_limit_count_rules_pick_the_first_rule_whose_key_resolves(hx: Harness) -> None:
    route(hx, {"limit-count": {"rules": [
        {"count": 1, "time_window": 60, "key": "$http_x_tenant"},
        {"count": 3, "time_window": 60, "key": "$remote_addr"}]}})
    tenant = {"X-Tenant": "acme"}
    assert hx.get("/echo", headers=tenant).headers["X-RateLimit-Limit"] == "1"
    assert hx.get("/echo", headers=tenant).status_code == 503
    untagged = hx.get("/echo")
    assert untagged.status_code == 200 and untagged.headers["X-RateLimit-Limit"] == "3"


def test_response_rewrite(hx: Harness) -> None:
    route(hx, {"response-rewrite": {"status_code": 201, "body": "new body",
                                    "headers": {"set": {"X-A": "$uri"}, "add": ["X-B: 1"],
                                                "remove": ["Content-Type"]}}})
    resp = hx.get("/echo")
    assert resp.status_code == 201 and resp.text == "new body"
    assert resp.headers["X-A"] == "/echo" and resp.headers["X-B"] == "1"


def test_response_rewrite_base64_filters_and_vars(hx: Harness) -> None:
    route(hx, {"response-rewrite": {"body": base64.b64encode(b"raw").decode(),
                                    "body_base64": True}})
    assert hx.get("/echo").content == b"raw"
    route(hx, {"response-rewrite": {"filters": [{"regex": "GET", "replace": "TEG"}]}})
    assert hx.get("/echo").json()["method"] == "TEG"
    route(hx, {"response-rewrite": {"vars": [["status", "==", 404]], "body": "x"}},
          uri="/status/*")
    assert hx.get("/status/200").json() == {"status": 200}
    assert hx.get("/status/404").text == "x"


def test_plugins_disabled_by_meta_are_skipped(hx: Harness) -> None:
    route(hx, {"key-auth": {"_meta": {"disable": True}}})
    assert hx.get("/echo").status_code == 200


def test_basic_auth_and_ip_restriction(hx: Harness) -> None:
    hx.put("consumers", "foo", {"username": "foo", "plugins": {
        "basic-auth": {"username": "foo", "password": encrypt("bar")}}})
    route(hx, {"basic-auth": {}})
    assert hx.get("/echo").json() == {"message": "Missing authorization in request"}
    assert hx.get("/echo", auth=("foo", "bad")).status_code == 401
    assert hx.get("/echo", auth=("foo", "bar")).status_code == 200
    route(hx, {"ip-restriction": {"blacklist": ["127.0.0.0/24"]}})
    blocked = hx.get("/echo")
    assert blocked.status_code == 403
    assert blocked.json() == {"message": "Your IP address is not allowed"}


def test_cors_redirect_echo_request_id(hx: Harness) -> None:
    route(hx, {"cors": {}})
    pre = hx.get("/echo", "OPTIONS", headers={"Origin": "http://a.test"})
    assert pre.status_code == 200 and pre.headers["Access-Control-Allow-Origin"] == "*"
    route(hx, {"redirect": {"uri": "/new", "ret_code": 301}})
    moved = hx.get("/echo", allow_redirects=False)
    assert moved.status_code == 301 and moved.headers["Location"] == "/new"
    route(hx, {"echo": {"before_body": "<", "body": "mid", "after_body": ">"}})
    assert hx.get("/echo").text == "<mid>"
    route(hx, {"request-id": {}})
    resp = hx.get("/echo")
    upstream_seen = {k.lower(): v for k, v in resp.json()["headers"].items()}
    assert resp.headers["X-Request-Id"] == upstream_seen["x-request-id"]
