"""Start-up fast paths: libyaml I/O equals PyYAML's safe I/O; the MCP surface builds off the boot path."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import yaml

from apisix_gpt import yamlio
from apisix_gpt.mcp.deferred import DeferredApp
from apisix_gpt.spec import ROOT, SPEC_PATH


def test_yamlio_reads_and_writes_the_spec_exactly_like_safe_load_and_safe_dump() -> None:
    text = SPEC_PATH.read_text(encoding="utf-8")
    data = yamlio.load(text)
    assert data == yaml.safe_load(text)
    assert yamlio.dump(data) == yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def test_yamlio_refuses_python_tags_like_safe_load() -> None:
    try:
        yamlio.load("!!python/object/apply:os.system ['true']")
    except yaml.YAMLError:
        return
    raise AssertionError("a python tag was accepted")


def test_create_app_does_not_import_fastmcp(tmp_path: Path) -> None:
    code = ("import sys; from apisix_gpt.app import create_app; from config.settings import Settings; "
            "create_app(Settings(insecure_no_auth=True, audit_log=__import__('pathlib').Path(sys.argv[1]))); "
            "print(sorted(m for m in ('fastmcp', 'mcp', 'mcp_types') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "audit.jsonl")],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


class Recorder:
    """A built app that records calls and whether its lifespan was closed."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.closed = False

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.calls.append(scope["path"])
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async def aclose(self) -> None:
        self.closed = True


async def call(app: Any, path: str = "/mcp") -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)
    await app({"type": "http", "path": path, "method": "POST", "headers": []}, receive, send)
    return sent


def test_deferred_app_builds_once_in_another_thread_and_serves_concurrent_requests() -> None:
    built, threads = Recorder(), []

    def build() -> Recorder:
        threads.append(threading.current_thread().name)
        return built
    app = DeferredApp(build, "MCP")

    async def go() -> list[list[dict[str, Any]]]:
        return await asyncio.gather(*(call(app) for _ in range(5)))
    answers = asyncio.run(go())
    assert threads == ["build-MCP"]
    assert [a[0]["status"] for a in answers] == [204] * 5 and built.calls == ["/mcp"] * 5
    assert asyncio.run(call(app))[0]["status"] == 204  # another event loop awaits the same build


def test_deferred_app_lifespan_starts_the_build_and_closes_the_built_app() -> None:
    built = Recorder()
    gate = threading.Event()

    def build() -> Recorder:
        gate.wait(5)
        return built
    app = DeferredApp(build, "MCP")

    async def go() -> None:
        async with app.lifespan():
            assert app.start() is app.start() and not app.start().done()  # startup did not wait
            gate.set()
            await call(app)
    asyncio.run(go())
    assert built.closed


def test_deferred_app_failed_build_answers_503_problem_and_logs(caplog: Any) -> None:
    def build() -> Recorder:
        raise ValueError("boom")
    app = DeferredApp(build, "MCP")
    sent = asyncio.run(call(app))
    assert sent[0]["status"] == 503
    assert b"the MCP surface failed to start" in sent[1]["body"]
    assert "building the MCP surface failed: boom" in caplog.text

    async def lifespan() -> None:
        async with app.lifespan():
            pass
    asyncio.run(lifespan())  # shutdown after a failed build does not raise
