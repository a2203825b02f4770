"""Field encryption at rest, decrypted GETs, SSL key stripping, credentials, duplicate auth keys."""

from __future__ import annotations

from sandbox import crypto
from tests.sandbox.admin_data import ROUTE, cert_pair, error, expect

KEY_AUTH = {"key-auth": {"key": "auth-one"}}
CIPHER = "4y+JvURBE6ZwRbbgaryrhg=="


def test_crypto_matches_apisix_default_keyring():
    assert crypto.encrypt("auth-one") == CIPHER
    assert crypto.decrypt(CIPHER) == "auth-one"
    assert crypto.decrypt("not-encrypted") == "not-encrypted"


def test_consumer_key_encrypted_in_put_plain_on_get(admin):
    body = expect(admin.put("/consumers", json={"username": "jack", "plugins": KEY_AUTH}), 201)
    assert body["value"]["plugins"]["key-auth"]["key"] == CIPHER
    one = expect(admin.get("/consumers/jack"), 200)
    assert one["value"]["plugins"]["key-auth"]["key"] == "auth-one"
    listed = expect(admin.get("/consumers"), 200)
    assert listed["list"][0]["value"]["plugins"]["key-auth"]["key"] == "auth-one"


def test_route_plugins_encrypted_too(admin):
    route = {**ROUTE, "plugins": {"basic-auth": {}, "key-auth": {}}}
    expect(admin.put("/routes/1", json=route), 201)
    cred = {"plugins": {"basic-auth": {"username": "u", "password": "p"}}}
    expect(admin.put("/consumers", json={"username": "jack"}), 201)
    body = expect(admin.put("/consumers/jack/credentials/c1", json=cred), 201)
    assert body["value"]["plugins"]["basic-auth"]["password"] == crypto.encrypt("p")


def test_ssl_key_encrypted_and_stripped(admin):
    cert, key = cert_pair()
    body = expect(admin.put("/ssls/1", json={"cert": cert, "key": key, "sni": "test.com"}), 201)
    assert body["value"]["key"] == crypto.encrypt(key)
    one = expect(admin.get("/ssls/1"), 200)
    assert "key" not in one["value"] and one["value"]["cert"] == cert
    listed = expect(admin.get("/ssls"), 200)
    assert "key" not in listed["list"][0]["value"]
    patched = expect(admin.patch("/ssls/1", json={"sni": "www.test.com"}), 200)
    assert patched["value"]["key"] == crypto.encrypt(key)


def test_credentials_crud(admin):
    cred = {"plugins": {"key-auth": {"key": "k1"}}}
    error(admin.put("/consumers/ghost/credentials/c1", json=cred), 404, "consumer not found")
    expect(admin.put("/consumers", json={"username": "jack"}), 201)
    expect(admin.get("/consumers/jack/credentials"), 404, {"message": "Key not found"})
    body = expect(admin.put("/consumers/jack/credentials/c1", json=cred), 201)
    assert body["key"] == "/apisix/consumers/jack/credentials/c1"
    assert body["value"]["id"] == "c1"
    listed = expect(admin.get("/consumers/jack/credentials"), 200)
    assert listed["total"] == 1
    assert listed["list"][0]["value"]["plugins"]["key-auth"]["key"] == "k1"
    error(admin.put("/consumers/jack/credentials", json=cred), 400, "missing credential id")
    error(admin.post("/consumers/jack/credentials", json=cred), 405,
          "not supported `POST` method for credential")


def test_deleting_consumer_deletes_credentials(admin):
    expect(admin.put("/consumers", json={"username": "jack"}), 201)
    expect(admin.put("/consumers/jack/credentials/c1", json={"plugins": {"key-auth": {"key": "k"}}}), 201)
    expect(admin.delete("/consumers/jack"), 200, {"deleted": "1", "key": "/apisix/consumers/jack"})
    expect(admin.get("/consumers/jack/credentials/c1"), 404, {"message": "Key not found"})


def test_duplicate_auth_key_rejected(admin):
    expect(admin.put("/consumers", json={"username": "bob", "plugins": KEY_AUTH}), 201)
    error(admin.put("/consumers", json={"username": "jack", "plugins": KEY_AUTH}), 400,
          "duplicate key of plugin key-auth found with consumer: bob")
    cred = {"plugins": {"key-auth": {"key": "auth-one"}}}
    expect(admin.put("/consumers", json={"username": "jack"}), 201)
    error(admin.put("/consumers/jack/credentials/c1", json=cred), 400,
          "duplicate key of plugin key-auth found with consumer: bob")
    expect(admin.put("/consumers", json={"username": "bob", "plugins": KEY_AUTH}), 200)
