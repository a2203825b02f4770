"""Live safety checks: auth on every operation, viewer writes refused, read-only mode, no secret leaks."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import pytest
import requests

from apisix_gpt.safety.profiles import apply_profile, operations
from apisix_gpt.safety.redaction import PLACEHOLDER
from apisix_gpt.spec import read_spec
from config.settings import Settings
from sandbox import crypto
from tests.helpers.stack import Stack, start_stack

pytestmark = pytest.mark.live
from tests.helpers.procs import CERTS  # noqa: E402  (APISIX test certificates)
SSL_CERT, SSL_KEY = (CERTS / "63e4696c692b.crt.pem").read_text(), (CERTS / "b12f22a1cfd0.key.pem").read_text()
CLIENT_CERT, CLIENT_KEY = (CERTS / "1e53f9f517b5.crt.pem").read_text(), (CERTS / "3756c66fc58a.key.pem").read_text()
SECRETS = {"ka": "seed-keyauth-7f3a9c", "ba": "seed-basic-pw-2b8e", "jwt": "seed-jwt-secret-91c4",
           "hmac": "seed-hmac-secret-5d0e", "cred": "seed-credential-key-a7b2", "vault": "seed-vault-token-0c9f",
           "aws_id": "AKIASEED00000000", "aws_secret": "seed-aws-secret-6e1d"}
PATH_VALUES = {"route_id": "r1", "service_id": "sv1", "upstream_id": "u1", "username": "jack", "credential_id": "c1",
               "ssl_id": "s1", "global_rule_id": "g1", "plugin_config_id": "pc1", "consumer_group_id": "cg1",
               "stream_route_id": "sr1", "proto_id": "p1", "manager": "vault", "secret_id": "v1",
               "plugin_name": "key-auth", "schema_name": "route", "resource": "routes", "attribute_path": "desc"}
UPSTREAM = {"type": "roundrobin", "nodes": {"127.0.0.1:1980": 1}}
SEEDS: list[tuple[str, dict]] = [
    ("consumers", {"username": "jack", "plugins": {"key-auth": {"key": SECRETS["ka"]}}}),
    ("consumers", {"username": "rose", "plugins": {"basic-auth": {"username": "rose", "password": SECRETS["ba"]}}}),
    ("consumers", {"username": "mike", "plugins": {"jwt-auth": {"key": "mike-key", "secret": SECRETS["jwt"]}}}),
    ("consumers", {"username": "lily", "plugins": {"hmac-auth": {"key_id": "lily-id",
                                                                  "secret_key": SECRETS["hmac"]}}}),
    ("consumers/jack/credentials/c1", {"plugins": {"key-auth": {"key": SECRETS["cred"]}}}),
    ("ssls/s1", {"cert": SSL_CERT, "key": SSL_KEY, "snis": ["test.com"]}),
    ("upstreams/u1", {**UPSTREAM, "scheme": "https", "tls": {"client_cert": CLIENT_CERT, "client_key": CLIENT_KEY}}),
    ("secrets/vault/v1", {"uri": "http://127.0.0.1:8200", "prefix": "kv/apisix", "token": SECRETS["vault"]}),
    ("secrets/aws/a1", {"access_key_id": SECRETS["aws_id"], "secret_access_key": SECRETS["aws_secret"]}),
    ("routes/r1", {"uri": "/secure", "plugins": {"key-auth": {}, "basic-auth": {}}, "upstream_id": "u1"}),
    ("routes/r2", {"uri": "/inline", "upstream": {**UPSTREAM, "scheme": "https",
                                                   "tls": {"client_cert": CLIENT_CERT, "client_key": CLIENT_KEY}}}),
    ("services/sv1", {"plugins": {"jwt-auth": {}}, "upstream_id": "u1"}),
    ("global_rules/g1", {"plugins": {"prometheus": {}}}),
    ("plugin_configs/pc1", {"plugins": {"key-auth": {}}}),
    ("consumer_groups/cg1", {"plugins": {"limit-count": {"count": 5, "time_window": 60, "key": "remote_addr"}}}),
]
# Their bodies need a PEM matching the spec's pattern, which hypothesis spends seconds failing to build.
FUZZ_SKIP = {"createSsl", "putSsl"}
DUMP_COLLECTIONS = ("routes", "services", "upstreams", "consumers", "ssls", "global_rules", "plugin_configs",
                    "consumer_groups", "plugin_metadata", "protos", "secrets")


def pem_body_lines(pem: str) -> list[str]:
    return [line for line in pem.splitlines() if line and not line.startswith("-----")][1:4]


def forbidden_strings() -> set[str]:
    """Every seeded secret, its APISIX ciphertext, and distinctive lines of the private keys."""
    plain = set(SECRETS.values())
    cipher = {crypto.encrypt(value) for value in plain | {SSL_KEY, CLIENT_KEY}}
    return plain | cipher | set(pem_body_lines(SSL_KEY)) | set(pem_body_lines(CLIENT_KEY))


def seed(stack: Stack) -> None:
    admin = stack.sandbox.admin()
    for path, body in SEEDS:
        resp = admin.put(f"{stack.sandbox.admin_url}/apisix/admin/{path}", json=body, timeout=5)
        assert resp.status_code in (200, 201), (path, resp.status_code, resp.text)


def dump(stack: Stack) -> dict[str, Any]:
    """The sandbox's content as read directly with the admin key (timestamps included)."""
    admin, url = stack.sandbox.admin(), stack.sandbox.admin_url
    state = {name: admin.get(f"{url}/apisix/admin/{name}", timeout=5).json() for name in DUMP_COLLECTIONS}
    state["credentials"] = admin.get(f"{url}/apisix/admin/consumers/jack/credentials", timeout=5).json()
    return state


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: PATH_VALUES[m.group(1)], path)


