"""Route checks (`check("routes", ...)`) with APISIX's exact texts, and the schema-only check."""

from __future__ import annotations

import copy

import pytest

from sandbox.validation import validate_schema_only
from tests.sandbox.validation.resource_check import UPSTREAM, error_of


def test_conference_upstream_and_route_are_valid() -> None:
    assert error_of("upstreams", UPSTREAM) is None
    route = {"uris": ["/speaker/*"], "methods": ["GET"], "upstream_id": "1"}
    assert error_of("routes", route) is None


def test_check_does_not_inject_defaults_into_caller_conf() -> None:
    route = {"uri": "/a", "upstream": copy.deepcopy(UPSTREAM)}
    before = copy.deepcopy(route)
    assert error_of("routes", route) is None
    assert route == before


ROUTE_CASES = [
    ({"uri": "/a", "methods": ["GET", "GETX"], "upstream_id": "1"},
     'invalid configuration: property "methods" validation failed: failed to validate '
     "item 2: matches none of the enum values"),
    ({"uri": "/a", "host": "a.com", "hosts": ["b.com"], "upstream_id": "1"},
     "only one of host or hosts is allowed"),
    ({"uri": "/a", "remote_addr": "127.0.0.1", "remote_addrs": ["127.0.0.1"],
      "upstream_id": "1"}, "only one of remote_addr or remote_addrs is allowed"),
    ({"upstream_id": "1"},
     "invalid configuration: allOf 1 failed: value should match only one schema, "
     "but matches none"),
    ({"uri": "/a", "uris": ["/b"], "upstream_id": "1"},
     "invalid configuration: allOf 1 failed: value should match only one schema, "
     "but matches both schemas 1 and 2"),
    ({"uri": "/a", "upstream_id": "1", "zzz": 1},
     "invalid configuration: additional properties forbidden, found zzz"),
    ({"uri": "/a", "upstream_id": "1", "name": "n" * 257},
     'invalid configuration: property "name" validation failed: string too long, '
     "expected at most 256, got 257"),
    ({"uri": "/a", "upstream_id": "1", "id": "a b"},
     'invalid configuration: property "id" validation failed: object matches none of '
     "the required"),
    ({"uri": "/a", "upstream_id": "99"},
     "failed to fetch upstream info by upstream id [99], response code: 404"),
    ({"uri": "/a", "service_id": "s1"},
     "failed to fetch service info by service id [s1], response code: 404"),
    ({"uri": "/a", "upstream_id": "1", "plugin_config_id": "p"},
     "failed to fetch plugin config info by plugin config id [p], response code: 404"),
    ({"uri": "/a", "plugins": {"not-a-plugin": {}}}, "unknown plugin [not-a-plugin]"),
    ({"uri": "/a", "upstream_id": "1", "vars": [["arg_name", "=", "json"]]},
     "failed to validate the 'vars' expression: invalid operator '='"),
    ({"uri": "/a", "upstream_id": "1", "labels": {"env": {}}},
     'invalid configuration: property "labels" validation failed: failed to validate env '
     '(matching ".*"): wrong type: expected string, got table'),
    ({"uri": "/a", "upstream_id": "1", "status": 2},
     'invalid configuration: property "status" validation failed: matches none of the '
     "enum values"),
    ({"uri": "/a", "upstream_id": "1", "timeout": {"connect": 1, "send": 1}},
     'invalid configuration: property "timeout" validation failed: property "read" is '
     "required"),
    ({"uri": "/a", "upstream_id": "1", "remote_addr": "300.0.0.1"},
     'invalid configuration: property "remote_addr" validation failed: object matches '
     "none of the required"),
    ({"uri": "/a", "script": "local _M = {} return _M", "plugins": {}},
     "invalid configuration: value wasn't supposed to match schema"),
]


@pytest.mark.parametrize(("conf", "expected"), ROUTE_CASES)
def test_route_errors(conf: dict, expected: str) -> None:
    assert error_of("routes", conf) == expected


def test_route_without_upstream_lists_required_combos() -> None:
    msg = error_of("routes", {"uri": "/a"})
    assert msg is not None
    assert msg.startswith('invalid configuration: object matches none of the required: '
                          '["plugins","uri"] or ["upstream","uri"]')


def test_validate_schema_only_has_no_prefix_and_no_reference_checks() -> None:
    assert validate_schema_only("routes", {"uri": "/a", "upstream_id": "missing"}) is None
    assert validate_schema_only("routes", {"uri": "/a", "upstream_id": "1", "zzz": 1}) == \
        "additional properties forbidden, found zzz"
