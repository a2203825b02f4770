"""Schemathesis contract suite: every operation of the curated spec against the live stack (profile full)."""

from __future__ import annotations

from pathlib import Path

import hypothesis
import pytest
import requests
import schemathesis
from schemathesis.config import SchemathesisConfig

from tests.contract.rules import ADDITIONAL, EXCLUDED, SPEC_PATH
from tests.helpers.stack import Stack

ROOT = Path(__file__).resolve().parents[2]
CONFIG = SchemathesisConfig.from_path(ROOT / "schemathesis.toml")
schema = schemathesis.openapi.from_path(SPEC_PATH, config=CONFIG)

pytestmark = [pytest.mark.live, pytest.mark.slow]


def test_base_url_reaches_list_routes(stack: Stack) -> None:
    # Guards the fuzzing below: with a wrong base URL every call 404s and 404 is "documented".
    response = requests.get(f"{stack.api_url}/apisix/admin/routes", timeout=10,
                            headers={"Authorization": f"Bearer {stack.token}"})
    assert response.status_code == 200
    assert response.json()["list"] == [] or response.json()["total"] >= 1


@schema.parametrize()
@hypothesis.settings(max_examples=8, deadline=None, derandomize=True,
                     suppress_health_check=list(hypothesis.HealthCheck))
def test_operation_conforms(case: schemathesis.Case, stack: Stack) -> None:
    case.call_and_validate(base_url=stack.api_url, headers={"Authorization": f"Bearer {stack.token}"},
                           excluded_checks=EXCLUDED, additional_checks=ADDITIONAL, timeout=30)
