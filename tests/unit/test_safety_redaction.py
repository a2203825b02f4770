"""Redaction of every listed secret field and PEM keys, and the placeholder round-trip."""

from __future__ import annotations

import copy

import pytest

from apisix_gpt.safety.errors import PlaceholderError
from apisix_gpt.safety.redaction import (
    PLACEHOLDER,
    has_placeholder,
    is_schema_document,
    redact,
    redact_at,
    restore_placeholders,
)

from tests.helpers.procs import CERTS  # noqa: E402  (APISIX test certificates)
PEM = (CERTS / "1ea33e4cc5bf.key.pem").read_text() if CERTS.is_dir() else (
    "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n")

AUTH_PLUGINS = {
    "key-auth": {"key": "ka-secret"},
    "basic-auth": {"username": "jack", "password": "ba-secret"},
    "jwt-auth": {"key": "jwt-key", "secret": "jwt-secret", "private_key": "jwt-private", "algorithm": "HS256"},
    "hmac-auth": {"key_id": "hmac-id", "secret_key": "hmac-secret"},
}
SECRETS = {"ka-secret", "ba-secret", "jwt-secret", "jwt-private", "hmac-secret"}


def strings(obj: object) -> list[str]:
    if isinstance(obj, dict):
        return [s for k, v in obj.items() for s in strings(k) + strings(v)]
    if isinstance(obj, list):
        return [s for item in obj for s in strings(item)]
    return [obj] if isinstance(obj, str) else []


def leaked(obj: object, secrets: set[str]) -> set[str]:
    return {secret for secret in secrets for s in strings(obj) if secret in s}


@pytest.mark.parametrize("holder", [
    lambda p: {"key": "/apisix/routes/1", "value": {"uri": "/a", "plugins": p}},
    lambda p: {"key": "/apisix/services/1", "value": {"plugins": p}},
    lambda p: {"key": "/apisix/consumers/jack", "value": {"username": "jack", "plugins": p}},
    lambda p: {"key": "/apisix/consumers/jack/credentials/c1", "value": {"plugins": p}},
    lambda p: {"key": "/apisix/consumer_groups/g", "value": {"plugins": p}},
    lambda p: {"key": "/apisix/plugin_configs/1", "value": {"plugins": p}},
    lambda p: {"key": "/apisix/global_rules/1", "value": {"plugins": p}},
    lambda p: {"total": 1, "list": [{"key": "/apisix/consumers/jack", "value": {"plugins": p}}]},
    lambda p: {"plugins": p},  # a request body, no envelope
], ids=["route", "service", "consumer", "credential", "consumer_group", "plugin_config", "global_rule", "list",
        "bare"])
def test_auth_plugin_fields_are_redacted_wherever_plugins_appear(holder) -> None:
    doc = holder(copy.deepcopy(AUTH_PLUGINS))
    out = redact(doc)
    assert leaked(out, SECRETS) == set()
    assert "jwt-key" in strings(out) and "hmac-id" in strings(out) and "jack" in strings(out)
    assert leaked(doc, SECRETS) == SECRETS  # input untouched


def test_non_secret_plugin_keys_are_kept() -> None:
    plugins = {"limit-count": {"key": "remote_addr", "count": 2, "time_window": 60},
               "proxy-rewrite": {"uri": "/x"}, "csrf": {"key": "csrf-secret"}}
    out = redact({"plugins": plugins})["plugins"]
    assert out["limit-count"]["key"] == "remote_addr" and out["proxy-rewrite"]["uri"] == "/x"
    assert out["csrf"]["key"] == PLACEHOLDER


def test_ssl_key_and_keys_are_redacted_but_cert_and_envelope_key_kept() -> None:
    ssl = {"key": "/apisix/ssls/1", "value": {"cert": "CERT", "key": "ciphertext==", "keys": ["k1", "k2"],
                                                "snis": ["a.com"]}}
    out = redact(ssl)
    assert out["key"] == "/apisix/ssls/1"
    assert out["value"]["key"] == PLACEHOLDER and out["value"]["keys"] == [PLACEHOLDER, PLACEHOLDER]
    assert out["value"]["cert"] == "CERT" and out["value"]["snis"] == ["a.com"]
    assert redact({"key": "/apisix/ssls/2", "value": {"key": "only-key"}})["value"]["key"] == PLACEHOLDER


def test_upstream_client_key_is_redacted_top_level_and_inline() -> None:
    upstream = {"nodes": {"a:80": 1}, "tls": {"client_cert": "CERT", "client_key": "cipher=="}}
    assert redact({"key": "/apisix/upstreams/1", "value": upstream})["value"]["tls"]["client_key"] == PLACEHOLDER
    route = redact({"uri": "/", "upstream": copy.deepcopy(upstream)})
    assert route["upstream"]["tls"] == {"client_cert": "CERT", "client_key": PLACEHOLDER}


