"""limit-req: resty.limit.req's leaky bucket (delay within the burst, reject beyond it)."""

from __future__ import annotations

from sandbox.dataplane.plugins.limit_req import incoming
from tests.sandbox.dataplane.conftest import Gateway


def test_bucket_delays_within_burst_and_rejects_beyond() -> None:
    buckets: dict[str, tuple[float, float]] = {}
    assert incoming(buckets, "k", rate=2, burst=1, now=0.0) == 0.0
    assert incoming(buckets, "k", rate=2, burst=1, now=0.0) == 0.5   # one request of excess
    assert incoming(buckets, "k", rate=2, burst=1, now=0.0) is None  # two > burst 1
    assert incoming(buckets, "k", rate=2, burst=1, now=1.0) == 0.0   # drained at 2 per second
    assert incoming(buckets, "other", rate=2, burst=1, now=0.0) == 0.0


def test_rejection_uses_rejected_code_and_msg(gw: Gateway) -> None:
    gw.route("lr", "/lr", {"limit-req": {"rate": 1, "burst": 0, "key": "remote_addr",
                                         "rejected_code": 429, "rejected_msg": "slow down",
                                         "nodelay": True}})
    first, second = gw.send("GET", "/lr"), gw.send("GET", "/lr")
    assert first.status == 200
    assert (second.status, second.body) == (429, b'{"error_msg":"slow down"}\n')


def test_without_msg_the_rejection_is_nginxs_page(gw: Gateway) -> None:
    gw.route("lr2", "/lr2", {"limit-req": {"rate": 1, "burst": 0, "key": "http_x_user"}})
    assert gw.send("GET", "/lr2", {"X-User": "a"}).status == 200
    assert gw.send("GET", "/lr2", {"X-User": "b"}).status == 200  # its own bucket
    rejected = gw.send("GET", "/lr2", {"X-User": "a"})
    assert rejected.status == 503
    assert b"<title>503 Service Temporarily Unavailable</title>" in rejected.body
