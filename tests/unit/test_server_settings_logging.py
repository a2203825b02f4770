"""Server settings (port, workers, validation) and JSON logs that never show the admin key or tokens."""

from __future__ import annotations

import io
import json
import logging

import pytest

from apisix_gpt.cli import gunicorn_argv
from config.logging import JsonFormatter, ScrubFilter
from config.settings import Settings, SettingsError


def test_server_fields_from_env() -> None:
    s = Settings.from_env({"APISIX_GPT_PORT": "8080", "APISIX_GPT_WORKERS": "3",
                           "APISIX_GPT_VALIDATE_RESPONSES": "yes", "APISIX_GPT_BIND_HOST": "0.0.0.0"})
    assert (s.port, s.workers, s.validate_responses) == (8080, 3, True)
    argv = gunicorn_argv(s)
    assert argv[argv.index("-b") + 1] == "0.0.0.0:8080" and argv[argv.index("-w") + 1] == "3"
    assert "apisix_gpt.workers.StrictUvicornWorker" in argv and argv[-1] == "apisix_gpt.asgi:app"


def test_defaults_bind_loopback_5000_with_two_workers() -> None:
    s = Settings.from_env({})
    assert (s.bind_host, s.port, s.workers, s.validate_responses) == ("127.0.0.1", 5000, 2, False)


def test_bad_port_names_the_variable() -> None:
    with pytest.raises(SettingsError, match="APISIX_GPT_PORT"):
        Settings.from_env({"APISIX_GPT_PORT": "http"})


def test_admin_key_is_not_in_repr() -> None:
    assert "s3cret-key" not in repr(Settings(admin_key="s3cret-key", tokens="a:editor:tok-123"))


def test_json_log_lines_scrub_key_and_tokens() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(ScrubFilter(["adminkey-123456"]))
    logger = logging.getLogger("test.scrub")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("key %s and header Authorization: Bearer abc.def-123", "adminkey-123456")
        logger.warning("headers {'X-API-KEY': 'other-key-999'}")
    finally:
        logger.removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    text = stream.getvalue()
    assert len(lines) == 2 and lines[0]["level"] == "WARNING" and lines[0]["logger"] == "test.scrub"
    assert "adminkey-123456" not in text and "abc.def-123" not in text and "other-key-999" not in text


def test_scrub_filter_reads_secrets_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APISIX_GPT_ADMIN_KEY", "envkey-123456")
    monkeypatch.setenv("APISIX_GPT_TOKENS", "ed:editor:tok-abcdef,vi:viewer:tok-uvwxyz")
    scrub = ScrubFilter.from_env()
    assert scrub.scrub("envkey-123456 tok-abcdef tok-uvwxyz") == "*** *** ***"
