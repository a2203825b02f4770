"""Acceptance: ChatGPT-style plain HTTP through apisix-gpt sets up the conference API on the sandbox gateway."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Callable

import pytest
import requests

from tests.helpers.stack import Stack

pytestmark = pytest.mark.live
Call = Callable[[str, str, dict | None], requests.Response]


def scenario(call: Call, demo_url: str) -> list[tuple[str, int]]:
    """The conversation's calls; returns (step, status) for each."""
    demo = demo_url.removeprefix("http://")
    steps = [
        ("create upstream", call("PUT", "/apisix/admin/upstreams/conference",
                                 {"type": "roundrobin", "nodes": {demo: 1}, "pass_host": "node"})),
        ("create route", call("PUT", "/apisix/admin/routes/speaker",
                              {"uris": ["/speaker/*"], "methods": ["GET"], "upstream_id": "conference"})),
        ("replace route", call("PUT", "/apisix/admin/routes/speaker",
                               {"uris": ["/speaker/*"], "methods": ["GET"], "upstream_id": "conference"})),
        ("read route", call("GET", "/apisix/admin/routes/speaker", None)),
        ("patch route", call("PATCH", "/apisix/admin/routes/speaker", {"desc": "conference speakers"})),
    ]
    return [(name, answer.status_code) for name, answer in steps]


def proxied(stack: Stack) -> Call:
    session = stack.session()
    return lambda method, path, body: session.request(method, stack.api_url + path, json=body, timeout=10)


def direct(stack: Stack) -> Call:
    session = stack.sandbox.admin()
    return lambda method, path, body: session.request(method, stack.sandbox.admin_url + path,
                                                      json=body, timeout=10)


def wait_for(url: str, status: int, timeout: float = 5) -> requests.Response:
    deadline = time.monotonic() + timeout
    while True:
        answer = requests.get(url, timeout=5)
        if answer.status_code == status or time.monotonic() > deadline:
            return answer
        time.sleep(0.1)


def test_conference_scenario_through_apisix_gpt(stack: Stack) -> None:
    stack.reset()
    expected = scenario(direct(stack), stack.sandbox.demo_url)
    stack.reset()
    got = scenario(proxied(stack), stack.sandbox.demo_url)
    assert got == expected
    assert [status for _, status in got] == [201, 201, 200, 200, 200]

    sessions = wait_for(f"{stack.sandbox.gateway_url}/speaker/1/sessions", 200)
    assert sessions.status_code == 200 and sessions.json()

    api = proxied(stack)
    deleted = api("DELETE", "/apisix/admin/routes/speaker", None)
    assert deleted.status_code == 200 and deleted.json()["key"] == "/apisix/routes/speaker"
    assert api("GET", "/apisix/admin/routes/speaker", None).status_code == 404
    assert wait_for(f"{stack.sandbox.gateway_url}/speaker/1/sessions", 404).status_code == 404


def test_each_call_reaches_the_admin_api_with_its_own_method(stack: Stack) -> None:
    stack.reset()
    audit = Path(stack.env["APISIX_GPT_AUDIT_LOG"])
    before = len(audit.read_text().splitlines()) if audit.exists() else 0
    api = proxied(stack)
    api("PUT", "/apisix/admin/upstreams/m1", {"nodes": {"127.0.0.1:1": 1}})
    api("PATCH", "/apisix/admin/upstreams/m1", {"desc": "x"})
    api("POST", "/apisix/admin/upstreams", {"nodes": {"127.0.0.1:1": 1}})
    api("DELETE", "/apisix/admin/upstreams/m1", None)
    lines = [json.loads(line) for line in audit.read_text().splitlines()[before:]]
    assert [(line["method"], line["status"]) for line in lines] == [
        ("PUT", 201), ("PATCH", 200), ("POST", 201), ("DELETE", 200)]
