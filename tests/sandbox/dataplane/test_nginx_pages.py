"""Pages nginx renders itself, and its charset filter on text content types."""

from __future__ import annotations

from multidict import CIMultiDict

from sandbox.dataplane.pages import charset_filter
from tests.sandbox.dataplane.conftest import Gateway


def test_redirect_302_page_has_no_charset_but_307_has(gw: Gateway) -> None:
    gw.route("r2", "/r2", {"redirect": {"uri": "/new"}})
    gw.route("r7", "/r7", {"redirect": {"uri": "/new", "ret_code": 307}})
    found = gw.send("GET", "/r2")
    assert (found.status, found.headers["Location"]) == (302, "/new")
    assert found.headers["Content-Type"] == "text/html"
    assert b"<title>302 Found</title>" in found.body
    assert gw.send("GET", "/r7").headers["Content-Type"] == "text/html; charset=utf-8"


def test_charset_filter_rules() -> None:
    def filtered(status: int, content_type: str, **extra: str) -> str:
        headers = CIMultiDict({"Content-Type": content_type, **extra})
        charset_filter(status, headers)
        return headers["Content-Type"]
    assert filtered(200, "text/plain") == "text/plain; charset=utf-8"
    assert filtered(200, "text/html;charset=latin1") == "text/html;charset=latin1"
    assert filtered(200, "application/json") == "application/json"
    assert filtered(301, "text/html") == "text/html"
    assert filtered(200, "text/plain", **{"Content-Encoding": "gzip"}) == "text/plain"