ALL_OPS = list(operations(apply_profile(read_spec(), Settings(profile="full"))))
WRITES = [op for op in ALL_OPS if op.writes]
READS = [op for op in ALL_OPS if op.method == "GET"]


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    running = start_stack(tmp_path_factory.mktemp("safety"))
    seed(running)
    yield running
    running.stop()


def call(stack: Stack, method: str, path: str, token: str | None) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = None if method in ("GET", "DELETE") else {}
    return requests.request(method, stack.api_url + path, json=body, headers=headers, timeout=10)


@pytest.mark.parametrize("token", [None, "not-a-token"])
def test_every_operation_needs_a_token(stack: Stack, token: str | None) -> None:
    failures = []
    for op in ALL_OPS:
        resp = call(stack, op.method, concrete(op.path), token)
        if resp.status_code != 401 or resp.headers.get("www-authenticate") != 'Bearer realm="apisix-gpt"':
            failures.append((op.operation_id, resp.status_code))
    assert failures == []
    assert call(stack, "POST", "/mcp", None).status_code == 401


def test_viewer_cannot_write_and_nothing_changes(stack: Stack) -> None:
    before = dump(stack)
    refused = {op.operation_id: call(stack, op.method, concrete(op.path), stack.viewer_token).status_code
               for op in WRITES}
    assert set(refused.values()) == {403}, refused
    assert len(refused) >= 30
    assert dump(stack) == before
    ok = requests.post(stack.api_url + "/apisix/admin/schema/validate/routes", json={"uri": "/x", "upstream": UPSTREAM},
                       headers={"Authorization": f"Bearer {stack.viewer_token}"}, timeout=10)
    assert ok.status_code == 200


def test_no_get_operation_leaks_a_seeded_secret(stack: Stack) -> None:
    seed(stack)
    forbidden = forbidden_strings()
    statuses = {}
    for op in READS:
        resp = call(stack, "GET", concrete(op.path), stack.token)
        statuses[op.operation_id] = resp.status_code
        assert not {s for s in forbidden if s in resp.text}, op.operation_id
    ok = {op_id for op_id, status in statuses.items() if status == 200}
    assert {"getConsumer", "listConsumers", "getCredential", "getSsl", "listSsls", "getUpstream", "getSecret",
            "listSecrets", "getRoute", "listRoutes"} <= ok, statuses
    consumer = call(stack, "GET", "/apisix/admin/consumers/jack", stack.token).json()
    assert consumer["value"]["plugins"]["key-auth"]["key"] == PLACEHOLDER


