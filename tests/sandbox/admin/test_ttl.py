"""`?ttl=` leases: a fraction is refused by lua-resty-etcd (503, nothing stored); zero or less still stores."""

from __future__ import annotations

from tests.sandbox.admin_data import ROUTE, error, expect


def test_fractional_ttl_is_refused_and_stores_nothing(admin):
    error(admin.put("/routes/1?ttl=1.5", json=ROUTE), 503, "ttl must be integer")
    expect(admin.get("/routes/1"), 404, {"message": "Key not found"})
    expect(admin.put("/routes/1", json=ROUTE), 201)
    error(admin.put("/routes/1?ttl=1.5", json={**ROUTE, "name": "changed"}), 503, "ttl must be integer")
    assert "name" not in expect(admin.get("/routes/1"), 200)["value"]


def test_zero_and_negative_ttl_store_the_value(admin):
    expect(admin.put("/routes/1?ttl=0", json=ROUTE), 201)
    expect(admin.get("/routes/1"), 200)
    expect(admin.put("/services/1?ttl=-1", json={"upstream": ROUTE["upstream"]}), 201)
    expect(admin.get("/services/1"), 200)


def test_schema_errors_come_before_the_ttl_check(admin):
    body = expect(admin.put("/routes/1?ttl=1.5", json={"uri": 1}), 400)
    assert body["error_msg"].startswith("invalid configuration: ")
