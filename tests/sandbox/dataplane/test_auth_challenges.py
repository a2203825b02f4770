"""key-auth and basic-auth 401 answers: the message and the WWW-Authenticate challenge."""

from __future__ import annotations

import base64

from tests.sandbox.dataplane.conftest import Gateway
from tests.sandbox.dataplane.harness import encrypt


def _basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def test_key_auth_challenge(gw: Gateway) -> None:
    gw.hx.put("consumers", "tom", {"username": "tom",
                                   "plugins": {"key-auth": {"key": encrypt("key-tom")}}})
    gw.route("k", "/k/*", {"key-auth": {}})
    missing = gw.send("GET", "/k/a")
    assert missing.status == 401 and missing.body == b'{"message":"Missing API key in request"}\n'
    assert missing.headers["WWW-Authenticate"] == 'apikey realm="key"'
    wrong = gw.send("GET", "/k/a", {"apikey": "nope"})
    assert wrong.body == b'{"message":"Invalid API key in request"}\n'
    assert gw.send("GET", "/k/a", {"apikey": "key-tom"}).status == 200


def test_basic_auth_challenge_quotes_the_realm_with_double_quotes(gw: Gateway) -> None:
    gw.hx.put("consumers", "bob", {"username": "bob", "plugins": {
        "basic-auth": {"username": "bob", "password": encrypt("secret")}}})
    gw.route("b", "/b/*", {"basic-auth": {"realm": "team"}})
    for headers, message in [({}, "Missing authorization in request"),
                             ({"Authorization": "Bearer x"}, "Invalid authorization in request"),
                             ({"Authorization": "Basic !!!"}, "Invalid authorization in request"),
                             (_basic("bob", "wrong"), "Invalid user authorization")]:
        reply = gw.send("GET", "/b/a", headers)
        assert reply.status == 401
        assert reply.body == ('{"message":"%s"}\n' % message).encode()
        assert reply.headers["WWW-Authenticate"] == 'Basic realm="team"'
    assert gw.send("GET", "/b/a", _basic("bob", "secret")).status == 200


def test_hidden_query_key_leaves_the_other_arguments_encoded_like_nginx(gw: Gateway) -> None:
    gw.hx.put("consumers", "tom", {"username": "tom",
                                   "plugins": {"key-auth": {"key": encrypt("key-tom")}}})
    gw.route("k", "/k/*", {"key-auth": {"hide_credentials": True}})
    seen = gw.send("GET", "/k/a?apikey=key-tom&q=a+b&z=%7e&flag").echo
    assert seen["query"] == "q=a%20b&z=~&flag"
