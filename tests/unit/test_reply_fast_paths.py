"""Reply fast paths: the secret scan never skips a body `redact` would change; one serialization."""

from __future__ import annotations

import json
from typing import Any, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apisix_gpt.bounds import bound_map, to_text
from apisix_gpt.jsonbody import JsonText, PassThroughJsonifier
from apisix_gpt.replies import list_reply, reply
from apisix_gpt.runtime import Runtime, _current
from apisix_gpt.safety.redaction import (
    ALWAYS,
    PLUGIN_FIELDS,
    SECRET_MANAGER_FIELDS,
    SSL_FIELDS,
    may_hold_secrets,
    redact,
)
from config.settings import Settings

PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----"
NAMES = sorted(ALWAYS | SSL_FIELDS | SECRET_MANAGER_FIELDS | {"cert", "snis", "uri", "prefix", "auth_config",
                                                              "plugins", "value", "name", "labels", "upstream"}
               | {n for fields in PLUGIN_FIELDS.values() for n in fields})
PLUGINS = sorted(PLUGIN_FIELDS) + ["limit-count", "proxy-rewrite"]
# Mostly non-empty strings: those are what redaction masks.
SCALARS = st.one_of(st.just("x"), st.sampled_from(
    ["x", "", PEM, "/apisix/ssls/1", "/apisix/secrets/vault/1", "/apisix/routes/1", "key-auth", None, 1]))


def bodies() -> st.SearchStrategy[Any]:
    def extend(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.one_of(st.lists(children, max_size=3),
                         st.dictionaries(st.sampled_from(NAMES), children, min_size=1, max_size=6),
                         st.dictionaries(st.sampled_from(PLUGINS), children, max_size=2).map(
                             lambda plugins: {"plugins": plugins}),
                         st.tuples(st.sampled_from(["/apisix/ssls/1", "/apisix/secrets/aws/1", "/apisix/routes/1"]),
                                   children).map(lambda kv: {"key": kv[0], "value": kv[1]}))
    return st.recursive(SCALARS, extend, max_leaves=12)


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=bodies())
def test_a_body_the_scan_clears_is_one_redact_leaves_unchanged(body: Any) -> None:
    if not may_hold_secrets(json.dumps(body)):
        assert redact(body) == body


def secret_bodies() -> Iterator[Any]:
    yield {"password": "p"}
    yield {"plugins": {"key-auth": {"key": "k"}}}
    yield {"plugins": {"csrf": {"key": "k"}}}
    yield {"cert": "c", "key": "k"}
    yield {"uri": "http://vault", "prefix": "kv", "token": "t"}
    yield {"key": "/apisix/ssls/1", "value": {"key": "k"}}
    yield {"key": "/apisix/secrets/vault/1", "value": {"token": "t"}}
    yield {"snis": ["a.example"], "key": "k"}
    yield {"sni": "a.example", "keys": ["k"]}
    yield {"auth_config": {"client_id": "c"}, "token": "t"}
    yield {"auth_file": "/etc/gcp.json"}
    yield {"list": [{"value": {"desc": PEM}}]}


@pytest.mark.parametrize("body", list(secret_bodies()))
def test_every_kind_of_secret_is_seen_by_the_scan(body: Any) -> None:
    assert redact(body) != body and may_hold_secrets(json.dumps(body))


def test_ordinary_route_bodies_skip_the_walk() -> None:
    route = {"key": "/apisix/routes/1", "value": {"uri": "/x", "plugins": {"limit-count": {"count": 1}},
                                                  "upstream": {"nodes": {"127.0.0.1:80": 1}}}}
    assert not may_hold_secrets(json.dumps(route))


@pytest.fixture
def runtime() -> Iterator[Runtime]:
    from apisix_gpt.admin_client import AdminClient
    rt = Runtime(Settings(max_response_chars=400), AdminClient("http://127.0.0.1:9", "", connect_timeout=1,
                                                              read_timeout=1))
    token = _current.set(rt)
    yield rt
    _current.reset(token)


def test_reply_sends_the_redacted_text_once_serialized(runtime: Runtime) -> None:
    secret = {"key": "/apisix/consumers/jack", "value": {"plugins": {"key-auth": {"key": "k"}}}}
    plain = {"key": "/apisix/routes/1", "value": {"uri": "/x"}}
    for body in (secret, plain):
        text, status, headers = reply(body, 201)
        assert isinstance(text, JsonText) and text == to_text(redact(body))
        assert (status, headers) == (201, {"Content-Type": "application/json"})
    assert reply(None)[0] is None
    assert PassThroughJsonifier().dumps(reply(plain)[0]) == to_text(plain)
    assert PassThroughJsonifier().dumps({"a": 1}) == '{"a": 1}\n'


def test_reply_bounds_what_does_not_fit(runtime: Runtime) -> None:
    text = reply({"key": "/apisix/protos/1", "value": {"content": "p" * 1000}})[0]
    assert len(text) <= 400 and "truncated" in text
    envelope = {"total": 9, "list": [{"key": f"/apisix/routes/{i}", "value": {"d": "x" * 100}} for i in range(9)],
                "page": 1, "page_size": 9, "next_page": None}
    bounded = json.loads(list_reply(envelope)[0])
    assert bounded["truncated"] is True and len(bounded["list"]) < 9


def test_catalogue_bound_omits_whole_entries_and_names_them() -> None:
    catalogue = {f"plugin-{n}": {"schema": {"properties": {"x": {"type": "string", "description": "d" * 300}}}}
                 for n in range(40)}
    bounded = bound_map(catalogue, 5_000)
    assert len(to_text(bounded)) <= 5_000
    kept = [name for name in bounded if name not in ("truncated", "omitted_keys")]
    assert bounded["truncated"] is True and kept + bounded["omitted_keys"] == list(catalogue)
    assert all(bounded[name] == catalogue[name] for name in kept)
    assert bound_map(catalogue, 10**6) is catalogue
