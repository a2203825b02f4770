"""Each plugin's `encrypt_fields`, per schema, as APISIX 3.18.0 declares them in its plugin sources.

Read from apache/apisix at commit f519a0f04 (the 3.18.0 tag the recorded catalogue comes from):
`encrypt_fields = {...}` in apisix/plugins/*.lua (and `plugin.schema.encrypt_fields = ...` where a
plugin sets them after the table). The catalogue loader puts them on the schema they belong to, the
way plugin.lua reads them (get_plugin_schema_for_gde), so encryption at rest follows the schema type.
"""

from __future__ import annotations

SOURCE_COMMIT = "f519a0f04"

# plugin -> {"schema" | "consumer_schema" | "metadata_schema": fields}
ENCRYPT_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "ai-aliyun-content-moderation": {"schema": ("access_key_secret",)},
    "ai-aws-content-moderation": {"schema": ("comprehend.secret_access_key",)},
    "ai-cache": {"schema": ("redis_password", "semantic.embedding.openai.api_key",
                            "semantic.embedding.azure_openai.api_key")},
    "ai-lakera-guard": {"schema": ("api_key",)},
    "ai-proxy": {"schema": ("auth.header", "auth.query", "auth.gcp.service_account_json",
                            "auth.aws.secret_access_key", "auth.aws.session_token")},
    "ai-proxy-multi": {"schema": ("instances.auth.header", "instances.auth.query",
                                  "instances.auth.gcp.service_account_json",
                                  "instances.auth.aws.secret_access_key",
                                  "instances.auth.aws.session_token",
                                  "semantic_opts.embeddings.auth.header",
                                  "semantic_opts.embeddings.auth.query")},
    "ai-rag": {"schema": ("embeddings_provider.azure_openai.api_key",
                          "vector_search_provider.azure_ai_search.api_key")},
    "ai-rate-limiting": {"schema": ("redis_password", "sentinel_password")},
    "authz-casdoor": {"schema": ("client_secret",)},
    "authz-keycloak": {"schema": ("client_secret",)},
    "aws-lambda": {"schema": ("authorization.apikey", "authorization.iam.accesskey",
                              "authorization.iam.secretkey")},
    "azure-functions": {"schema": ("authorization.apikey",), "metadata_schema": ("master_apikey",)},
    "basic-auth": {"consumer_schema": ("password",)},
    "cas-auth": {"schema": ("cookie.secret",)},
    "clickhouse-logger": {"schema": ("password",)},
    "csrf": {"schema": ("key",)},
    "dingtalk-auth": {"schema": ("app_secret", "secret", "secret_fallbacks")},
    "elasticsearch-logger": {"schema": ("auth.password", "headers")},
    "error-log-logger": {"metadata_schema": ("clickhouse.password",
                                             "kafka.brokers.sasl_config.password")},
    "feishu-auth": {"schema": ("app_secret", "secret", "secret_fallbacks")},
    "google-cloud-logging": {"schema": ("auth_config.private_key",)},
    # limit-count's list plus the one graphql-limit-count inserts
    "graphql-limit-count": {"schema": ("redis_password", "sentinel_password",
                                       "introspection_headers")},
    "hmac-auth": {"consumer_schema": ("secret_key",)},
    "http-logger": {"schema": ("auth_header",)},
    "jwe-decrypt": {"consumer_schema": ("key", "secret")},
    "jwt-auth": {"consumer_schema": ("secret",)},
    "kafka-logger": {"schema": ("brokers.sasl_config.password",)},
    "kafka-proxy": {"schema": ("sasl.password",)},
    "key-auth": {"consumer_schema": ("key",)},
    "lago": {"schema": ("token",)},
    "ldap-auth-advanced": {"schema": ("ldap_password",)},
    "limit-conn": {"schema": ("redis_password",)},
    "limit-count": {"schema": ("redis_password", "sentinel_password")},
    "limit-req": {"schema": ("redis_password",)},
    "loggly": {"schema": ("customer_token",)},
    "loki-logger": {"schema": ("headers",)},
    "openfunction": {"schema": ("authorization.service_token",)},
    "openid-connect": {"schema": ("client_secret", "client_rsa_private_key", "dpop.private_key",
                                  "session.secret", "session.redis.password")},
    "openwhisk": {"schema": ("service_token",)},
    "rocketmq-logger": {"schema": ("secret_key",)},
    "saml-auth": {"schema": ("sp_private_key", "secret", "secret_fallbacks")},
    "sls-logger": {"schema": ("access_key_secret",)},
    "splunk-hec-logging": {"schema": ("endpoint.token",)},
    "tencent-cloud-cls": {"schema": ("secret_key",)},
}
