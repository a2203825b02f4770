"""Stream route writes as APISIX's own tests expect them: apache/apisix `t/admin/stream-routes.t` on
a `--stream` sandbox (3.18 rules), and `stream-routes-disable.t` on a plain one."""

from __future__ import annotations


import pytest

from tests.sandbox.apisix_t_cases import Step, UPSTREAM, err, params, put, run_case, run_probes

SR1 = "/stream_routes/1"
UP = {"nodes": {"127.0.0.1:8080": 1}, "type": "roundrobin"}
MQTT = {"mqtt-proxy": {"protocol_name": "MQTT", "protocol_level": 4}}
CHASH = {"type": "chash", "key": "mqtt_client_id", "nodes": [{"host": "127.0.0.1", "port": 1980, "weight": 1}]}
BASIC = {"remote_addr": "127.0.0.1", "upstream": UP}



CASES: dict[str, list[Step]] = {
    "stream-routes.t TEST 1-3": [
        put(SR1, {"remote_addr": "127.0.0.1", "desc": "new route", "upstream": UP}, 201,
            {"value": {"remote_addr": "127.0.0.1", "desc": "new route", "upstream": UP},
             "key": "/apisix/stream_routes/1"}),
        Step("GET", SR1, None, 200, {"value": {"remote_addr": "127.0.0.1", "upstream": UP, "desc": "new route"},
                                     "key": "/apisix/stream_routes/1"}),
        Step("DELETE", SR1, None, 200, {"deleted": "1", "key": "/apisix/stream_routes/1"}, "exact"),
    ],
    "stream-routes.t TEST 4": [Step("POST", "/stream_routes", {**BASIC, "desc": "new route"}, 201,
                                    {"value": {**BASIC, "desc": "new route"}})],
    "stream-routes.t TEST 5": [put(SR1, {"remote_addr": "127.0.0.1", "plugins": MQTT, "upstream": CHASH}, 201)],
    "stream-routes.t TEST 6": [put(SR1, {"remote_addr": "127.0.0.1", "server_addr": "127.0.0.1",
                                         "server_port": 1982, "plugins": MQTT, "upstream": CHASH}, 201,
                                   {"value": {"server_port": 1982}})],
    "stream-routes.t TEST 8-9": [put("/stream_routes/a-b-c-ABC_0123", BASIC, 201),
                                 Step("DELETE", "/stream_routes/a-b-c-ABC_0123", None, 200)],
    "stream-routes.t TEST 10": [put("/stream_routes/*invalid", BASIC, 400)],
    # 3.14+ no longer writes upstream defaults (hash_on, pass_host, scheme) into the stored value.
    "stream-routes.t TEST 11": [Step("POST", "/stream_routes", BASIC, 201, {"value": BASIC})],
    "stream-routes.t TEST 12-14": [
        put(SR1, BASIC, 201, {"key": "/apisix/stream_routes/1", "value": {**BASIC, "id": "1"}}),
        Step("GET", SR1, None, 200, {"key": "/apisix/stream_routes/1", "value": {**BASIC, "id": "1"}}),
        Step("DELETE", SR1, None, 200, {"deleted": "1", "key": "/apisix/stream_routes/1"}, "exact"),
    ],
    "stream-routes.t TEST 15": [err("PUT", SR1, {"remote_addr": "127.0.0.1", "plugins": {"mqttt-proxy": {}}},
                                    400, "unknown plugin [mqttt-proxy]")],
    "stream-routes.t TEST 16 (no xrpc protocols configured)": [
        err("PUT", SR1, {"protocol": {"name": "xxx"}, "upstream": UP}, 400, "unknown protocol [xxx]")],
    "stream-routes (methods) PATCH": [err("PATCH", SR1, BASIC, 405, "not supported `PATCH` method for stream route")],
}


@pytest.mark.parametrize("steps", params(CASES))
def test_stream_routes_t(stream_box, steps: list[Step]) -> None:
    run_case(stream_box, steps)


# `stream-routes-disable.t`: stream routes refused while stream mode is off (a plain sandbox).
# Steps may carry a `Probe` check, so these run with `run_probes`.
STREAM_DISABLED_CASES: dict[str, list[Step]] = {
    "stream-routes-disable.t TEST 1": [err("PUT", "/stream_routes/1", {"remote_addr": "127.0.0.1", "upstream": UPSTREAM,
                                                                     "desc": "new route"}, 400,
                                           "stream mode is disabled, can not add stream routes")],
}


@pytest.mark.parametrize("steps", params(STREAM_DISABLED_CASES))
def test_stream_routes_disabled_t(box, steps: list[Step]) -> None:
    run_probes(box, steps)
