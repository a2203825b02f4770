"""Proto writes as APISIX's own tests expect them: apache/apisix `t/admin/proto.t` (2.x `/proto` paths
moved to 3.x `/protos`) and `protos.t`."""

from __future__ import annotations

import pytest

from tests.sandbox.apisix_t_cases import Step, err, like, params, put, run_case, run_probes

# The test embeds raw newlines inside the JSON string; lua-cjson accepts them.
HELLO = '''{"content": "syntax = \\"proto3\\";
        package proto;
        message HelloRequest{
            string name = 1;
        }

        message HelloResponse{
            int32 code = 1;
            string msg = 2;
        }
        // The greeting service definition.
        service Hello {
            // Sends a greeting
            rpc SayHi (HelloRequest) returns (HelloResponse){}
        }"}'''
DUPLICATE = '''{"content": "syntax = \\"proto3\\";
        package proto;
        message HelloRequest{
            string name = 1;
        }

        message HelloResponse{
            int32 code = 1;
            string msg = 1;
        }"}'''
GRPC_ROUTE = {"methods": ["GET"], "plugins": {"grpc-transcode": {"method": "SayHi", "proto_id": 2,
                                                                  "service": "proto.Hello"}},
              "upstream": {"nodes": {"127.0.0.1:8080": 1}, "type": "roundrobin"}, "uri": "/grpc/sayhi",
              "name": "hi-grpc"}

CASES: dict[str, list[Step]] = {
    "proto.t TEST 1": [put("/protos/1", HELLO, 201, {"key": "/apisix/protos/1", "value": {"id": "1"}})],
    "proto.t TEST 2": [put("/protos/1", HELLO, 201),
                       Step("DELETE", "/protos/1", None, 200, {"deleted": "1", "key": "/apisix/protos/1"}, "exact")],
    "proto.t TEST 4": [like("PUT", "/protos/1", DUPLICATE, 400, r'^\{"error_msg":"invalid content: ')],
    "proto.t (3.x) missing content": [err("PUT", "/protos/1", {}, 400,
                                          'invalid configuration: property "content" is required')],
    "proto.t (3.x) PATCH not supported": [err("PATCH", "/protos/1", {"content": "x"}, 405,
                                              "not supported `PATCH` method for proto")],
    "proto.t (3.x) POST": [Step("POST", "/protos", HELLO, 201, r'^\{"key":"/apisix/protos/\d{20}"', "like")],
}


@pytest.mark.parametrize("steps", params(CASES))
def test_proto_t(box, steps: list[Step]) -> None:
    run_case(box, steps)


def test_proto_t_test_3_referenced_proto(box) -> None:
    """proto.t TEST 3: a proto used by grpc-transcode on a route cannot be deleted."""
    run_case(box, [put("/protos/2", HELLO, 201), put("/routes/2", GRPC_ROUTE, 201),
                   err("DELETE", "/protos/2", None, 400, "can not delete this proto, route [2] is still using it now")])


PROTO = {"content": 'syntax = "proto3";\npackage proto;\nmessage HelloRequest{\n  string name = 1;\n}\n'
                    "message HelloResponse{\n  int32 code = 1;\n  string msg = 2;\n}\n"
                    "service Hello {\n  rpc SayHi (HelloRequest) returns (HelloResponse){}\n}"}


# `protos.t`.
# Steps may carry a `Probe` check, so these run with `run_probes`.
PROTOS_T_CASES: dict[str, list[Step]] = {
    "protos.t TEST 1": [put("/protos/1", PROTO, 201, {"key": "/apisix/protos/1", "value": {"id": "1"}})],
    "protos.t TEST 1 GET": [put("/protos/1", PROTO, 201),
                            Step("GET", "/protos/1", None, 200, {"value": PROTO, "key": "/apisix/protos/1"})],
}


@pytest.mark.parametrize("steps", params(PROTOS_T_CASES))
def test_protos_t(box, steps: list[Step]) -> None:
    run_probes(box, steps)
