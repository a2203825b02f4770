"""Control endpoints, fault injection, and the CLI's modes (generated key, no key, stream)."""

from __future__ import annotations

import re
import time

import pytest
import requests

from tests.sandbox.admin_data import ROUTE, UPSTREAM, expect
from tests.sandbox.conftest import launch


def test_reset_clears_state(sandbox, admin):
    expect(admin.put("/routes/1", json=ROUTE), 201)
    resp = admin.post(f"{sandbox.admin_url}/__sandbox/reset")
    assert resp.status_code == 200
    expect(admin.get("/routes"), 200, {"list": [], "total": 0})


def test_reset_needs_post_and_key(sandbox, admin, anon):
    resp = admin.get(f"{sandbox.admin_url}/__sandbox/reset")
    assert resp.status_code == 400 and resp.text == "Need to POST to reset the sandbox"
    assert anon.post(f"{sandbox.admin_url}/__sandbox/reset").status_code == 401


def test_faults(sandbox, admin):
    url = f"{sandbox.admin_url}/__sandbox/faults"
    try:
        assert admin.put(url, json={"mode": "garbage"}).status_code == 200
        resp = admin.get("/routes")
        assert resp.status_code == 200
        with pytest.raises(ValueError):
            resp.json()
        assert admin.put(url, json={"mode": "close"}).status_code == 200
        with pytest.raises(requests.ConnectionError):
            admin.get("/routes")
        assert admin.put(url, json={"mode": "normal", "delay": 0.3}).status_code == 200
        start = time.monotonic()
        expect(admin.get("/routes"), 200)
        assert time.monotonic() - start >= 0.3
        bad = admin.put(url, json={"mode": "explode"})
        assert bad.status_code == 400 and "mode must be one of" in bad.json()["error_msg"]
    finally:
        assert admin.delete(url).json() == {"delay": 0.0, "mode": "normal"}


def test_generated_key_and_stream_mode(tmp_path):
    box = launch(tmp_path, "--stream", admin_key=None, viewer_key=None)
    try:
        key = re.search(r"admin key\s+([A-Za-z]{32})", box.proc.log())
        assert key, box.proc.log()
        base = f"{box.admin_url}/apisix/admin"
        assert requests.get(f"{base}/routes", timeout=5).status_code == 401
        headers = {"X-API-KEY": key.group(1)}
        requests.put(f"{base}/upstreams/1", json=UPSTREAM, headers=headers, timeout=5)
        resp = requests.put(f"{base}/stream_routes/1", json={"upstream_id": "1"}, headers=headers, timeout=5)
        assert resp.status_code == 201, resp.text
        resp = requests.patch(f"{base}/stream_routes/1", json={}, headers=headers, timeout=5)
        assert resp.json() == {"error_msg": "not supported `PATCH` method for stream route"}
    finally:
        box.proc.stop()


def test_no_admin_key_mode(tmp_path):
    box = launch(tmp_path, "--no-admin-key", admin_key=None, viewer_key=None)
    try:
        resp = requests.get(f"{box.admin_url}/apisix/admin/routes", timeout=5)
        assert resp.status_code == 200 and resp.json() == {"list": [], "total": 0}
    finally:
        box.proc.stop()
