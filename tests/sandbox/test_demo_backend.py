"""Demo conference backend: speakers, 404s, echo and delay, served as a real process."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
import requests

from tests.helpers.procs import PYTHON, free_port, http_ok, start


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log: Path = tmp_path_factory.mktemp("demo") / "demo.log"
    proc = start([PYTHON, "-m", "sandbox.demo_backend", "--port", str(port)], log,
                 ready=http_ok(f"{url}/speaker/1/topics"))
    yield url
    proc.stop()


def test_speaker_sessions_and_topics(base: str) -> None:
    sessions = requests.get(f"{base}/speaker/1/sessions", timeout=5).json()
    assert sessions["collection"]["items"][0]["speakerId"] == "1"
    topics = requests.get(f"{base}/speaker/2/topics", timeout=5).json()
    assert [t["name"] for t in topics["collection"]["items"]] == ["Algorithms", "History of computing"]


def test_unknown_speaker_is_json_404(base: str) -> None:
    resp = requests.get(f"{base}/speaker/999/sessions", timeout=5)
    assert resp.status_code == 404 and resp.json() == {"error": "speaker not found"}


def test_echo_returns_request(base: str) -> None:
    body = requests.post(f"{base}/anything/x?a=1", data=b"hello", headers={"X-T": "v"},
                         timeout=5).json()
    assert body["method"] == "POST" and body["path"] == "/anything/x"
    assert body["query"] == {"a": "1"} and body["body"] == "hello" and body["headers"]["X-T"] == "v"


def test_delay_and_bad_input(base: str) -> None:
    assert requests.get(f"{base}/delay/0.1", timeout=5).json() == {"delayed": 0.1}
    assert requests.get(f"{base}/delay/abc", timeout=5).status_code == 400
    assert requests.get(f"{base}/status/418", timeout=5).status_code == 418