def test_write_responses_and_audit_trail_do_not_leak(stack: Stack) -> None:
    headers = {"Authorization": f"Bearer {stack.token}"}
    body = {"username": "zed", "plugins": {"key-auth": {"key": "zed-fresh-secret-1234"}}}
    resp = requests.put(stack.api_url + "/apisix/admin/consumers/zed", json=body, headers=headers, timeout=10)
    assert resp.status_code == 201, resp.text
    assert "zed-fresh-secret-1234" not in resp.text and crypto.encrypt("zed-fresh-secret-1234") not in resp.text
    audit_text = Path(stack.env["APISIX_GPT_AUDIT_LOG"]).read_text()
    assert '"operation_id":"putConsumer"' in audit_text
    assert not {s for s in forbidden_strings() | {"zed-fresh-secret-1234"} if s in audit_text}
    changes = requests.get(stack.api_url + "/audit/changes", headers=headers, timeout=10).json()["changes"]
    assert changes[0]["path"] == "/apisix/admin/consumers/zed" and changes[0]["principal"] == "editor"


def test_placeholder_round_trip_keeps_the_stored_secret(stack: Stack) -> None:
    seed(stack)
    headers = {"Authorization": f"Bearer {stack.token}"}
    got = requests.get(stack.api_url + "/apisix/admin/consumers/jack", headers=headers, timeout=10).json()
    body = {"username": "jack", "desc": "edited by the model", "plugins": got["value"]["plugins"]}
    resp = requests.put(stack.api_url + "/apisix/admin/consumers/jack", json=body, headers=headers, timeout=10)
    assert resp.status_code == 200, resp.text
    stored = stack.sandbox.admin().get(f"{stack.sandbox.admin_url}/apisix/admin/consumers/jack", timeout=5).json()
    assert stored["value"]["plugins"]["key-auth"]["key"] == SECRETS["ka"]
    assert stored["value"]["desc"] == "edited by the model"
    fresh = {"username": "nobody", "plugins": {"key-auth": {"key": PLACEHOLDER}}}
    resp = requests.put(stack.api_url + "/apisix/admin/consumers/nobody", json=fresh, headers=headers, timeout=10)
    assert resp.status_code == 400 and "plugins.key-auth.key" in resp.json()["detail"]
    missing = stack.sandbox.admin().get(f"{stack.sandbox.admin_url}/apisix/admin/consumers/nobody", timeout=5)
    assert missing.status_code == 404


def test_schemathesis_calls_do_not_leak(stack: Stack) -> None:
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis.errors import Unsatisfiable

    seed(stack)
    forbidden = forbidden_strings()
    schema = schemathesis.openapi.from_dict(apply_profile(read_spec(), Settings(profile="full")))
    headers = {"Authorization": f"Bearer {stack.token}"}
    calls, unsatisfiable = 0, []
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.definition.raw.get("operationId") in FUZZ_SKIP:
            continue

        @settings(max_examples=2, phases=[Phase.generate], deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case: Any) -> None:
            nonlocal calls
            resp = case.call(base_url=stack.api_url, headers=headers, timeout=10)
            calls += 1
            assert resp.status_code < 500 or resp.status_code in (502, 503, 504), (case.path, resp.text[:300])
            assert not {s for s in forbidden if s in resp.text}, case.path
        try:
            check()
        except Unsatisfiable:  # hypothesis found no URL-safe value for some path parameter
            unsatisfiable.append(operation.label)
    assert len(unsatisfiable) <= 3, unsatisfiable
    assert calls >= len(ALL_OPS) - len(FUZZ_SKIP) - len(unsatisfiable)


def test_logs_never_contain_tokens_or_the_admin_key(stack: Stack) -> None:
    log = stack.api.log() if stack.api else ""
    assert "safety: profile 'full'" in log
    for secret in (stack.token, stack.viewer_token, stack.sandbox.admin_key):
        assert secret not in log


@pytest.fixture(scope="module")
def read_only_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    running = start_stack(tmp_path_factory.mktemp("readonly"), APISIX_GPT_READ_ONLY="true")
    seed(running)
    yield running
    running.stop()


def test_read_only_mode_serves_and_routes_no_writes(read_only_stack: Stack) -> None:
    stack = read_only_stack
    served = requests.get(stack.api_url + "/openapi.json", timeout=10).json()
    served_ops = list(operations(served))
    assert served_ops and all(not op.writes for op in served_ops)
    assert {op.operation_id for op in served_ops} >= {"listRoutes", "getConsumer", "validateSchema"}
    before = dump(stack)
    for op in WRITES:
        resp = call(stack, op.method, concrete(op.path), stack.token)
        assert resp.status_code in (404, 405), (op.operation_id, resp.status_code)
    assert dump(stack) == before
    assert call(stack, "GET", "/apisix/admin/routes/r1", stack.token).status_code == 200
