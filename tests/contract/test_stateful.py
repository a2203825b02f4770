"""Stateful Schemathesis run: chains create -> get -> patch -> delete through the spec's links."""

from __future__ import annotations

from typing import Any

import hypothesis
import pytest
from schemathesis import Case, Response

from tests.contract.rules import ADDITIONAL, EXCLUDED
from tests.contract.test_contract import schema
from tests.helpers.stack import Stack

pytestmark = [pytest.mark.live, pytest.mark.slow]


def test_stateful_crud_chains(stack: Stack) -> None:
    stack.reset()

    class Workflow(schema.as_state_machine()):  # type: ignore[misc]
        def get_call_kwargs(self, case: Case) -> dict[str, Any]:
            return {"base_url": stack.api_url, "headers": {"Authorization": f"Bearer {stack.token}"},
                    "timeout": 30}

        def validate_response(self, response: Response, case: Case,
                              additional_checks: Any = None, **kwargs: Any) -> None:
            case.validate_response(response, excluded_checks=EXCLUDED, additional_checks=ADDITIONAL,
                                   transport_kwargs=kwargs or None)

    Workflow.run(settings=hypothesis.settings(
        max_examples=8, stateful_step_count=6, deadline=None, derandomize=True,
        suppress_health_check=list(hypothesis.HealthCheck)))

