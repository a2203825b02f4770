"""AES-128-CBC as APISIX's data_encryption keyring does it (key = IV, PKCS7, base64), and SSL key encryption.

Which plugin fields get encrypted is `sandbox/plugin_crypto.py`'s business; this module knows no plugin.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from sandbox.settings import DEFAULT_KEYRING

_state: dict[str, Any] = {"keyring": DEFAULT_KEYRING, "enabled": True}


def configure(keyring: tuple[str, ...] = DEFAULT_KEYRING, enabled: bool = True) -> None:
    """Set the keyring (first entry encrypts, all entries are tried to decrypt) and the on/off switch."""
    _state["keyring"] = tuple(keyring)
    _state["enabled"] = enabled


def enabled() -> bool:
    """data_encryption.enable_encrypt_fields: whether plugin fields are encrypted at all."""
    return bool(_state["enabled"])


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
