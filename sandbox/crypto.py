"""AES-128-CBC field encryption as APISIX's data_encryption keyring does it (key = IV, PKCS7, base64)."""

from __future__ import annotations

import base64
import binascii
import copy
from typing import Any, Callable

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from sandbox.settings import DEFAULT_KEYRING

TYPE_CONSUMER, TYPE_METADATA = 1, 2  # core.schema.TYPE_* (schema_def)
_state: dict[str, Any] = {"keyring": DEFAULT_KEYRING, "enabled": True}


def configure(keyring: tuple[str, ...] = DEFAULT_KEYRING, enabled: bool = True) -> None:
    """Set the keyring (first entry encrypts, all entries are tried to decrypt) and the on/off switch."""
    _state["keyring"] = tuple(keyring)
    _state["enabled"] = enabled


def _cipher(key: str) -> Cipher:
    raw = key.encode()[:16].ljust(16, b"\0")
    return Cipher(algorithms.AES(raw), modes.CBC(raw))


def encrypt(value: str) -> str:
    """Encrypt with the first keyring entry; the result is base64 text."""
    padder = padding.PKCS7(128).padder()
    data = padder.update(value.encode()) + padder.finalize()
    enc = _cipher(_state["keyring"][0]).encryptor()
    return base64.b64encode(enc.update(data) + enc.finalize()).decode()


def _try_decrypt(value: str, key: str) -> str | None:
    try:
        raw = base64.b64decode(value, validate=True)
        dec = _cipher(key).decryptor()
        data = dec.update(raw) + dec.finalize()
        unpadder = padding.PKCS7(128).unpadder()
        return (unpadder.update(data) + unpadder.finalize()).decode()
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None


def decrypt(value: str) -> str:
    """Decrypt with each keyring entry in turn; APISIX keeps the value as is when none works."""
    if not value:
        return value
    for key in _state["keyring"]:
        plain = _try_decrypt(value, key)
        if plain is not None:
            return plain
    return value


ANY_TYPE = -1  # decrypt callers that do not say where the conf came from: try every schema's fields


def _fields(name: str, schema_type: int | None) -> tuple[str, ...]:
    from sandbox.validation import encrypt_fields  # late: validation imports nothing of ours

    if schema_type == ANY_TYPE:
        both = encrypt_fields(name, None) + encrypt_fields(name, TYPE_CONSUMER)
        return tuple(dict.fromkeys(both))
    return tuple(encrypt_fields(name, schema_type))


def _map_leaf(value: Any, func: Callable[[str], str]) -> Any:
    """A leaf is a string, an array of strings or a map of strings (plugin.lua process_encrypt_field)."""
    if isinstance(value, str):
        return func(value)
    if isinstance(value, list):
        return [func(v) if isinstance(v, str) else v for v in value]
    if isinstance(value, dict):
        return {k: func(v) if isinstance(v, str) else v for k, v in value.items()}
    return value


def _apply(conf: Any, path: list[str], func: Callable[[str], str]) -> None:
    """Walk a dotted path; arrays met on the way are walked element by element."""
    if isinstance(conf, list):
        for item in conf:
            _apply(item, path, func)
        return
    if not isinstance(conf, dict):
        return
    head = path[0]
    if len(path) > 1:
        if isinstance(conf.get(head), (dict, list)):
            _apply(conf[head], path[1:], func)
    elif conf.get(head) is not None:
        conf[head] = _map_leaf(conf[head], func)


def _transform(plugins: Any, func: Callable[[str], str], schema_type: int | None) -> Any:
    if not isinstance(plugins, dict) or not _state["enabled"]:
        return copy.deepcopy(plugins)
    out = copy.deepcopy(plugins)
    for name, conf in out.items():
        if isinstance(conf, dict):
            for field in _fields(name, schema_type):
                _apply(conf, field.split("."), func)
    return out


def encrypt_plugin_fields(plugins: dict, schema_type: int | None = None) -> dict:
    """A copy of `plugins` with each plugin's `encrypt_fields` (for that schema type) encrypted."""
    return _transform(plugins, encrypt, schema_type)


def decrypt_plugin_fields(plugins: dict, schema_type: int | None = ANY_TYPE) -> dict:
    """A copy of `plugins` with each plugin's `encrypt_fields` decrypted (undecryptable values kept)."""
    return _transform(plugins, decrypt, schema_type)


def encrypt_pkey(value: Any) -> Any:
    """SSL private keys: only PEM text (starting with `---`) is encrypted, as apisix/ssl.lua does."""
    if isinstance(value, str) and value.startswith("---"):
        return encrypt(value)
    return value


def decrypt_pkey(value: Any) -> Any:
    """Inverse of `encrypt_pkey`: PEM text is returned unchanged."""
    if isinstance(value, str) and not value.startswith("---"):
        return decrypt(value)
    return value
