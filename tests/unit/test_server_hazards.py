"""Regex filters that could stall APISIX's worker are refused; ordinary ones pass."""

from __future__ import annotations

import re

import pytest

from apisix_gpt.errors import RequestRejected
from apisix_gpt.hazards import check_list_filters, risky_regex


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a*)*b", "((ab)+)*", "(x+y)+", "(\\d+)\\1", "(a+){2,}",
                                     "^(([a-z])+.)+[A-Z]([a-z])+$"])
def test_catastrophic_shapes_are_risky(pattern: str) -> None:
    assert risky_regex(pattern) is not None


@pytest.mark.parametrize("pattern", ["route-a", "^/speaker/", "(foo|bar)+", "a+b*c{2,3}", "[(a+)]+",
                                     "\\(a+\\)+", "(ab)?", "^/api/v[0-9]+/", "(?:x)*", ".*"])
def test_ordinary_patterns_pass(pattern: str) -> None:
    re.compile(pattern)  # each is a valid regex, so the test is about risk, not syntax
    assert risky_regex(pattern) is None


def test_a_refusal_names_the_field_and_says_what_to_do() -> None:
    with pytest.raises(RequestRejected) as caught:
        check_list_filters(name="(a+)+$", uri=None)
    text = str(caught.value)
    assert text.startswith("query.name: ") and "(a+)+" in text and "simpler pattern" in text
    check_list_filters(name=None, uri="^/a")  # no error
