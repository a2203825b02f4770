"""SSL checks with APISIX's exact texts: sni rules, cert and key parsing, cert-key pairs."""

from __future__ import annotations

from tests.helpers.procs import CERTS  # APISIX test certificates
from tests.sandbox.validation.resource_check import error_of


def _read(name: str) -> str:
    return (CERTS / name).read_text()


def test_ssl_certificates() -> None:
    good = {"cert": _read("2f6e552db6b4.crt.pem"), "key": _read("8c14756b5cc0.key.pem"),
            "snis": ["test.com"]}
    assert error_of("ssls", good) is None
    single = {"cert": good["cert"], "key": good["key"], "sni": "test.com"}
    assert error_of("ssls", single) is None
    no_sni = {"cert": good["cert"], "key": good["key"]}
    assert error_of("ssls", no_sni) == "invalid configuration: then clause did not match"
    client = {"type": "client", **no_sni}
    assert error_of("ssls", client) is None
    bad_cert = {**good, "cert": _read("9a2e35bbcaa5.crt.pem")}
    assert error_of("ssls", bad_cert) == "failed to parse cert: PEM_read_bio_X509_AUX() failed"
    bad_key = {**good, "key": _read("1ea33e4cc5bf.key.pem")}
    assert error_of("ssls", bad_key) == "failed to parse key: PEM_read_bio_PrivateKey() failed"
    pair = {**good, "certs": [good["cert"]], "keys": [_read("1ea33e4cc5bf.key.pem")]}
    assert error_of("ssls", pair) == \
        "failed to handle cert-key pair[1]: failed to parse key: PEM_read_bio_PrivateKey() failed"
    assert error_of("ssls", {**good, "certs": [good["cert"]]}) == \
        "mismatched number of certs and keys"
