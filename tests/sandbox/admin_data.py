"""Shared request bodies and assertion helpers for the Admin API tests."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from tests.helpers.procs import CERTS, PLUGIN_CATALOGUE  # noqa: E402  (APISIX test certificates)
UPSTREAM = {"nodes": {"127.0.0.1:1980": 1}, "type": "roundrobin"}
ROUTE = {"uri": "/hello", "upstream": UPSTREAM}


def cert_pair() -> tuple[str, str]:
    """A certificate for test.com / *.test.com and its private key."""
    return (CERTS / "2f6e552db6b4.crt.pem").read_text(), (CERTS / "8c14756b5cc0.key.pem").read_text()


def expect(resp: requests.Response, status: int, body: Any = ...) -> Any:
    """Assert the status (and the whole JSON body if given); check the JSON newline; return the body."""
    assert resp.status_code == status, f"{resp.status_code} {resp.text}"
    assert resp.headers["Content-Type"] == "application/json"
    assert resp.text.endswith("\n"), repr(resp.text)
    data = resp.json()
    if body is not ...:
        assert data == body
    return data


def error(resp: requests.Response, status: int, message: str) -> None:
    expect(resp, status, {"error_msg": message})


# Tests of answers that need APISIX's whole plugin catalogue (the sandbox runs with it when present).
needs_catalogue = pytest.mark.skipif(not PLUGIN_CATALOGUE.is_file(),
                                     reason="no recorded APISIX 3.18 plugin catalogue beside the repo")