@pytest.mark.parametrize("manager, value, secrets", [
    ("vault", {"uri": "http://v:8200", "prefix": "kv/apisix", "token": "vault-token", "namespace": "ns"},
     {"vault-token"}),
    ("aws", {"access_key_id": "AKIAXX", "secret_access_key": "aws-secret", "session_token": "aws-session",
             "region": "us-east-1"}, {"AKIAXX", "aws-secret", "aws-session"}),
    ("gcp", {"auth_config": {"client_email": "a@b", "private_key": "gcp-private", "project_id": "p"}},
     {"gcp-private"}),
    ("gcp", {"auth_file": "/secret/path.json"}, {"/secret/path.json"}),
])
def test_secret_manager_credentials_are_redacted(manager: str, value: dict, secrets: set[str]) -> None:
    envelope = {"key": f"/apisix/secrets/{manager}/1", "value": value}
    assert leaked(redact(envelope), secrets) == set()
    assert leaked(redact(value), secrets) == set()  # a bare request body is recognised by its shape
    assert "uri" not in value or redact(value)["uri"] == value["uri"]


def test_pem_private_keys_are_redacted_anywhere() -> None:
    doc = {"desc": PEM, "labels": {"x": "prefix " + PEM + " suffix"}, "list": [PEM]}
    out = redact(doc)
    assert "PRIVATE KEY" not in str(out)
    assert out["desc"].strip() == PLACEHOLDER and out["labels"]["x"].startswith("prefix ")


def test_problem_details_are_redacted() -> None:
    problem = {"type": "about:blank", "title": "Bad Request", "status": 400, "detail": "invalid key: " + PEM}
    assert "PRIVATE KEY" not in redact(problem)["detail"]


def test_non_strings_and_empty_values_are_left_alone() -> None:
    assert redact({"password": "", "secret": None, "plugins": {"key-auth": {}}}) == {
        "password": "", "secret": None, "plugins": {"key-auth": {}}}
    assert redact([1, "a", None, True]) == [1, "a", None, True]


def test_has_placeholder() -> None:
    assert has_placeholder({"a": [{"b": PLACEHOLDER}]})
    assert has_placeholder("x " + PLACEHOLDER)
    assert not has_placeholder({"a": ["REDACTED", 1, None]})


def test_round_trip_restores_stored_values_at_the_same_paths() -> None:
    stored = {"username": "jack", "plugins": copy.deepcopy(AUTH_PLUGINS)}
    body = redact(stored)
    body["desc"] = "new"
    restored = restore_placeholders(body, stored)
    assert restored["plugins"] == AUTH_PLUGINS and restored["desc"] == "new"
    assert not has_placeholder(restored)
    ssl = {"cert": "C", "keys": ["k1", "k2"]}
    assert restore_placeholders({"cert": "C2", "keys": [PLACEHOLDER, PLACEHOLDER]}, ssl)["keys"] == ["k1", "k2"]


@pytest.mark.parametrize("body, stored, path", [
    ({"plugins": {"key-auth": {"key": PLACEHOLDER}}}, None, "plugins.key-auth.key"),
    ({"plugins": {"key-auth": {"key": PLACEHOLDER}}}, {"plugins": {}}, "plugins.key-auth.key"),
    ({"keys": [PLACEHOLDER, PLACEHOLDER]}, {"keys": ["k1"]}, "keys[1]"),
    ({"desc": "x " + PLACEHOLDER}, {"desc": "x secret"}, "desc"),
    ({"password": PLACEHOLDER}, {"password": PLACEHOLDER}, "password"),
    (PLACEHOLDER, None, "body"),
])
def test_placeholder_without_stored_value_is_refused(body: object, stored: object, path: str) -> None:
    with pytest.raises(PlaceholderError) as info:
        restore_placeholders(body, stored)
    assert info.value.path == path and path in info.value.detail


def test_redact_at_sub_path_uses_the_context_of_the_full_resource() -> None:
    assert redact_at({"key": "ka-secret"}, "plugins/key-auth") == {"key": PLACEHOLDER}
    assert redact_at({"key-auth": {"key": "ka-secret"}}, "plugins") == {"key-auth": {"key": PLACEHOLDER}}
    assert redact_at(["GET"], "methods") == ["GET"]


@pytest.mark.parametrize("method, path, document", [
    ("GET", "/apisix/admin/plugins/basic-auth", True),
    ("GET", "/apisix/admin/plugins", True),
    ("GET", "/apisix/admin/plugins/list", True),
    ("GET", "/apisix/admin/schema/ssl", True),
    ("GET", "/apisix/admin/schema/plugins/key-auth", True),
    ("HEAD", "/apisix/admin/schema/route", True),
    ("GET", "/apisix/admin/plugin_metadata/http-logger", False),
    ("GET", "/apisix/admin/plugin_configs/1", False),
    ("GET", "/apisix/admin/consumers/jack", False),
    ("GET", "/apisix/admin/ssls/1", False),
    ("PUT", "/apisix/admin/plugins/reload", False),
    ("GET", "/audit/changes", False),
])
def test_schema_documents_are_told_from_stored_configuration(method: str, path: str, document: bool) -> None:
    assert is_schema_document(method, path) is document
