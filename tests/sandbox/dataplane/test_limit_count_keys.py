"""limit-count counters: keyed by the object that owns the configuration (gen_limit_key)."""

from __future__ import annotations

from tests.sandbox.dataplane.conftest import Gateway


def test_a_global_rule_counts_every_request_including_404s(gw: Gateway) -> None:
    gw.hx.put("global_rules", "g-404", {"plugins": {"limit-count": {"count": 3, "time_window": 60}}})
    gw.route("a", "/g/*")
    gw.route("b", "/h")
    statuses = [gw.send("GET", path).status for path in ("/g/a", "/missing", "/h", "/g/b",
                                                        "/missing")]
    assert statuses == [200, 404, 200, 503, 503]


def test_route_counters_are_per_route(gw: Gateway) -> None:
    conf = {"limit-count": {"count": 1, "time_window": 60, "rejected_code": 429}}
    gw.route("lc-one", "/one", conf)
    gw.route("lc-two", "/two", conf)
    assert [gw.send("GET", "/one").status, gw.send("GET", "/one").status] == [200, 429]
    assert gw.send("GET", "/two").status == 200


def test_a_sandbox_reset_starts_the_counters_afresh(gw: Gateway) -> None:
    conf = {"limit-count": {"count": 1, "time_window": 60, "rejected_code": 429}}
    gw.route("lc-reset", "/r", conf)
    assert [gw.send("GET", "/r").status, gw.send("GET", "/r").status] == [200, 429]
    gw.hx.store.reset()  # what POST /__sandbox/reset does to the store
    gw.route("lc-reset", "/r", conf)
    assert gw.send("GET", "/r").status == 200
