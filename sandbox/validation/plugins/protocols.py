"""Protocol plugins: grpc-transcode (http) and mqtt-proxy (stream only)."""

from __future__ import annotations

from sandbox.validation import schema_def
from sandbox.validation.plugins.base import Plugin

# apisix/plugins/grpc-transcode.lua pb_option_def (its descriptions are swapped upstream too)
_pb_option_def = [
    {"description": "enum as result", "type": "string",
     "enum": ["int64_as_number", "int64_as_string", "int64_as_hexstring"]},
    {"description": "int64 as result", "type": "string", "enum": ["enum_as_name", "enum_as_value"]},
    {"description": "default values option", "type": "string",
     "enum": ["auto_default_values", "no_default_values", "use_default_values",
              "use_default_metatable"]},
    {"description": "hooks option", "type": "string", "enum": ["enable_hooks", "disable_hooks"]},
]

grpc_transcode = Plugin(
    name="grpc-transcode", priority=506, version=0.1,
    schema={
        "type": "object",
        "properties": {
            "proto_id": schema_def.id_schema,
            "service": {"description": "the grpc service name", "type": "string"},
            "method": {"description": "the method name in the grpc service.", "type": "string"},
            "deadline": {"description": "deadline for grpc, millisecond", "type": "number",
                         "default": 0},
            "pb_option": {"type": "array", "items": {"type": "string", "anyOf": _pb_option_def},
                          "minItems": 1,
                          "default": ["enum_as_name", "int64_as_number", "auto_default_values",
                                      "disable_hooks"]},
            "show_status_in_body": {"description": "show decoded grpc-status-details-bin in "
                                                   "response body",
                                    "type": "boolean", "default": False},
            "status_detail_type": {"description": "the message type of the "
                                                  "grpc-status-details-bin's details part, if "
                                                  "not given, the details part will not be "
                                                  "decoded",
                                   "type": "string"},
        },
        "additionalProperties": True,
        "required": ["proto_id", "service", "method"],
    },
)

# apisix/stream/plugins/mqtt-proxy.lua: only in `stream_plugins` of the default config.
mqtt_proxy = Plugin(
    name="mqtt-proxy", priority=1000, version=0.1, stream=True, http=False,
    schema={"type": "object", "properties": {
        "protocol_name": {"type": "string", "default": "MQTT"},
        "protocol_level": {"type": "integer"},
    }, "required": ["protocol_level"]},
)

PLUGINS = (grpc_transcode, mqtt_proxy)
