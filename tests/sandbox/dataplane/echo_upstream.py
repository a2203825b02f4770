"""Echo upstreams for gateway tests: answer 200 with JSON describing the request they saw.

The body is `{"server": "<port>", "method", "path", "query", "headers" (lower-case names), "body"}`
and the response carries `X-Echo-Server: <port>`, the upstream shape the recorded APISIX 3.18
gateway scenarios (`dataplane.jsonl`) were played against.
"""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _EchoHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the gateway's upstream client expects
    # One write per answer and no Nagle: split header/body writes meet delayed ACKs (40 ms each).
    wbufsize = 1 << 16
    disable_nagle_algorithm = True

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            out = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return out
                out += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _echo(self) -> None:
        body = self._read_body()
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            key = name.lower()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        path, _, query = self.path.partition("?")
        port = str(self.server.server_address[1])
        payload = json.dumps({"server": port, "method": self.command, "path": path, "query": query,
                              "headers": headers,
                              "body": body.decode("utf-8", errors="replace")}).encode()
        self.send_response_only(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("X-Echo-Server", port)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _echo

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        return


class EchoServers:
    """Echo servers on fixed loopback ports, each in its own thread."""

    def __init__(self, ports: list[int]) -> None:
        self._servers: list[ThreadingHTTPServer] = []
        for port in ports:
            server = ThreadingHTTPServer(("127.0.0.1", port), _EchoHandler)
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                             daemon=True).start()
            self._servers.append(server)

    def close(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()


def busy_ports(ports: list[int]) -> list[int]:
    """Ports of `ports` that cannot be bound (or, for closed ones, already accept connections)."""
    busy = []
    for port in ports:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                busy.append(port)
    return busy
