"""Responses APISIX itself renders: nginx's default error pages and core.response.exit bodies."""

from __future__ import annotations

import json
from typing import Any

from multidict import CIMultiDict

# nginx's reason phrases in its built-in error pages (ngx_http_special_response.c).
TITLES: dict[int, str] = {
    301: "301 Moved Permanently", 302: "302 Found", 303: "303 See Other",
    307: "307 Temporary Redirect", 308: "308 Permanent Redirect",
    400: "400 Bad Request", 401: "401 Authorization Required", 403: "403 Forbidden",
    402: "402 Payment Required", 404: "404 Not Found", 405: "405 Not Allowed",
    406: "406 Not Acceptable", 408: "408 Request Time-out", 409: "409 Conflict", 410: "410 Gone",
    411: "411 Length Required", 412: "412 Precondition Failed",
    413: "413 Request Entity Too Large", 414: "414 Request-URI Too Large",
    415: "415 Unsupported Media Type", 416: "416 Requested Range Not Satisfiable",
    421: "421 Misdirected Request", 429: "429 Too Many Requests",
    500: "500 Internal Server Error", 501: "501 Not Implemented", 502: "502 Bad Gateway",
    503: "503 Service Temporarily Unavailable", 504: "504 Gateway Time-out",
    505: "505 HTTP Version Not Supported", 507: "507 Insufficient Storage",
}
CRLF = "\r\n"
# `server_tokens off` gives the bare "openresty" footer; apisix-runtime adds the "Powered by" line.
TAIL = ("<hr><center>openresty</center>" + CRLF
        + '<p><em>Powered by <a href="https://apisix.apache.org/">APISIX</a>.</em></p></body>' + CRLF
        + "</html>" + CRLF)
TEXT_PLAIN = "text/plain; charset=utf-8"  # nginx default_type plus `charset utf-8`
TEXT_HTML = "text/html; charset=utf-8"


# nginx's default `charset_types`; APISIX's http block sets `charset utf-8`.
CHARSET_TYPES = {"text/html", "text/xml", "text/plain", "text/vnd.wap.wml",
                 "application/javascript", "application/rss+xml"}


def charset_filter(status: int, headers: CIMultiDict[str]) -> None:
    """ngx_http_charset_filter: add `; charset=utf-8` to a charset-less text type, except on
    301/302 and on encoded bodies."""
    content_type = headers.get("Content-Type")
    if not content_type or status in (301, 302) or "Content-Encoding" in headers:
        return
    if "charset=" in content_type.lower():
        return
    if content_type.split(";", 1)[0].strip().lower() in CHARSET_TYPES:
        headers["Content-Type"] = content_type + "; charset=utf-8"


def error_page(status: int) -> str:
    """nginx's special-response HTML for `status` as rendered by APISIX."""
    title = TITLES.get(status, f"{status}")
    return ("<html>" + CRLF + f"<head><title>{title}</title></head>" + CRLF + "<body>" + CRLF
            + f"<center><h1>{title}</h1></center>" + CRLF + TAIL)


def exit_body(body: Any) -> bytes:
    """core.response.exit: a table becomes JSON plus a newline, a string is sent as is."""
    if body is None:
        return b""
    if isinstance(body, (dict, list)):
        return (json.dumps(body, separators=(",", ":"), ensure_ascii=False) + "\n").encode()
    if isinstance(body, bytes):
        return body
    return str(body).encode()


def exit_response(status: int, body: Any = None) -> tuple[int, CIMultiDict[str], bytes]:
    """Status, headers and bytes for `core.response.exit(status, body)`."""
    headers: CIMultiDict[str] = CIMultiDict()
    if body is None and status in TITLES:
        # nginx's charset filter skips 301/302 ("NN 4.x would use it for the next page")
        headers["Content-Type"] = "text/html" if status in (301, 302) else TEXT_HTML
        return status, headers, error_page(status).encode()
    if body is None and status >= 300:  # nginx: "unknown code, zero body"
        headers["Content-Type"] = TEXT_PLAIN
        return status, headers, b""
    headers["Content-Type"] = TEXT_PLAIN
    return status, headers, exit_body(body)
