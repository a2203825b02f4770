"""The Lua check_schema rules beyond the schema, for catalogued plugins without a port (extras.py)."""

from __future__ import annotations

from tests.sandbox.admin_data import ROUTE, error, expect, needs_catalogue

pytestmark = needs_catalogue
PREFIX = "failed to check the configuration of plugin"


def route(plugins: dict) -> dict:
    return {**ROUTE, "plugins": plugins}


def test_multi_auth_entries_must_be_valid_auth_plugins(admin):
    ok = {"auth_plugins": [{"key-auth": {}}, {"basic-auth": {}}]}
    expect(admin.put("/routes/1", json=route({"multi-auth": ok})), 201)
    error(admin.put("/routes/1", json=route({"multi-auth": {"auth_plugins": [{"key-auth": {}}, {"cors": {}}]}})),
          400, f"{PREFIX} multi-auth err: cors plugin is not supported")
    error(admin.put("/routes/1", json=route({"multi-auth": {"auth_plugins": [{"key-auth": {}}, {"nope": {}}]}})),
          400, f"{PREFIX} multi-auth err: nope plugin did not found")
    bad = {"auth_plugins": [{"key-auth": {"header": 1}}, {"basic-auth": {}}]}
    error(admin.put("/routes/1", json=route({"multi-auth": bad})), 400,
          f'{PREFIX} multi-auth err: plugin key-auth check schema failed: property "header" validation failed: '
          'wrong type: expected string, got number')


def test_mocking_content_type_must_be_supported(admin):
    expect(admin.put("/routes/1", json=route({"mocking": {"response_example": "x",
                                                          "content_type": "text/plain;charset=utf8"}})), 201)
    error(admin.put("/routes/1", json=route({"mocking": {"response_example": "x", "content_type": "image/png"}})),
          400, f"{PREFIX} mocking err: unsupported content type!")


def test_workflow_actions_are_checked(admin):
    rules = {"rules": [{"case": [["uri", "==", "/hello"]], "actions": [["return", {"code": 403}]]}]}
    expect(admin.put("/routes/1", json=route({"workflow": rules})), 201)
    error(admin.put("/routes/1", json=route({"workflow": {"rules": [{"actions": [["fly", {}]]}]}})), 400,
          f"{PREFIX} workflow err: unsupported action: fly")
    error(admin.put("/routes/1", json=route({"workflow": {"rules": [{"actions": [["return", {}]]}]}})), 400,
          f"""{PREFIX} workflow err: failed to validate the 'return' action: property "code" is required""")
    grouped = [["limit-count", {"count": 1, "time_window": 1, "group": "g"}]]
    error(admin.put("/routes/1", json=route({"workflow": {"rules": [{"actions": grouped}]}})), 400,
          f"{PREFIX} workflow err: failed to validate the 'limit-count' action: group is not supported")


def test_ldap_auth_advanced_option_pairs(admin):
    base = {"ldap_uri": "ldap://127.0.0.1:389", "base_dn": "ou=users,dc=example,dc=org"}
    error(admin.put("/routes/1", json=route({"ldap-auth-advanced": {**base, "use_ldaps": True,
                                                                     "use_starttls": True}})), 400,
          f"{PREFIX} ldap-auth-advanced err: use_ldaps and use_starttls are mutually exclusive")


def test_openid_connect_session_and_client_secret(admin):
    base = {"client_id": "c", "discovery": "https://idp.example.com/.well-known/openid-configuration"}
    error(admin.put("/routes/1", json=route({"openid-connect": base})), 400,
          f'{PREFIX} openid-connect err: property "session.secret" is required when "bearer_only" is false')
    error(admin.put("/routes/1", json=route({"openid-connect": {**base, "bearer_only": True}})), 400,
          f'{PREFIX} openid-connect err: property "client_secret" is required')
    expect(admin.put("/routes/1", json=route({"openid-connect": {**base, "bearer_only": True,
                                                                 "client_secret": "s"}})), 201)
    error(admin.put("/routes/1", json=route({"openid-connect": {**base, "bearer_only": True, "client_secret": "s",
                                                                "use_dpop": True}})), 400,
          f'{PREFIX} openid-connect err: property "use_dpop" is not allowed, use "dpop.enabled" instead')


def test_ai_proxy_provider_requirements(admin):
    conf = {"provider": "bedrock", "auth": {"header": {"x": "y"}}}
    error(admin.put("/routes/1", json=route({"ai-proxy": conf})), 400,
          f"{PREFIX} ai-proxy err: bedrock requires provider_conf.region")
