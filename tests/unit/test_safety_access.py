"""Which paths need a token and which requests are writes."""

from __future__ import annotations

import pytest

from apisix_gpt.safety.access import is_protected, is_write


@pytest.mark.parametrize("path", ["/apisix/admin/routes", "/apisix/admin", "//apisix//admin/routes/1",
                                  "/APISIX/admin/routes", "/audit/changes", "/mcp", "/mcp/", "/mcp-x"])
def test_protected(path: str) -> None:
    assert is_protected(path)


@pytest.mark.parametrize("path", ["/openapi.yaml", "/openapi.json", "/.well-known/ai-plugin.json", "/logo.png",
                                  "/docs", "/docs/", "/healthz", "/readyz", "/apisix/adminx", "/auditing"])
def test_public(path: str) -> None:
    assert not is_protected(path)


@pytest.mark.parametrize("method, path, expected", [
    ("GET", "/apisix/admin/routes", False), ("HEAD", "/apisix/admin/routes", False),
    ("OPTIONS", "/apisix/admin/routes", False), ("POST", "/apisix/admin/routes", True),
    ("PUT", "/apisix/admin/routes/1", True), ("PATCH", "/apisix/admin/routes/1", True),
    ("DELETE", "/apisix/admin/routes/1", True), ("POST", "/apisix/admin/schema/validate/routes", False),
    ("POST", "/apisix/admin/schema/validate/routes/x", True), ("put", "/apisix/admin/schema/validate/routes", True),
    ("POST", "/mcp", False),
])
def test_is_write(method: str, path: str, expected: bool) -> None:
    assert is_write(method, path) is expected
