"""Fidelity cases from apache/apisix `t/admin/ssl2.t`..`ssl5.t` and `ssls.t` (3.x copies, 3.18 envelopes)."""

from __future__ import annotations

import pytest

from tests.sandbox.test_fidelity4_common import lacks, probe, run4, value_keys
from tests.sandbox.test_fidelity_common import Step, box, cert, err, params, put

__all__ = ["box"]

CRT, KEY = cert("2f6e552db6b4.crt.pem"), cert("8c14756b5cc0.key.pem")  # t/certs/apisix.{crt,key}
BAD_CRT_SPACES = cert("9a2e35bbcaa5.crt.pem")  # ssl2.t TEST 6: truncated cert, trailing blanks
BAD_CRT = cert("4e0bc4ed8374.crt.pem")  # ssl2.t TEST 8
BAD_KEY = cert("1ea33e4cc5bf.key.pem")  # ssl2.t TEST 7 and 9
S1 = "/ssls/1"
# 3.14+ stores no schema defaults, so the old `"status": 1` is gone from every answer.
STORED = {"cert", "key", "sni", "id", "create_time", "update_time"}
SET_S1 = put(S1, {"cert": CRT, "key": KEY, "sni": "test.com"}, 201)


def ssl(**extra: object) -> dict:
    return {"cert": CRT, "key": KEY, **extra}


CASES: dict[str, list[Step]] = {
    # 3.x POST returns the generated id inside value too (etcd.push sets it).
    "ssl2.t TEST 1 not unwanted data, POST": [
        probe("POST", "/ssls", ssl(sni="not-unwanted-post.com"), 201, value_keys(STORED)),
        Step("POST", "/ssls", ssl(sni="not-unwanted-post.com"), 201,
             {"value": {"sni": "not-unwanted-post.com"}})],
    "ssl2.t TEST 2 not unwanted data, PUT": [
        probe("PUT", S1, ssl(sni="test.com"), 201, value_keys(STORED)),
        put(S1, ssl(sni="test.com"), 200, {"key": "/apisix/ssls/1", "value": {"id": "1", "sni": "test.com"}})],
    "ssl2.t TEST 3 not unwanted data, PATCH": [
        SET_S1, probe("PATCH", S1, ssl(sni="t.com"), 200, value_keys(STORED)),
        Step("PATCH", S1, ssl(sni="t.com"), 200, {"key": "/apisix/ssls/1", "value": {"sni": "t.com"}})],
    # 3.x GET drops the private key and answers no `action`/`node`.
    "ssl2.t TEST 4 not unwanted data, GET": [
        SET_S1, probe("GET", S1, None, 200, value_keys(STORED - {"key"})),
        Step("GET", S1, None, 200, {"key": "/apisix/ssls/1", "value": {"id": "1", "sni": "test.com"}})],
    "ssl2.t TEST 4 GET list hides keys": [
        SET_S1, probe("GET", "/ssls", None, 200,
                      lambda r: None if all("key" not in i["value"] for i in r.json()["list"]) else "key listed")],
    "ssl2.t TEST 5 not unwanted data, DELETE": [
        SET_S1, Step("DELETE", S1, None, 200, {"deleted": "1", "key": "/apisix/ssls/1"}, "exact")],
    "ssl2.t TEST 6 bad cert": [err("PUT", S1, {"cert": BAD_CRT_SPACES, "key": KEY, "sni": "test.com"}, 400,
                                   "failed to parse cert: PEM_read_bio_X509_AUX() failed")],
    "ssl2.t TEST 7 bad key": [err("PUT", S1, ssl(key=BAD_KEY, sni="test.com"), 400,
                                  "failed to parse key: PEM_read_bio_PrivateKey() failed")],
    "ssl2.t TEST 8 bad certs": [err("PUT", S1, ssl(sni="t.com", certs=[BAD_CRT], keys=[KEY]), 400,
                                    "failed to handle cert-key pair[1]: failed to parse cert: "
                                    "PEM_read_bio_X509_AUX() failed")],
    "ssl2.t TEST 9 bad keys": [err("PUT", S1, ssl(sni="t.com", certs=[CRT], keys=[BAD_KEY]), 400,
                                   "failed to handle cert-key pair[1]: failed to parse key: "
                                   "PEM_read_bio_PrivateKey() failed")],
    "ssl2.t TEST 10 empty snis": [err("PUT", S1, ssl(snis=[]), 400, 'invalid configuration: property "snis" '
                                      "validation failed: expect array to have at least 1 items")],
    "ssl2.t TEST 11 PATCH snis sub path": [
        put(S1, ssl(snis=["test.com"]), 201),
        Step("PATCH", f"{S1}/snis", ["update1.com", "update2.com"], 200, r'"snis":\["update1.com","update2.com"\]',
             "like")],
    "ssl4.t TEST 1 set ssl www.test.com": [put(S1, ssl(sni="www.test.com"), 201,
                                               {"value": {"sni": "www.test.com"}, "key": "/apisix/ssls/1"})],
    "ssl4.t TEST 1 key stored encrypted": [
        probe("PUT", S1, ssl(sni="www.test.com"), 201,
              lambda r: None if r.json()["value"]["key"] != KEY else "key echoed in clear")],
    "ssl4.t TEST 2 route": [put("/routes/1", {"upstream": {"nodes": {"127.0.0.1:1980": 1}, "type": "roundrobin"},
                                              "uri": "/hello"}, 201)],
    "ssl4.t TEST 7 remove": [put(S1, ssl(sni="www.test.com"), 201), Step("DELETE", S1, None, 200)],
    "ssl4.t TEST 11 long label": [put(S1, ssl(sni="www.test.com", labels={
        "secret": "js-design-test-bigdata-data-app-service-router-my-secret-number-123456"}), 201, {
        "value": {"sni": "www.test.com", "labels": {
            "secret": "js-design-test-bigdata-data-app-service-router-my-secret-number-123456"}},
        "key": "/apisix/ssls/1"})],
    "ssl5.t TEST 1 TLSv1.0 not supported": [err("PUT", S1, ssl(sni="test.com", ssl_protocols=["TLSv1.0", "TLSv1.2"]),
                                                400, 'invalid configuration: property "ssl_protocols" validation '
                                                "failed: failed to validate item 1: matches none of the enum values")],
    "ssl5.t TEST 1 second item": [err("PUT", S1, ssl(sni="test.com", ssl_protocols=["TLSv1.2", "TLSv1.0"]),
                                      400, 'invalid configuration: property "ssl_protocols" validation '
                                      "failed: failed to validate item 2: matches none of the enum values")],
    "ssl5.t TEST 2 ssl_protocols default null": [
        probe("PUT", S1, ssl(sni="test.com"), 201, lacks("ssl_protocols")),
        put(S1, ssl(sni="test.com", ssl_protocols=["TLSv1.2", "TLSv1.3"]), 200,
            {"value": {"ssl_protocols": ["TLSv1.2", "TLSv1.3"]}})],
    "ssls.t TEST 1 timestamps": [
        probe("PUT", S1, ssl(sni="test.com"), 201,
              lambda r: None if {"create_time", "update_time"} <= set(r.json()["value"]) else "no timestamps"),
        Step("GET", S1, None, 200, {"key": "/apisix/ssls/1", "value": {"sni": "test.com"}})],
}


@pytest.mark.parametrize("steps", params(CASES))
def test_ssl_files(box, steps: list[Step]) -> None:
    run4(box, steps)
