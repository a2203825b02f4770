"""consumer.lua check_duplicate_key (3.18): an auth key owned by another consumer or credential is refused."""

from __future__ import annotations

from tests.sandbox.admin_data import error, expect, needs_catalogue

pytestmark = needs_catalogue


def test_consumer_with_another_consumers_key_auth_key(admin):
    expect(admin.put("/consumers", json={"username": "case_a", "plugins": {"key-auth": {"key": "k1"}}}), 201)
    error(admin.put("/consumers", json={"username": "case_b", "plugins": {"key-auth": {"key": "k1"}}}), 400,
          "duplicate key of plugin key-auth found with consumer: case_a")
    # the owner itself may write it again
    expect(admin.put("/consumers", json={"username": "case_a", "plugins": {"key-auth": {"key": "k1"}}}), 200)


def test_basic_auth_username_and_hmac_key_id_are_the_unique_attributes(admin):
    expect(admin.put("/consumers", json={"username": "tom_1", "plugins": {
        "basic-auth": {"username": "tom", "password": "p"}, "hmac-auth": {"key_id": "kid", "secret_key": "s"}}}), 201)
    error(admin.put("/consumers", json={"username": "tom_2", "plugins": {
        "basic-auth": {"username": "tom", "password": "other"}}}), 400,
        "duplicate username of plugin basic-auth found with consumer: tom_1")
    expect(admin.put("/consumers", json={"username": "jack"}), 201)
    error(admin.put("/consumers/jack/credentials/c1", json={"plugins": {"hmac-auth": {
        "key_id": "kid", "secret_key": "x"}}}), 400, "duplicate key_id of plugin hmac-auth found with consumer: tom_1")


def test_credential_owner_is_named_with_its_consumer(admin):
    expect(admin.put("/consumers", json={"username": "jack"}), 201)
    expect(admin.put("/consumers/jack/credentials/c1", json={"plugins": {"jwt-auth": {"key": "jk", "secret": "s"}}}), 201)
    expect(admin.put("/consumers", json={"username": "rose"}), 201)
    error(admin.put("/consumers/rose/credentials/c1", json={"plugins": {"jwt-auth": {"key": "jk", "secret": "s"}}}),
          400, "duplicate key of plugin jwt-auth found with credential: c1 of consumer: jack")
    # checked before the consumer's existence, as credentials.lua's check_conf runs first
    error(admin.put("/consumers/nobody/credentials/c1", json={"plugins": {"jwt-auth": {"key": "jk", "secret": "s"}}}),
          400, "duplicate key of plugin jwt-auth found with credential: c1 of consumer: jack")
    # the credential itself may be rewritten
    expect(admin.put("/consumers/jack/credentials/c1", json={"plugins": {"jwt-auth": {"key": "jk", "secret": "t"}}}), 200)


def test_ldap_user_dn_counts_and_secret_references_are_skipped(admin):
    expect(admin.put("/consumers", json={"username": "jack", "plugins": {"ldap-auth-advanced": {"user_dn": "a"}}}), 201)
    error(admin.put("/consumers/jack/credentials/c1", json={"plugins": {"ldap-auth-advanced": {"user_dn": "a"}}}), 400,
          "duplicate user_dn of plugin ldap-auth-advanced found with consumer: jack")
    ref = {"key-auth": {"key": "$env://SHARED"}}
    expect(admin.put("/consumers", json={"username": "one", "plugins": ref}), 201)
    expect(admin.put("/consumers", json={"username": "two", "plugins": ref}), 201)


def test_credentials_t_sibling_and_own_consumer_keys(admin):
    """t/admin/credentials.t TEST 17-24 (3.18)."""
    expect(admin.put("/consumers", json={"username": "alex"}), 201)
    expect(admin.put("/consumers", json={"username": "bob", "plugins": {"key-auth": {"key": "the-key-of-bob"}}}), 201)
    alex_key = {"plugins": {"key-auth": {"key": "the-key-of-alex"}}}
    bob_key = {"plugins": {"key-auth": {"key": "the-key-of-bob"}}}
    expect(admin.put("/consumers/alex/credentials/cred-alex-a", json=alex_key), 201)
    owned_by_alex = "duplicate key of plugin key-auth found with credential: cred-alex-a of consumer: alex"
    error(admin.put("/consumers/bob/credentials/cred-bob-a", json=alex_key), 400, owned_by_alex)
    error(admin.put("/consumers/alex/credentials/cred-alex-b", json=bob_key), 400,
          "duplicate key of plugin key-auth found with consumer: bob")
    error(admin.put("/consumers", json={"username": "carol", **alex_key}), 400, owned_by_alex)
    expect(admin.put("/consumers/alex/credentials/cred-alex-a", json=alex_key), 200)
    error(admin.put("/consumers/alex/credentials/cred-alex-c", json=alex_key), 400, owned_by_alex)
    error(admin.put("/consumers/bob/credentials/cred-bob-b", json=bob_key), 400,
          "duplicate key of plugin key-auth found with consumer: bob")
    # a consumer does not conflict with its own credentials
    expect(admin.put("/consumers", json={"username": "alex", **alex_key}), 200)
