"""Replay recorded Admin API sequences against a target: the sandbox directly, or apisix-gpt in front of it.

Both targets take the same `Step`s; each sequence starts from an empty store (`POST /__sandbox/reset`)
and `{name}` placeholders are filled from ids the same target answered earlier in the sequence, so a
target's own generated ids flow through its own sequence.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable, Protocol

import requests

from tests.helpers.recorded import NO_BODY, Sequence, Step
from tests.helpers.stack import Sandbox

ADMIN = "/apisix/admin"
WRONG_KEY = "wrong-key"
TIMEOUT = 30  # seconds; every answer comes far sooner, even on a loaded host


@dataclass(frozen=True)
class Answer:
    status: int      # 0: no answer within TIMEOUT
    body: Any        # parsed JSON, else the text
    content_type: str

    @property
    def status_class(self) -> int:
        return self.status // 100

    def text(self, *names: str) -> str | None:
        """The first of `names` that is a string field of a JSON object answer."""
        if isinstance(self.body, dict):
            for name in names:
                if isinstance(self.body.get(name), str):
                    return self.body[name]
        return None


class Target(Protocol):
    name: str

    def reset(self) -> None: ...

    def send(self, step: Step, path: str) -> Answer: ...


def _answer(response: requests.Response) -> Answer:
    try:
        body: Any = response.json()
    except ValueError:
        body = response.text
    return Answer(response.status_code, body, response.headers.get("content-type", ""))


def _request(session: requests.Session, base: str, step: Step, path: str,
             headers: dict[str, str]) -> Answer:
    data: bytes | None = None
    if step.raw_body is not None:
        data = step.raw_body.encode("utf-8")
    elif step.body is not NO_BODY:
        data = json.dumps(step.body).encode("utf-8")
    if data is not None:
        headers = {**headers, "Content-Type": "application/json"}
    try:
        response = session.request(step.method, base + ADMIN + path, params=step.query, data=data,
                                   headers=headers, timeout=TIMEOUT, allow_redirects=False)
    except requests.Timeout:  # recorded as an answer, so one hung request does not end the run
        return Answer(0, f"no answer within {TIMEOUT} s", "")
    return _answer(response)


class DirectTarget:
    """The sandbox's Admin API with APISIX's own key (`auth` none/wrong as recorded)."""

    name = "sandbox"

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.session = requests.Session()

    def reset(self) -> None:
        self.sandbox.reset()

    def send(self, step: Step, path: str) -> Answer:
        keys = {None: self.sandbox.admin_key, "wrong": WRONG_KEY, "none": None}
        key = keys[step.auth]
        return _request(self.session, self.sandbox.admin_url, step, path,
                        {"X-API-KEY": key} if key else {})


class ThroughTarget:
    """apisix-gpt's mirror of APISIX's paths with a bearer token; `auth` none/wrong map to no bearer
    and a wrong bearer (APISIX's key itself never crosses apisix-gpt)."""

    name = "apisix-gpt"

    def __init__(self, api_url: str, token: str, sandbox: Sandbox) -> None:
        self.api_url, self.token, self.sandbox = api_url, token, sandbox
        self.session = requests.Session()

    def reset(self) -> None:
        self.sandbox.reset()

    def send(self, step: Step, path: str) -> Answer:
        tokens = {None: self.token, "wrong": WRONG_KEY, "none": None}
        token = tokens[step.auth]
        return _request(self.session, self.api_url, step, path,
                        {"Authorization": f"Bearer {token}"} if token else {})


def fill(path: str, captured: dict[str, str]) -> str:
    for name, value in captured.items():
        path = path.replace("{" + name + "}", value)
    return path


def replay(target: Target, sequences: Iterable[Sequence]) -> dict[str, Answer]:
    """{step id: the target's answer}, every sequence from an empty store."""
    answers: dict[str, Answer] = {}
    for sequence in sequences:
        target.reset()
        captured: dict[str, str] = {}
        for step in sequence.steps:
            answer = target.send(step, fill(step.path, captured))
            answers[step.id] = answer
            value = answer.body.get("value") if isinstance(answer.body, dict) else None
            if step.capture and isinstance(value, dict) and value.get("id") is not None:
                captured[step.capture] = str(value["id"])
    return answers
