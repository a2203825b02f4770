"""Port of apisix/ssl.lua `validate` / `check_ssl_conf`: certificates and keys must parse."""

from __future__ import annotations

import re

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from sandbox import crypto
from sandbox.validation import schema_def
from sandbox.validation.jsonschema_lua import validate as schema_validate

_SECRET_URI = re.compile(r"^\$(secret|env|ENV)://")


def is_secret_uri(value: object) -> bool:
    """secret.check_secret_uri."""
    return isinstance(value, str) and _SECRET_URI.search(value) is not None


def _decrypt_pkey(key: str) -> str | None:
    """ssl.aes_decrypt_pkey: PEM passes through; anything else must decrypt with the keyring."""
    if key.startswith("---"):
        return key
    plain = crypto.decrypt(key)
    return None if plain == key else plain


def validate_pair(cert: str | None, key: str | None) -> str | None:
    """ssl.validate(cert, key): None when both parse."""
    try:
        x509.load_pem_x509_certificate((cert or "").encode())
    except (ValueError, TypeError):
        return "failed to parse cert: PEM_read_bio_X509_AUX() failed"
    if key is None:
        return None
    key = _decrypt_pkey(key)
    if key is None:
        return "failed to decrypt previous encrypted key"
    try:
        serialization.load_pem_private_key(key.encode(), password=None)
    except (ValueError, TypeError):
        return "failed to parse key: PEM_read_bio_PrivateKey() failed"
    return None


def check_ssl_conf(conf: dict) -> str | None:
    """ssl.check_ssl_conf(false, conf)."""
    err = schema_validate(schema_def.ssl, conf)
    if err is not None:
        return "invalid configuration: " + err
    if not is_secret_uri(conf.get("cert")) and not is_secret_uri(conf.get("key")):
        err = validate_pair(conf.get("cert"), conf.get("key"))
        if err is not None:
            return err
    if conf.get("type") == "client":
        return None
    certs, keys = conf.get("certs") or [], conf.get("keys") or []
    if len(certs) != len(keys):
        return "mismatched number of certs and keys"
    for i, (cert, key) in enumerate(zip(certs, keys), start=1):
        if is_secret_uri(cert) or is_secret_uri(key):
            continue
        err = validate_pair(cert, key)
        if err is not None:
            return f"failed to handle cert-key pair[{i}]: {err}"
    client = conf.get("client")
    if isinstance(client, dict):
        err = validate_pair(client.get("ca"), None)
        if err is not None:
            return "failed to validate client_cert: " + err
    return None
