"""cors: which origin is allowed, and that a miss sends no CORS headers at all (cors.lua)."""

from __future__ import annotations

from tests.sandbox.dataplane.conftest import Gateway

PREFLIGHT = {"Access-Control-Request-Method": "GET"}


def test_regex_miss_sends_nothing_and_a_match_echoes_the_origin(gw: Gateway) -> None:
    gw.route("c", "/c/*", {"cors": {"allow_origins_by_regex": [r"^http://.*\.test\.com$"]}})
    miss = gw.send("OPTIONS", "/c/x", {**PREFLIGHT, "Origin": "http://b.com"})
    assert miss.status == 200
    assert not [h for h in miss.headers if h.lower().startswith("access-control-")]
    hit = gw.send("GET", "/c/x", {"Origin": "http://x.test.com"})
    assert hit.headers["Access-Control-Allow-Origin"] == "http://x.test.com"
    assert "Vary" not in hit.headers  # allow_origins stays "*"


def test_a_single_configured_origin_is_sent_whatever_the_request_origin(gw: Gateway) -> None:
    gw.route("c", "/c/*", {"cors": {"allow_origins": "http://a.com", "allow_credential": True,
                                    "allow_headers": "X-Custom"}})
    reply = gw.send("GET", "/c/x", {"Origin": "http://other.com"})
    assert reply.headers["Access-Control-Allow-Origin"] == "http://a.com"
    assert reply.headers["Access-Control-Allow-Credentials"] == "true"
    assert reply.headers["Vary"] == "Origin"


def test_an_origin_list_needs_the_request_origin(gw: Gateway) -> None:
    gw.route("c", "/c/*", {"cors": {"allow_origins": "http://a.com,http://b.com"}})
    assert gw.send("GET", "/c/x", {"Origin": "http://b.com"}).headers[
        "Access-Control-Allow-Origin"] == "http://b.com"
    miss = gw.send("GET", "/c/x", {"Origin": "http://c.com"})
    assert "Access-Control-Allow-Origin" not in miss.headers
    assert miss.headers["Vary"] == "Origin"


def test_double_star_reflects_methods_and_request_headers(gw: Gateway) -> None:
    gw.route("c", "/c/*", {"cors": {"allow_headers": "**", "allow_methods": "**"}})
    reply = gw.send("OPTIONS", "/c/x", {**PREFLIGHT, "Access-Control-Request-Headers": "X-A"})
    assert reply.headers["Access-Control-Allow-Origin"] == "*"
    assert reply.headers["Access-Control-Allow-Headers"] == "X-A"
    assert reply.headers["Access-Control-Allow-Methods"].startswith("GET,POST,PUT,DELETE")
    bare = gw.send("OPTIONS", "/c/x", PREFLIGHT)
    assert "Access-Control-Allow-Headers" not in bare.headers
