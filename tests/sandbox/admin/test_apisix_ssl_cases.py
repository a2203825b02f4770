"""SSL writes as APISIX's own tests expect them: apache/apisix `t/admin/ssl.t`, `ssl2.t`..`ssl5.t` and `ssls.t`
(3.x versions, 3.18 rules and envelopes); certificates from t/certs.
"""

from __future__ import annotations

import pytest
import requests

from tests.sandbox.apisix_t_cases import (
    Step,
    cert,
    err,
    lacks,
    like,
    params,
    probe,
    put,
    run_case,
    run_probes,
    value_keys,
)

CRT, KEY = cert("2f6e552db6b4.crt.pem"), cert("8c14756b5cc0.key.pem")  # t/certs/apisix.{crt,key}
ECC_CRT, ECC_KEY = cert("63e4696c692b.crt.pem"), cert("b12f22a1cfd0.key.pem")  # t/certs/apisix_ecc.*
S1 = "/ssls/1"
THEN = "invalid configuration: then clause did not match"


def ssl(**extra: object) -> dict:
    return {"cert": CRT, "key": KEY, **extra}


SSL_T_CASES: dict[str, list[Step]] = {
    "ssl.t TEST 1": [put(S1, ssl(sni="test.com"), 201, {"value": {"sni": "test.com"}, "key": "/apisix/ssls/1"})],
    "ssl.t TEST 3": [put(S1, ssl(sni="test.com")), Step("DELETE", S1, None, 200,
                                                        {"deleted": "1", "key": "/apisix/ssls/1"}, "exact")],
    "ssl.t TEST 4": [Step("DELETE", "/ssls/99999999999999", None, 404, {"message": "Key not found"}, "exact")],
    "ssl.t TEST 5": [Step("POST", "/ssls", ssl(sni="foo.com"), 201, {"value": {"sni": "foo.com"}})],
    "ssl.t TEST 6": [err("PUT", S1, {"sni": "foo.com"}, 400, THEN)],
    "ssl.t TEST 7": [put(S1, ssl(sni="*.foo.com"), 201, {"value": {"sni": "*.foo.com"}, "key": "/apisix/ssls/1"})],
    "ssl.t TEST 8": [put(S1, ssl(snis=["*.foo.com", "bar.com"]), 201,
                         {"value": {"snis": ["*.foo.com", "bar.com"]}, "key": "/apisix/ssls/1"})],
    # `exptime` was removed from the ssl schema in 3.7.
    "ssl.t TEST 9": [err("PUT", S1, ssl(sni="bar.com", exptime=1619798400), 400,
                         "invalid configuration: additional properties forbidden, found exptime")],
    "ssl.t TEST 10-11": [put("/ssls/a-b-c-ABC_0123", ssl(sni="test.com"), 201),
                         Step("DELETE", "/ssls/a-b-c-ABC_0123", None, 200)],
    "ssl.t TEST 12": [put("/ssls/*invalid", ssl(sni="test.com"), 400)],
    "ssl.t TEST 13": [put(S1, ssl(sni="test.com", certs=[ECC_CRT], keys=[ECC_KEY]), 201,
                          {"value": {"sni": "test.com"}, "key": "/apisix/ssls/1"})],
    "ssl.t TEST 14": [err("PUT", S1, {"sni": "test.com", "certs": [ECC_CRT], "keys": {}}, 400, THEN)],
    "ssl.t TEST 15": [put(S1, ssl(sni="test.com", labels={"version": "v2", "build": "16", "env": "production"}),
                          201, {"value": {"sni": "test.com", "labels": {"version": "v2", "build": "16",
                                                                        "env": "production"}}})],
    "ssl.t TEST 16": [err("PUT", S1, ssl(sni="test.com", labels={"env": ["production", "release"]}), 400,
                          'invalid configuration: property "labels" validation failed: failed to validate env '
                          '(matching ".*"): wrong type: expected string, got table')],
    # 3.7+ forbids create_time/update_time on PUT (and dropped validity_start/validity_end).
    "ssl.t TEST 17": [like("PUT", S1, ssl(sni="test.com", create_time=1602883670, update_time=1602893670), 400,
                           "the property is forbidden:.*create_time")],
    "ssl.t TEST 19": [put(S1, ssl(sni="test.com"), 201),
                      Step("PATCH", S1, {"create_time": 0, "update_time": 1}, 200,
                           {"value": {"create_time": 0, "update_time": 1, "sni": "test.com"}}),
                      Step("DELETE", S1, None, 200)],
    "ssl.t TEST 20": [err("PUT", S1, ssl(), 400, THEN)],
    "ssl.t TEST 21": [put(S1, ssl(type="client"), 201, {"key": "/apisix/ssls/1", "value": {"type": "client"}})],
}

