"""Token parsing and authentication (constant-time compares, roles, files, errors without secrets)."""

from __future__ import annotations

import hmac
from pathlib import Path

import pytest

from apisix_gpt.safety import tokens as tokens_mod
from apisix_gpt.safety.errors import SafetyConfigError
from apisix_gpt.safety.principal import Principal
from apisix_gpt.safety.tokens import TokenStore, load_tokens, parse_tokens, parse_tokens_file
from config.settings import Settings


def test_parses_comma_separated_entries_and_keeps_colons_in_secret() -> None:
    entries = parse_tokens("alice:editor:s3cret-with:colon-0123456789, bob:viewer:another-secret-0123")
    assert [(e.name, e.role) for e in entries] == [("alice", "editor"), ("bob", "viewer")]
    assert entries[0].secret == b"s3cret-with:colon-0123456789"


@pytest.mark.parametrize("raw, message", [
    ("alice:editor", "name:role:secret"),
    ("alice::secret-secret-secret", "name:role:secret"),
    ("alice:admin:secret-secret-secret", "role 'admin'"),
])
def test_bad_entries_are_refused_without_echoing_the_secret(raw: str, message: str) -> None:
    with pytest.raises(SafetyConfigError, match=message) as info:
        parse_tokens(raw)
    assert "secret-secret-secret" not in str(info.value)


def test_file_skips_comments_and_blank_lines_and_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "tokens"
    path.write_text("# team tokens\n\nalice:editor:aaaaaaaaaaaaaaaaaaaa\n  # indented comment\nbob:viewer:bbbbbbbbbbbbbbbbbbbb\n")
    assert [e.name for e in parse_tokens_file(path)] == ["alice", "bob"]
    path.write_text("alice:editor:aaaaaaaaaaaaaaaaaaaa\nbroken\n")
    with pytest.raises(SafetyConfigError, match=r"tokens:2"):
        parse_tokens_file(path)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SafetyConfigError, match="cannot be read"):
        parse_tokens_file(tmp_path / "nope")


def test_env_and_file_tokens_are_combined_and_duplicates_refused(tmp_path: Path) -> None:
    path = tmp_path / "tokens"
    path.write_text("bob:viewer:bbbbbbbbbbbbbbbbbbbb\n")
    store = load_tokens(Settings(tokens="alice:editor:aaaaaaaaaaaaaaaaaaaa", tokens_file=path))
    assert store.authenticate("aaaaaaaaaaaaaaaaaaaa") == Principal("alice", "editor")
    assert store.authenticate("bbbbbbbbbbbbbbbbbbbb") == Principal("bob", "viewer")
    assert store.authenticate("aaaaaaaaaaaaaaaaaaab") is None
    assert store.authenticate("") is None
    with pytest.raises(SafetyConfigError, match="duplicate token names: alice"):
        load_tokens(Settings(tokens="alice:editor:aaaaaaaaaaaaaaaaaaaa,alice:viewer:cccccccccccccccccccc"))


def test_authenticate_uses_constant_time_compare_on_every_token(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)
    monkeypatch.setattr(tokens_mod.hmac, "compare_digest", spy)
    store = TokenStore(parse_tokens("a:editor:first-secret-000000,b:viewer:second-secret-00000"))
    assert store.authenticate("first-secret-000000") == Principal("a", "editor")
    assert len(calls) == 2  # no early exit on the first match


def test_short_secret_is_warned_about(caplog: pytest.LogCaptureFixture) -> None:
    parse_tokens("alice:editor:short")
    assert "shorter than" in caplog.text and "short" not in caplog.text.replace("shorter", "")