# ssl2.t..ssl5.t style checks (apisix/ssl.lua `validate`): truncated PEMs from t/certs-like fixtures.
BAD_CRT, BAD_KEY = cert("4e0bc4ed8374.crt.pem"), cert("1ea33e4cc5bf.key.pem")
SSL_T_CASES.update({
    "ssl2.t invalid cert": [err("PUT", S1, {"cert": BAD_CRT, "key": KEY, "sni": "test.com"}, 400,
                                "failed to parse cert: PEM_read_bio_X509_AUX() failed")],
    "ssl2.t invalid key": [err("PUT", S1, ssl(key=BAD_KEY, sni="test.com"), 400,
                               "failed to parse key: PEM_read_bio_PrivateKey() failed")],
    "ssl2.t invalid key in keys": [err("PUT", S1, ssl(sni="test.com", certs=[ECC_CRT], keys=[BAD_KEY]), 400,
                                       "failed to handle cert-key pair[1]: failed to parse key: "
                                       "PEM_read_bio_PrivateKey() failed")],
    # ssl.validate does not check that cert and key belong together.
    "ssl2.t unmatched pair accepted": [put(S1, ssl(key=ECC_KEY, sni="test.com"), 201)],
    "ssl3.t bad ssl_protocols": [err("PUT", S1, ssl(sni="test.com", ssl_protocols=["TLSv1.0"]), 400,
                                     'invalid configuration: property "ssl_protocols" validation failed: '
                                     "failed to validate item 1: matches none of the enum values")],
})


@pytest.mark.parametrize("steps", params(SSL_T_CASES))
def test_ssl_t(box, steps: list[Step]) -> None:
    run_case(box, steps)


def test_ssl_t_test_2_get_strips_key(box) -> None:
    """ssl.t TEST 2: GET returns the ssl without its private key (`"key": null` in the test)."""
    run_case(box, [put(S1, ssl(sni="test.com"), 201)])
    resp = requests.get(f"{box.admin_url}/apisix/admin{S1}", timeout=5)
    body = resp.json()
    assert resp.status_code == 200 and body["key"] == "/apisix/ssls/1"
    assert body["value"]["sni"] == "test.com" and "key" not in body["value"]


BAD_CRT_SPACES = cert("9a2e35bbcaa5.crt.pem")  # ssl2.t TEST 6: truncated cert, trailing blanks
TRUNCATED_CRT = cert("4e0bc4ed8374.crt.pem")  # ssl2.t TEST 8
BAD_KEY_2 = cert("1ea33e4cc5bf.key.pem")  # ssl2.t TEST 7 and 9
# 3.14+ stores no schema defaults, so the old `"status": 1` is gone from every answer.
STORED = {"cert", "key", "sni", "id", "create_time", "update_time"}
SET_S1 = put(S1, {"cert": CRT, "key": KEY, "sni": "test.com"}, 201)


SSL_2_TO_5_CASES: dict[str, list[Step]] = {
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
    "ssl2.t TEST 7 bad key": [err("PUT", S1, ssl(key=BAD_KEY_2, sni="test.com"), 400,
                                  "failed to parse key: PEM_read_bio_PrivateKey() failed")],
    "ssl2.t TEST 8 bad certs": [err("PUT", S1, ssl(sni="t.com", certs=[TRUNCATED_CRT], keys=[KEY]), 400,
                                    "failed to handle cert-key pair[1]: failed to parse cert: "
                                    "PEM_read_bio_X509_AUX() failed")],
    "ssl2.t TEST 9 bad keys": [err("PUT", S1, ssl(sni="t.com", certs=[CRT], keys=[BAD_KEY_2]), 400,
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


@pytest.mark.parametrize("steps", params(SSL_2_TO_5_CASES))
def test_ssl_files(box, steps: list[Step]) -> None:
    run_probes(box, steps)
